/**
 * `npm run bench -- [WORKLOAD...] [--engine cpu|webgpu|auto] [--precision fast|accurate] [--sweeps N] [--host-threads N] [--threads 1|2] [--K N] [--compare] [--json FILE]`: times the engine on named workloads and prints
 * what it measured (wall time, time per (Γ, t) point, the machine; `--json` also writes it as a
 * BenchReport, src/bench/report.ts). Workloads (src/bench/workloads.ts): SPEC §5 names (at bath size `--K`, default 1000) plus the
 * CPU-sized `trace-k200` and `point-k1000` of the core issue, `trace-k32` for software GPUs, and
 * `host-k1000` (the host's per-time share of the GPU engine's work), `tridiag-k1000` (the df64
 * tridiagonal kernel alone, over workgroup and batch sizes).
 */
import os from "node:os";
import { writeFileSync } from "node:fs";
import { cpuEngine, runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { ROW_COLUMNS, type Row } from "../src/observables/columns.ts";
import { inlineSolver } from "../src/engine/cpu/block-pool.ts";
import { createEngine } from "../src/engine/engine.ts";
import { benchOptions } from "./bench-args.ts";
import { planRun, rowAt, vectorsAt } from "../src/engine/run-plan.ts";
import { inlineHost, workerHost } from "../src/engine/host-pool.ts";
import { bathBlock } from "../src/propagation/correlation-blocks.ts";
import { caseA, logspace, WORKLOADS } from "../src/bench/workloads.ts";
import { benchInProcess } from "../src/bench/run-bench.ts";

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
  const engine = values.threads === 1 ? await cpuEngine(inlineSolver) : await createEngine(values.engine, {
        precision: values.precision,
        sweeps: values.sweeps,
        hostThreads: values.hostThreads,
      });
  const threadCounts = [0, ...new Set([1, os.availableParallelism() - 1, os.availableParallelism()])].filter((n) => n >= 0);
  const report = await benchInProcess(engine, values.workloads, values.K, (line) => console.log(line), {
    special: { "tridiag-k1000": tridiagK1000, "host-k1000": () => hostK1000(threadCounts) },
    afterRun: async (name, jobs, runs) => {
      if (!values.compare) return;
      for (const [k, job] of jobs.entries()) console.log(`  ${name}: ${job.label}: worst error against cpu-f64: ${worstError(runs[k].rows, (await runCpu(job.problem, job.times)).rows)}`);
    },
  });
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2) + "\n");
  engine.close();
}

await main(process.argv.slice(2));
