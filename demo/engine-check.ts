/**
 * A bare page that runs configs on the browser's WebGPU adapter with the very engine code the CLI
 * uses, and exposes the results as `window.setsimCheck` (driven by tests/browser.test.ts): one
 * `problem`, or several `problems` at once through runMany (each with the same `times`).
 */
import { requestGpu } from "../src/engine/webgpu/device.ts";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import type { Problem } from "../src/model/problem.ts";

declare global {
  interface Window {
    setsimCheck?: { adapter: string; engine?: string; rows?: unknown; meta?: unknown; runs?: unknown; submissions?: number; error?: string };
  }
}

const query = new URLSearchParams(location.search);
const problem: Problem | null = JSON.parse(query.get("problem") ?? "null");
const problems: Problem[] | null = JSON.parse(query.get("problems") ?? "null");
const times: number[] = JSON.parse(query.get("times") ?? "[0]");
const precision = query.get("precision") === "accurate" ? "accurate" : "fast";
const out = document.getElementById("out")!;
try {
  const ctx = await requestGpu();
  if (!ctx) throw new Error("no WebGPU adapter");
  const engine = await webgpuEngine(ctx, precision);
  if (problems) {
    const runs = await engine.runMany!(problems.map((p) => ({ problem: p, times })));
    window.setsimCheck = { adapter: ctx.adapterName, engine: engine.name, runs, submissions: engine.kernelStats?.submissions };
    out.textContent = `adapter: ${ctx.adapterName}\n${runs.length} runs`;
  } else {
    const { rows, meta } = await engine.run(problem!, times);
    window.setsimCheck = { adapter: ctx.adapterName, engine: engine.name, rows, meta };
    out.textContent = `adapter: ${ctx.adapterName}\n${rows.length} rows`;
  }
} catch (e) {
  window.setsimCheck = { adapter: "none", error: String(e) };
  out.textContent = String(e);
}
