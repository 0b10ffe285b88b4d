/**
 * `npm run bench -- [WORKLOAD...] [--engine cpu|webgpu|auto] [--precision fast|accurate] [--host-threads N] [--batch-mib N] [--threads 1|2] [--K N] [--compare] [--json FILE]`: times the engine on named workloads and prints
 * what it measured (wall time, time per (Γ, t) point, the machine; `--json` also writes it as a
 * BenchReport, src/bench/report.ts). Workloads (src/bench/workloads.ts): SPEC §5 names (at bath size `--K`, default 1000) plus the
 * CPU-sized `trace-k200` and `point-k1000` of the core issue, `trace-k32` for software GPUs, and
 * `host-k1000` (the host's per-time share of the GPU engine's work), `tridiag-k1000` (the df64
 * tridiagonal kernel alone, over workgroup sizes, panel widths and batch sizes), `fast-counts` and
 * `graded-k<K>` (fast mode's per-block counts and its f32 emulation against f64, bench/fast-mode.ts). The same workloads
 * run in headless Chromium with `setsim bench WORKLOAD --runtime chromium` (src/cli/bench-command.ts).
 */
import os from "node:os";
import { writeFileSync } from "node:fs";
import { cpuEngine, runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { inlineSolver } from "../src/engine/cpu/block-pool.ts";
import { createEngine } from "../src/engine/engine.ts";
import { benchOptions } from "./bench-args.ts";
import { planRun, rowAt, rowWith, vectorsAt } from "../src/engine/run-plan.ts";
import { deletedRowEntropyChange } from "../src/spectrum/deleted-row.ts";
import { inlineHost, workerHost } from "../src/engine/host-pool.ts";
import { bathBlock } from "../src/propagation/correlation-blocks.ts";
import { caseA, logspace, WORKLOADS } from "../src/bench/workloads.ts";
import { benchInProcess } from "../src/bench/run-bench.ts";
import { worstError } from "../src/bench/measure.ts";

/**
 * `host-k1000`: the f64 host work per time at K = 1000 (no engine involved): the O(N²) vectors of C(t)
 * and the f64 bath blocks (only the f32 Jacobi fallback still makes them on the host), the row with
 * S_B by the O(N²) secular roots on the host (the fallback, and the df64 path before S_B moved to the
 * GPU), and the row that the df64 path leaves on the host: β*, μ*, the decomposition and the sum of
 * the GPU's secular terms, O(N). Then the same rows for 16 points through the host pool.
 */
async function hostK1000(threads: number[]) {
  const problem = caseA(1000, 3);
  const plan = planRun(problem);
  const repeat = 5;
  for (const t of [1, 1e5]) {
    let t0 = performance.now();
    const v = vectorsAt(plan, t);
    const vectors = performance.now() - t0;
    t0 = performance.now();
    bathBlock(plan.h, v, 1, 1000);
    bathBlock(plan.h, v, 1001, 1000);
    const blocks = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < repeat; i++) rowAt(plan, t, v, 0, 0);
    const hostRow = (performance.now() - t0) / repeat;
    const change = deletedRowEntropyChange(plan.n0, v.dotWeights);
    // what the engine does with the GPU's output: the occupations out of the read-back modes, the
    // P secular terms summed, the row
    const terms = new Float32Array(2 * plan.n0.length);
    t0 = performance.now();
    for (let i = 0; i < repeat; i++) {
      let sum = 0;
      for (let k = 0; k < terms.length; k++) sum += terms[k];
      rowWith(plan, t, Float64Array.from(v.diag), 0, 0, change + sum);
    }
    const gpuRow = (performance.now() - t0) / repeat;
    console.log(`host-k1000: t=${t}: row with S_B from the GPU (β*, μ*, decomposition; the df64 path) ${gpuRow.toFixed(2)} ms; ` +
      `row with S_B on the host (O(N²) secular roots; the f32 fallback, and the df64 path before) ${hostRow.toFixed(1)} ms; ` +
      `vectors of C(t) ${vectors.toFixed(0)} ms and the two f64 bath blocks ${blocks.toFixed(0)} ms (the f32 fallback only)`);
  }
  // the same rows for 16 points through the GPU engine's host pool (0 = in-thread)
  const times = logspace(1, 1e5, 16);
  const states = times.map((t) => vectorsAt(plan, t));
  const changes = states.map((v) => deletedRowEntropyChange(plan.n0, v.dotWeights));
  for (const n of threads) {
    const host = n === 0 ? inlineHost() : await workerHost(n);
    if (!host) continue;
    host.plan("bench", problem);
    await host.row("bench", 0, 1, states[0], 0, 0);
    let t0 = performance.now();
    await Promise.all(times.map((t, p) => host.row("bench", p, t, { diag: states[p].diag, SBminusStot: changes[p] }, 0, 0)));
    const gpuRows = (performance.now() - t0) / 16;
    t0 = performance.now();
    await Promise.all(times.map((t, p) => host.row("bench", p, t, states[p], 0, 0)));
    const hostRows = (performance.now() - t0) / 16;
    console.log(`host-k1000: 16 points, ${n} worker threads: rows with S_B from the GPU ${gpuRows.toFixed(2)} ms a point, with S_B on the host ${hostRows.toFixed(1)} ms a point`);
    host.close();
  }
}

/**
 * `tridiag-k1000`: the df64 tridiagonal reduction alone on K = 1000 bath blocks formed on the GPU
 * (one time's vectors repeated), over workgroup sizes, panel widths and batch sizes: GPU time per block.
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
  for (const workgroupSize of [256, 512, 1024].filter((w) => w <= maxWg)) for (const panelWidth of [8, 16, 32]) {
    const tri = await createTridiagonalEigenvalues(ctx, exact, { workgroupSize, panelWidth, batchBytes: 2 ** 34 });
    for (const blocks of [132, 264, 528]) {
      if (blocks > tri.capacity(1000)) continue;
      const t0 = performance.now();
      const g0 = tri.stats.gpuSeconds;
      await tri.runFormed(former, Array(blocks / 2).fill(input), 1000);
      const wall = (performance.now() - t0) / 1000;
      const gpu = tri.stats.gpuSeconds - g0;
      console.log(`tridiag-k1000: workgroup ${workgroupSize}, panel ${panelWidth}, ${blocks} blocks: GPU ${gpu.toFixed(3)} s = ${((1000 * gpu) / blocks).toFixed(2)} ms/block, wall ${wall.toFixed(3)} s (host QL included)`);
    }
  }
  ctx.release();
}

/** Bath sizes of `graded-k<K>`: fast mode's f32 emulation against f64 (minutes a block at K = 1000). */
const GRADED_SIZES = [64, 128, 256, 512, 1000];

async function main(argv: string[]) {
  const values = benchOptions(argv, [...Object.keys(WORKLOADS), "host-k1000", "tridiag-k1000", "fast-counts", ...GRADED_SIZES.map((K) => `graded-k${K}`)]);
  if (!values) return;
  const engine = values.threads === 1 ? await cpuEngine(inlineSolver) : await createEngine(values.engine, {
    precision: values.precision, hostThreads: values.hostThreads, batchBytes: values.batchMib && values.batchMib * 2 ** 20,
  });
  const threadCounts = [0, ...new Set([1, os.availableParallelism() - 1, os.availableParallelism()])].filter((n) => n >= 0);
  const report = await benchInProcess(engine, values.workloads, values.K, (line) => console.log(line), {
    special: {
      "tridiag-k1000": tridiagK1000,
      "host-k1000": () => hostK1000(threadCounts),
      "fast-counts": async () => (await import("./fast-mode.ts")).fastCounts(),
      ...Object.fromEntries(GRADED_SIZES.map((K) => [`graded-k${K}`, async () => (await import("./fast-mode.ts")).gradedEmulation(K)])),
    },
    afterRun: async (name, jobs, runs) => {
      if (!values.compare) return;
      for (const [k, job] of jobs.entries()) console.log(`  ${name}: ${job.label}: worst error against cpu-f64: ${worstError(runs[k].rows, (await runCpu(job.problem, job.times)).rows)}`);
    },
  });
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2) + "\n");
  engine.close();
}

await main(process.argv.slice(2));
