/**
 * The WebGPU engine: for many (Γ, t) points at once, the O(N²) vectors of C(t) (the occupations among
 * them), S_B − S_tot by the deleted-row secular equation, the bath blocks C_LL, C_RR and their
 * entropies S_L, S_R on the GPU; the phases λ·t (reduced mod 2π in f64) and the O(N) rows (β*, μ*,
 * the decomposition) in f64 on the host, spread over worker threads, as are the jobs' plans. I_S−B
 * never subtracts GPU entropies: S_B − S_tot is a sum of pairwise root–pole differences of h.
 *
 * Accurate mode (where double-float holds on the adapter, checked at start-up; else a refusal) runs
 * all of the GPU part in df64: the vectors (vector-former.ts), S_B − S_tot (deleted-row-former.ts),
 * the blocks (block-former.ts), their tridiagonal reduction and bisection (tridiagonal-eigenvalues.ts);
 * the host sums h. Eigenvalues come out to ~1e−13 absolute, so a graded bath block keeps its entropy
 * to ~1e−11 at K = 1000.
 *
 * Fast mode runs the bath blocks in f32 (graded-entropies.ts) up to K = 1000 (F32_UP_TO, the size at
 * which its bound is checked), accurate mode's df64 path beyond; on an adapter without exact
 * double-float, in f32 at every size (engine named webgpu-fast-f32). The GPU forms each block's factor
 * B (rows of conj(U)), C = B·diag(n)·B†, its f32 eigenpairs (Householder, implicit QL,
 * back-transformation), and refines them by graded Rayleigh–Ritz from the factor
 * (src/spectrum/graded-ritz.ts), so that the many eigenvalues near 0 and 1 keep an error ~u times
 * their own group's scale: ≤ 1e−6 on every column at K ≤ 128 on SwiftShader, ≤ 1.3e−6 in S at
 * K = 1000 in f32 emulation; its counted work a K = 1000 block is below the df64 reduction's (~56
 * Gflop f32 and 4.5 GB against ~8 G df64 flops and 5.7 GB; bench/RESULTS.md, issue 11). The vectors
 * of C(t) and S_B come from the df64 kernels where they hold, else from the host workers.
 */
import type { Engine, EngineJob, EngineRun, Precision } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import { type HostWork, inlineHost, workerHost } from "../host-pool.ts";
import type { GpuContext } from "./device.ts";
import { paddedSize, record } from "./gpu-batch.ts";
import { type BathEntropies, bathEntropies, type FastOptions, type PointResult, type RunJob, threads } from "./bath-entropies.ts";

/**
 * @param hostThreads worker threads (Node) or Web Workers (browser) for the host's f64 share (0:
 * in-thread; default: all cores but one, once N ≥ 256)
 * @param fast fast mode's settings, for tests (bathEntropies)
 */
export async function webgpuEngine(
  ctx: GpuContext, precision: Precision = "fast", hostThreads?: number, fast?: FastOptions,
): Promise<Engine> {
  const baths = await bathEntropies(ctx, precision, fast);
  // worker threads pay off from a few ms of host work a point (N ≈ 256); spawned at the first such run
  const inline = inlineHost();
  let pool: Promise<HostWork | null> | undefined;
  const hostFor = async (jobs: readonly EngineJob[]): Promise<HostWork> => {
    const N = Math.max(...jobs.map((j) => j.problem.KL + j.problem.KR + 1));
    if (hostThreads === 0 || (hostThreads === undefined && N < 256)) return inline;
    pool ??= workerHost(hostThreads);
    return (await pool) ?? inline;
  };
  const check = (problem: Problem) => baths.checkFits(Math.max(problem.KL, problem.KR));
  const runMany: NonNullable<Engine["runMany"]> = async (jobs, onTime, onRow) => {
    for (const j of jobs) check(j.problem);
    return runWebgpu(baths, await hostFor(jobs), jobs, onTime, onRow);
  };
  return {
    // fast mode: "-f32" where every block runs in f32 (no double-float), "-df64" where none does
    // (the f32 start-up check failed)
    name: `webgpu-${precision}${precision === "fast" ? { "by size": "", graded: "-f32", tridiagonal: "-df64" }[baths.method] : ""} (${ctx.adapterName})`,
    kernelStats: baths.stats,
    check,
    run: async (problem, times, onTime, onRow) => (await runMany([{ problem, times }], onTime, onRow && ((_, ...r) => onRow(...r))))[0],
    runMany,
    close: () => {
      void pool?.then((p) => p?.close());
      ctx.release();
    },
  };
}

/** Distinct job names across runs, for the host workers' plan caches. */
let runs = 0;

/** f64 bath blocks held on the host per batch at most (two batches are alive at once, and the packed copies add about as much again) */
const HOST_BYTES = 2 ** 28;

/**
 * All (job, t) points, in batches of as many times as one GPU submission holds, across jobs of the
 * same block size: a block is padded to the size set by its own problem, so its numbers do not depend
 * on what shares its batch, and runMany gives exactly what run gives.
 */
async function runWebgpu(
  baths: BathEntropies, host: HostWork, jobs: readonly EngineJob[], onTime?: (done: number) => void,
  onRow?: Parameters<NonNullable<Engine["runMany"]>>[2],
): Promise<EngineRun[]> {
  const run = runs++;
  const runJobs: RunJob[] = jobs.map((j, k) => ({ name: `${run}:${k}`, problem: j.problem }));
  // the workers plan each job on first use; the run's meta (global references) comes from them too
  runJobs.forEach((j) => host.plan(j.name, j.problem));
  // plans before metas: each worker answers in order, and the first batch needs only its jobs' plans
  if (baths.plans) {
    for (const j of runJobs) (j.plan = host.timePlan(j.name)).catch(() => {});
  }
  const metas = runJobs.map((j) => host.meta(j.name));
  metas.forEach((m) => m.catch(() => {}));
  const rows: Row[][] = jobs.map(() => []);
  const size = (j: EngineJob) => paddedSize(Math.max(j.problem.KL, j.problem.KR));
  let done = 0;
  let slot = 0;
  try {
    for (const m of new Set(jobs.map(size))) {
      const points = jobs.flatMap((j, k) => (size(j) === m ? j.times.map((t) => ({ k, job: runJobs[k], t, slot: slot++ })) : []));
      // times per GPU submission: the blocks of each time must fit one batch, and the f64 blocks a
      // batch holds on the host (where it forms them) stay within HOST_BYTES
      const hostBytes = baths.hostBytesPerTime(m);
      const perBatch = Math.max(1, Math.min(baths.timesPerBatch(m), hostBytes > 0 ? Math.floor(HOST_BYTES / hostBytes) : Infinity));
      // one batch in flight while the rows of the previous one are finished on the host
      let inFlight: { chunk: typeof points; R: Promise<PointResult[]> } | undefined;
      const finish = async (f: NonNullable<typeof inFlight>) => {
        const R = await f.R;
        const t0 = performance.now();
        const done_ = await Promise.all(f.chunk.map(({ job, slot, t }, i) => host.row(job.name, slot, t, R[i].state, R[i].SL, R[i].SR)));
        // the meta requests went first to the same workers: answered by now, awaited only for a listener
        const metaOf = onRow ? await Promise.all(f.chunk.map(({ k }) => metas[k])) : [];
        f.chunk.forEach(({ k }, i) => {
          rows[k].push(done_[i]);
          onRow?.(k, rows[k].length - 1, done_[i], metaOf[i]);
          onTime?.(++done);
        });
        const secular = R.some(({ state }) => "dotWeights" in state);
        record(baths.stats, `host: rows: ${secular ? "S_B by the secular equation, " : ""}β*, μ*, decomposition (f64${threads(host)})`, (performance.now() - t0) / 1000, 0, false);
      };
      for (let start = 0; start < points.length; start += perBatch) {
        const chunk = points.slice(start, start + perBatch);
        const R = baths.evaluate(chunk, m, host);
        // a failure surfaces at its await below, not as an unhandled rejection meanwhile
        R.catch(() => {});
        if (inFlight) await finish(inFlight);
        inFlight = { chunk, R };
      }
      if (inFlight) await finish(inFlight);
    }
  } finally {
    // each worker takes its messages in order: the meta requests, sent first, are answered before this
    runJobs.forEach((j) => host.forget(j.name));
  }
  const meta = await Promise.all(metas);
  return jobs.map((_, k) => ({ meta: meta[k], rows: rows[k] }));
}
