/**
 * `npm run bench -- [WORKLOAD...] [--engine cpu|webgpu|auto] [--precision fast|accurate] [--sweeps N] [--host-threads N] [--threads 1|2] [--compare]`: times the engine on named workloads and prints
 * what it measured (wall time, time per (Γ, t) point, the machine). Workloads: SPEC §5 names plus the
 * CPU-sized `trace-k200` and `point-k1000` of the core issue, `trace-k32` for software GPUs, and
 * `host-k1000` (the host's per-time share of the GPU engine's work), `tridiag-k1000` (the df64
 * tridiagonal kernel alone, over workgroup and batch sizes).
 */
import os from "node:os";
import { cpuEngine, runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { ROW_COLUMNS, type Row } from "../src/observables/columns.ts";
import { inlineSolver } from "../src/engine/cpu/block-pool.ts";
import { createEngine, type EngineRun } from "../src/engine/engine.ts";
import { benchOptions } from "./bench-args.ts";
import type { Problem } from "../src/model/problem.ts";
import { resolveTimes } from "../src/config/time-grid.ts";
import { planRun, rowAt, vectorsAt } from "../src/engine/run-plan.ts";
import { inlineHost, workerHost } from "../src/engine/host-pool.ts";
import { bathBlock } from "../src/propagation/correlation-blocks.ts";

const caseA = (K: number, Gamma: number): Problem => ({
  KL: K, KR: K, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1,
  GammaL: Gamma, GammaR: Gamma, initial: { kind: "thermal" },
});
const traceTimes = () => resolveTimes({ from: 1e-4, to: 1e8, perDecade: 10, zero: true }, "times");
const logspace = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, i) => a * (b / a) ** (n === 1 ? 0 : i / (n - 1)));

type Job = { label: string; problem: Problem; times: number[] };
const WORKLOADS: Record<string, () => Job[]> = {
  "trace-k32": () => [{ label: "case a, K=32, Γ=3, 122 times (SwiftShader-sized)", problem: caseA(32, 3), times: traceTimes() }],
  "trace-k64": () => [
    { label: "case a, K=64, Γ=3, 122 times", problem: caseA(64, 3), times: traceTimes() },
    { label: "pure seed 5, K=64, Γ=3, 122 times", problem: { ...caseA(64, 3), initial: { kind: "pure", seed: 5 } }, times: traceTimes() },
  ],
  "trace-k200": () => [{ label: "case a, K=200, Γ=3, 122 times", problem: caseA(200, 3), times: traceTimes() }],
  // how fast mode's error grows with K (SwiftShader-sized): --compare against the f64 engine
  "check-k128": () => [
    { label: "case a, K=128, Γ=3, 6 times", problem: caseA(128, 3), times: [0.3, 2, 10, 100, 1e3, 1e5] },
  ],
  // accuracy at the paper's size: --compare runs the f64 engine on the same points
  "check-k1000": () => [
    { label: "case a, K=1000, Γ=3, 4 times", problem: caseA(1000, 3), times: [0.3, 15, 1e3, 1e5] },
    { label: "pure seed 5, K=1000, Γ=3, 4 times", problem: { ...caseA(1000, 3), initial: { kind: "pure", seed: 5 } }, times: [0.3, 15, 1e3, 1e5] },
  ],
  "point-k1000": () => [{ label: "case a, K=1000, Γ=3, t=1e5", problem: caseA(1000, 3), times: [1e5] }],
  trace: () => [{ label: "case a, K=1000, Γ=3, 122 times", problem: caseA(1000, 3), times: traceTimes() }],
  massive: () => logspace(1, 1000, 64).map((G) => ({ label: `Γ=${G.toPrecision(4)}`, problem: caseA(1000, G), times: logspace(1e-2, 1e8, 64) })),
  scaling: () => [250, 500, 1000, 2000, 4000].map((K) => ({ label: `K=${K}, t=1e5`, problem: caseA(K, 3), times: [1e5] })),
};
WORKLOADS.fig6 = () =>
  [0.5, 1, 1.5, 2, 2.5, 3].flatMap((x) => [
    { label: `case a Γ=10^${x}`, problem: caseA(1000, 10 ** x), times: logspace(1e5, 1e8, 21) },
    { label: `case b Γ=10^${x}`, problem: { ...caseA(1000, 10 ** x), muL: 0.5, muR: 0.5 }, times: logspace(1e5, 1e8, 21) },
  ]);

function worstError(rows: Row[], ref: Row[]): string {
  let worst = 0;
  let where = "none";
  ref.forEach((r, i) => {
    for (const c of ROW_COLUMNS) {
      if (!Number.isFinite(r[c])) continue;
      const e = Math.abs(rows[i][c] - r[c]) / Math.max(Math.abs(r[c]), 1);
      if (e > worst) {
        worst = e;
        where = `${c} at t=${r.t}`;
      }
    }
  });
  return `${worst.toExponential(2)} (${where})`;
}

/**
 * `host-k1000`: the f64 host work per time that the GPU engine does not take over, at K = 1000 (no
 * engine involved): the O(N²) vectors of C(t), the row (S_B's O(N²) secular roots, β*, μ*), and the
 * bath blocks that the f32 Jacobi fallback forms on the host. With exact double-float the GPU engine
 * leaves only the row on the host.
 */
async function hostK1000(threads: number[]) {
  const problem = caseA(1000, 3);
  const plan = planRun(problem);
  for (const t of [1, 1e5]) {
    let t0 = performance.now();
    const v = vectorsAt(plan, t);
    const vectors = performance.now() - t0;
    t0 = performance.now();
    bathBlock(plan.h, v, 1, 1000);
    bathBlock(plan.h, v, 1001, 1000);
    const blocks = performance.now() - t0;
    t0 = performance.now();
    rowAt(plan, t, v, 0, 0);
    const row = performance.now() - t0;
    console.log(`host-k1000: t=${t}: vectors of C(t) ${vectors.toFixed(0)} ms, the row (S_B by the secular equation, β*, μ*, decomposition) ${row.toFixed(0)} ms, the two f64 bath blocks (the f32 Jacobi fallback forms them here) ${blocks.toFixed(0)} ms`);
  }
  // the same share for 16 points through the GPU engine's host pool (0 = in-thread)
  const times = logspace(1, 1e5, 16);
  for (const n of threads) {
    const host = n === 0 ? inlineHost() : await workerHost(n);
    if (!host) continue;
    host.plan("bench", problem);
    const t0 = performance.now();
    await Promise.all(times.map((t, p) => host.vectors("bench", p, t).then((v) => host.row("bench", p, t, v, 0, 0))));
    console.log(`host-k1000: 16 points, ${n} worker threads: ${((performance.now() - t0) / 16).toFixed(0)} ms a point`);
    host.close();
  }
}

/**
 * `tridiag-k1000`: the df64 tridiagonal reduction alone on K = 1000 bath blocks formed on the GPU
 * (one time's vectors repeated), over workgroup sizes and batch sizes: GPU time per block.
 */
async function tridiagK1000() {
  const { requestGpu } = await import("../src/engine/webgpu/device.ts");
  const { probeDf64 } = await import("../src/engine/webgpu/df64-probe.ts");
  const { createBlockFormer } = await import("../src/engine/webgpu/block-former.ts");
  const { createTridiagonalEigenvalues } = await import("../src/engine/webgpu/tridiagonal-eigenvalues.ts");
  const ctx = await requestGpu();
  if (!ctx) throw new Error("tridiag-k1000 needs a WebGPU adapter");
  const exact = await probeDf64(ctx);
  const former = await createBlockFormer(ctx, exact);
  const problem = caseA(1000, 3);
  const plan = planRun(problem);
  const input = { v: vectorsAt(plan, 1e5), h: plan.h, KL: 1000, KR: 1000 };
  const maxWg = ctx.device.limits.maxComputeInvocationsPerWorkgroup;
  console.log(`tridiag-k1000: ${ctx.adapterName}; max binding ${ctx.device.limits.maxStorageBufferBindingSize} B, max workgroup ${maxWg}`);
  for (const workgroupSize of [256, 512, 1024].filter((w) => w <= maxWg)) {
    const tri = await createTridiagonalEigenvalues(ctx, exact, { workgroupSize, batchBytes: 2 ** 34 });
    for (const blocks of [132, 264, 528]) {
      if (blocks > tri.capacity(1000)) continue;
      const t0 = performance.now();
      const g0 = tri.stats.gpuSeconds;
      await tri.runFormed(former, Array(blocks / 2).fill(input), 1000);
      const wall = (performance.now() - t0) / 1000;
      const gpu = tri.stats.gpuSeconds - g0;
      console.log(`tridiag-k1000: workgroup ${workgroupSize}, ${blocks} blocks: GPU ${gpu.toFixed(3)} s = ${((1000 * gpu) / blocks).toFixed(2)} ms/block, wall ${wall.toFixed(3)} s (host QL included)`);
    }
  }
  ctx.release();
}

async function main(argv: string[]) {
  const values = benchOptions(argv, [...Object.keys(WORKLOADS), "host-k1000", "tridiag-k1000"]);
  if (!values) return;
  const chosen = values.workloads;
  const engine = values.threads === 1 ? await cpuEngine(inlineSolver) : await createEngine(values.engine, {
        precision: values.precision,
        sweeps: values.sweeps,
        hostThreads: values.hostThreads,
      });
  console.log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} cores, node ${process.version}; engine ${engine.name}`);
  for (const name of chosen) {
    if (name === "tridiag-k1000") {
      await tridiagK1000();
      continue;
    }
    if (name === "host-k1000") {
      await hostK1000([0, ...new Set([1, os.availableParallelism() - 1, os.availableParallelism()])].filter((n) => n >= 0));
      continue;
    }
    const make = WORKLOADS[name];
    let points = 0;
    const k0 = engine.kernelStats && structuredClone(engine.kernelStats);
    const t0 = performance.now();
    const jobs = make();
    // an engine that packs jobs (the GPU: many Γ per submission) gets the whole workload at once
    const runs = engine.runMany
      ? await engine.runMany(jobs)
      : await jobs.reduce<Promise<EngineRun[]>>(async (acc, job) => {
        const done = await acc;
        const s = performance.now();
        done.push(await engine.run(job.problem, job.times));
        console.log(`  ${name}: ${job.label}: ${((performance.now() - s) / 1000).toFixed(3)} s`);
        return done;
      }, Promise.resolve([]));
    const total = (performance.now() - t0) / 1000;
    for (const [k, job] of jobs.entries()) {
      points += job.times.length;
      if (values.compare) console.log(`  ${name}: ${job.label}: worst error against cpu-f64: ${worstError(runs[k].rows, (await runCpu(job.problem, job.times)).rows)}`);
    }
    console.log(`${name}: ${points} points in ${total.toFixed(3)} s = ${((1000 * total) / points).toFixed(1)} ms/point`);
    if (engine.kernelStats && k0) {
      const gpu = engine.kernelStats.gpuSeconds - k0.gpuSeconds;
      const flops = engine.kernelStats.flops - k0.flops;
      for (const [stage, now] of Object.entries(engine.kernelStats.stages)) {
        const seconds = now.seconds - (k0.stages[stage]?.seconds ?? 0);
        const flops = now.flops - (k0.stages[stage]?.flops ?? 0);
        const rate = flops > 0 ? `, ${(flops / seconds / 1e9).toFixed(2)} GFLOP/s` : "";
        console.log(`    ${stage}: ${seconds.toFixed(3)} s (${((100 * seconds) / total).toFixed(0)} % of wall)${rate}`);
      }
      console.log(`${name}: ${engine.kernelStats.submissions - k0.submissions} GPU submissions`);
      console.log(`${name}: GPU kernels ${gpu.toFixed(3)} s of GPU time (timestamp queries), ${(flops / 1e9).toFixed(1)} GFLOP counted, ${(flops / gpu / 1e9).toFixed(2)} GFLOP/s (Jacobi: 32 flops per element per round, +16 with vectors; df64: 8 per complex multiply–add)`);
    }
  }
  engine.close();
}

await main(process.argv.slice(2));
