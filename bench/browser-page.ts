/**
 * The browser side of `npm run bench -- WORKLOAD --browser` (browser.ts): runs a workload of
 * workloads.ts through the engine a page gets from the library (createEngine, runMany), on the
 * browser's WebGPU adapter, and exposes the measurement as `window.setsimBench`.
 */
import { createEngine, type EngineName, type Precision } from "../src/engine/engine.ts";
import { type Measured, measure } from "./measure.ts";
import { WORKLOADS } from "./workloads.ts";

declare global {
  interface Window {
    setsimBench?: { measured?: Measured; cores: number; error?: string };
  }
}

const query = new URLSearchParams(location.search);
const out = document.getElementById("out")!;
try {
  const engine = await createEngine((query.get("engine") ?? "webgpu") as EngineName, {
    precision: (query.get("precision") ?? "fast") as Precision,
    hostThreads: query.has("host-threads") ? Number(query.get("host-threads")) : undefined,
  });
  const measured = await measure(engine, WORKLOADS[query.get("workload")!]());
  engine.close();
  window.setsimBench = { measured, cores: navigator.hardwareConcurrency };
  out.textContent = `${measured.points} points in ${measured.seconds.toFixed(3)} s`;
} catch (e) {
  window.setsimBench = { cores: navigator.hardwareConcurrency, error: String(e) };
  out.textContent = String(e);
}
