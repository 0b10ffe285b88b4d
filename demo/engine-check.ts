/**
 * A bare page that runs one config on the browser's WebGPU adapter with the very engine code the
 * CLI uses, and exposes the result as `window.setsimCheck` (driven by tests/browser.test.ts).
 */
import { requestGpu } from "../src/engine/webgpu/device.ts";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import type { Problem } from "../src/model/problem.ts";

declare global {
  interface Window {
    setsimCheck?: { adapter: string; engine?: string; rows?: unknown; meta?: unknown; error?: string };
  }
}

const problem: Problem = JSON.parse(new URLSearchParams(location.search).get("problem") ?? "null");
const times: number[] = JSON.parse(new URLSearchParams(location.search).get("times") ?? "[0]");
const precision = new URLSearchParams(location.search).get("precision") === "accurate" ? "accurate" : "fast";
const out = document.getElementById("out")!;
try {
  const ctx = await requestGpu();
  if (!ctx) throw new Error("no WebGPU adapter");
  const engine = await webgpuEngine(ctx, precision);
  const { rows, meta } = await engine.run(problem, times);
  window.setsimCheck = { adapter: ctx.adapterName, engine: engine.name, rows, meta };
  out.textContent = `adapter: ${ctx.adapterName}\n${rows.length} rows`;
} catch (e) {
  window.setsimCheck = { adapter: "none", error: String(e) };
  out.textContent = String(e);
}
