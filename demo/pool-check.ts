/**
 * A bare page that runs the engines with their Web Worker pools and in one thread, and exposes
 * whether the results are the same bits as `window.setsimPoolCheck` (driven by tests/browser-pool.test.ts):
 * the CPU engine's block entropies over a pool, and the GPU engine's host share over a pool.
 */
import { cpuEngine, runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { inlineSolver, workerSolver } from "../src/engine/cpu/block-pool.ts";
import { defaultHostThreads } from "../src/engine/host-pool.ts";
import { requestGpu } from "../src/engine/webgpu/device.ts";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import type { EngineJob, EngineRun } from "../src/engine/engine.ts";
import type { Problem } from "../src/model/problem.ts";

interface Check {
  /** what ran, and whether pooled and in-thread results are identical (NaN equal to NaN, 0 ≠ −0) */
  name: string;
  same: boolean;
  threads: number;
  firstDifference?: string;
}

declare global {
  interface Window {
    setsimPoolCheck?: { cores: number; defaultHostThreads: number; checks: Check[]; error?: string };
  }
}

/** Where two runs first differ, or undefined when they are the same bits. */
function difference(a: unknown, b: unknown, at = ""): string | undefined {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) ? undefined : `${at}: ${a} vs ${b}`;
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return a === b ? undefined : `${at}: ${String(a)} vs ${String(b)}`;
}

const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1 };
const problems: Problem[] = [
  { ...base, KL: 16, KR: 16, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } },
  { ...base, KL: 12, KR: 12, GammaL: 3, GammaR: 3, initial: { kind: "pure", seed: 5 } },
  { ...base, KL: 13, KR: 9, GammaL: 2, GammaR: 5, epsD: 0.4, nD: 1, initial: { kind: "thermal" } },
];
const times = [0, 0.3, 2, 15, 1e3, 1e5];
const out = document.getElementById("out")!;
const checks: Check[] = [];
try {
  const cores = navigator.hardwareConcurrency;
  const solver = await workerSolver(3);
  if (!solver) throw new Error("no Web Worker pool for the CPU engine");
  const cpu = await cpuEngine(solver);
  for (const p of problems) {
    const pooled = await cpu.run(p, times);
    const d = difference(pooled, await runCpu(p, times, undefined, inlineSolver));
    checks.push({ name: `${cpu.name}: ${p.initial.kind} K=${p.KL}/${p.KR}`, same: !d, threads: solver.threads, firstDifference: d });
  }
  cpu.close();
  const ctx = await requestGpu();
  if (ctx) {
    const jobs: EngineJob[] = problems.map((problem) => ({ problem, times }));
    const runs: EngineRun[][] = [];
    for (const threads of [0, 2]) {
      const engine = await webgpuEngine(ctx, "fast", threads);
      runs.push(await engine.runMany!(jobs));
    }
    const d = difference(runs[1], runs[0]);
    checks.push({ name: `webgpu host share on 2 Web Workers (${ctx.adapterName})`, same: !d, threads: 2, firstDifference: d });
  }
  window.setsimPoolCheck = { cores, defaultHostThreads: await defaultHostThreads(), checks };
  out.textContent = JSON.stringify(window.setsimPoolCheck, null, 2);
} catch (e) {
  window.setsimPoolCheck = { cores: navigator.hardwareConcurrency, defaultHostThreads: 0, checks, error: String(e) };
  out.textContent = String(e);
}
