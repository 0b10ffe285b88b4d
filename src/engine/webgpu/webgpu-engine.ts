/**
 * The WebGPU engine: for many (Γ, t) points at once, the O(N²) vectors of C(t) (the occupations among
 * them), the bath blocks C_LL, C_RR and their entropies S_L, S_R on the GPU; the phases λ·t (reduced
 * mod 2π in f64) and the rows (S_B by the deleted-row secular equation, β*, μ*, the decomposition)
 * in f64 on the host, spread over worker threads. I_S−B never subtracts GPU entropies: S_B − S_tot
 * comes from the f64 secular equation, whose input weights the GPU gives to ~1e−14.
 *
 * Where double-float holds on the adapter (checked at start-up), both modes run all of the GPU part
 * in df64: the vectors (vector-former.ts), the blocks (block-former.ts), their tridiagonal reduction
 * and bisection (tridiagonal-eigenvalues.ts); the host sums h. Eigenvalues come out to ~1e−13
 * absolute, so a graded bath block keeps its entropy to ~1e−11 at K = 1000, within both bars.
 *
 * Where it does not, fast mode falls back to the vectors on the host and f32 cyclic Jacobi of
 * host-formed blocks, each sent as C and as 1 − C (whose entries near 0 are exact in f32 where C's
 * are near 1, so the graded matrix keeps its small eigenvalues accurate): h is taken on λ(C) for the
 * lower half of the spectrum and on λ(1 − C) for the upper half. Its error grows about as K^1.6
 * (6e−5 at K = 128, 1e−2 at K = 1000 on an H100); accurate mode refuses such an adapter.
 */
import type { Engine, EngineJob, EngineRun, Precision } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import { bathBlock } from "../../propagation/correlation-blocks.ts";
import { binaryEntropy } from "../../thermo/fermi.ts";
import { spectrumEntropy } from "../../observables/block-entropy.ts";
import { hamiltonian } from "../../model/hamiltonian.ts";
import { type HostWork, inlineHost, workerHost } from "../host-pool.ts";
import type { GpuContext } from "./device.ts";
import { DeviceLimitError } from "../../errors.ts";
import { createJacobiEigenvalues } from "./jacobi-eigenvalues.ts";
import { complement, type KernelStats, kernelStats, paddedSize, record } from "./gpu-batch.ts";
import { createBlockFormer } from "./block-former.ts";
import { createVectorFormer } from "./vector-former.ts";
import { planTimes, type TimePlan, vectorsAt } from "../run-plan.ts";
import type { Occupations } from "../host-jobs.ts";
import { probeDf64 } from "./df64-probe.ts";
import { gpuPathError } from "./kernel-check.ts";
import { createTridiagonalEigenvalues } from "./tridiagonal-eigenvalues.ts";
import type { Df64Constants } from "./df64-probe.ts";

/** S = Σ h over the spectrum, each eigenvalue from whichever of C, 1 − C holds it near 0. */
export function splitSpectrumEntropy(ofC: Float64Array, ofComplement: Float64Array): number {
  const n = ofC.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += binaryEntropy(ofC[i] <= 0.5 ? ofC[i] : ofComplement[n - 1 - i]);
  return s;
}

/** A (problem, t) point of a run: its job's name on the host workers, the job, the time. */
interface Point {
  job: RunJob;
  t: number;
  /** spreads the point's host work over the workers */
  slot: number;
}

/** A job of one runMany call: its name for the host workers, its problem, its plan where made. */
interface RunJob {
  name: string;
  problem: Problem;
  /** ℋ's spectrum and C(0), made on the main thread when the GPU forms the vectors */
  plan?: TimePlan;
}

/** What a precision mode yields at a point: the block entropies, and the occupations the row needs. */
interface PointResult {
  SL: number;
  SR: number;
  occupations: Occupations;
}

/** How a precision mode evaluates many (problem, t) points at once. */
interface BathEntropies {
  /** "tridiagonal" (df64) or "jacobi" (the f32 fallback) */
  method: "tridiagonal" | "jacobi";
  /** times one batch holds at most, for blocks padded to m (the buffer and dispatch limits of every kernel) */
  timesPerBatch(m: number): number;
  /** f64 block bytes the host holds per time of a batch (0 where the GPU forms the blocks) */
  hostBytesPerTime(m: number): number;
  /**
   * Every point's result; every block padded to m; the points fit one batch. The GPU work is
   * submitted before the first await that waits on it.
   */
  evaluate(points: readonly Point[], m: number, host: HostWork): Promise<PointResult[]>;
  capacity(n: number): number;
  checkFits(n: number): void;
  stats: KernelStats;
}

/**
 * Both modes where double-float holds, all on the GPU in df64 but the phases and the rows: the vectors
 * of C(t) (vector-former.ts), the blocks C_L, C_R, their tridiagonal reduction and bisection; only the
 * occupations, dot weights and eigenvalues come back (O(N) a point). Undefined when the compiled
 * kernels miss the f64 spectra of a fixed graded case (a compiler that broke df64 inside them, past
 * the probe).
 */
async function tridiagonalEntropies(ctx: GpuContext, exact: Df64Constants): Promise<BathEntropies | undefined> {
  const former = await createBlockFormer(ctx, exact);
  const vectors = await createVectorFormer(ctx, exact);
  const tri = await createTridiagonalEigenvalues(ctx, exact);
  if (!(await gpuPathError(ctx, exact, vectors, former, tri) < 1e-11)) return undefined;
  Object.assign(tri.stats, kernelStats(ctx.device));
  return {
    capacity: tri.capacity,
    checkFits: tri.checkFits,
    stats: tri.stats,
    method: "tridiagonal",
    // two blocks a time; the vector kernels run one workgroup row per time over N ≤ 2m + 1 modes
    // of 80 bytes in one binding
    timesPerBatch: (m) => Math.min(
      Math.floor(tri.capacity(m) / 2), ctx.device.limits.maxComputeWorkgroupsPerDimension,
      Math.floor(Math.min(ctx.device.limits.maxStorageBufferBindingSize, ctx.device.limits.maxBufferSize) / (80 * (2 * m + 1))),
    ),
    hostBytesPerTime: () => 0,
    async evaluate(points, m) {
      const t0 = performance.now();
      for (const { job } of points) job.plan ??= planTimes(job.problem);
      record(tri.stats, "host: plans of new jobs (ℋ's spectrum, f64, O(N²) once a job)", (performance.now() - t0) / 1000, 0, false);
      const { spectra, modes } = await tri.runPoints(vectors, former, points.map(({ job, t }) => ({ plan: job.plan!, t })), m);
      let base = 0;
      return points.map(({ job, t }, i) => {
        const N = job.plan!.spectrum.N;
        let occupations: Occupations;
        if (t === 0) {
          // a pure state's β*(0) is ±∞ and Q(0) is rounding noise, so σ(0) = −β*Q takes the sign of
          // the noise: t = 0 uses the host's f64 vectors, as the CPU engine does, to give its bits
          occupations = vectorsAt(job.plan!, 0);
        } else {
          const diag = new Float64Array(N);
          const dotWeights = new Float64Array(N);
          for (let k = 0; k < N; k++) {
            const at = 20 * (base + k);
            diag[k] = modes[at + 12] + modes[at + 13];
            const rr = modes[at] + modes[at + 1];
            const ri = modes[at + 2] + modes[at + 3];
            dotWeights[k] = rr * rr + ri * ri;
          }
          occupations = { diag, dotWeights };
        }
        base += N;
        return { SL: spectrumEntropy(spectra[2 * i]), SR: spectrumEntropy(spectra[2 * i + 1]), occupations };
      });
    },
  };
}

/** fast mode without exact double-float: the vectors on the host workers, f32 Jacobi of host-formed C and 1 − C. */
async function jacobiEntropies(ctx: GpuContext, sweeps?: number): Promise<BathEntropies> {
  const jacobi = await createJacobiEigenvalues(ctx, sweeps);
  return {
    ...jacobi,
    method: "jacobi",
    timesPerBatch: (m) => Math.floor(jacobi.capacity(m) / 4),
    hostBytesPerTime: (m) => 4 * 16 * m * m,
    async evaluate(points, m, host) {
      const t0 = performance.now();
      const vs = await Promise.all(points.map(({ job, slot, t }) => host.vectors(job.name, slot, t)));
      record(jacobi.stats, `host: vectors of C(t) (f64, O(N²) per time${threads(host)})`, (performance.now() - t0) / 1000, 0, false);
      const blocks = points.flatMap(({ job: { problem } }, i) => {
        const h = hamiltonian(problem);
        const L = { ...bathBlock(h, vs[i], 1, problem.KL), n: problem.KL };
        const R = { ...bathBlock(h, vs[i], 1 + problem.KL, problem.KR), n: problem.KR };
        return [L, complement(L), R, complement(R)];
      });
      const spectra = await jacobi.run(blocks, m);
      return points.map((_, i) => ({
        SL: splitSpectrumEntropy(spectra[4 * i], spectra[4 * i + 1]),
        SR: splitSpectrumEntropy(spectra[4 * i + 2], spectra[4 * i + 3]),
        occupations: vs[i],
      }));
    },
  };
}

/** The double-float path where it holds; else Jacobi in fast mode, and a refusal in accurate mode. */
async function bathEntropies(ctx: GpuContext, precision: Precision, sweeps?: number): Promise<BathEntropies> {
  let why = "";
  const exact = await probeDf64(ctx).catch((e: unknown) => {
    if (!(e instanceof DeviceLimitError)) throw e;
    why = e.message;
    return undefined;
  });
  // a device that cannot build or run the df64 kernels (limits, a compiler failure) is one without df64
  const tri = exact && (await tridiagonalEntropies(ctx, exact).catch((e: unknown) => {
    why = `--precision accurate: the double-float kernels fail on this adapter (${e instanceof Error ? e.message : String(e)}); use --precision fast or --engine cpu`;
    return undefined;
  }));
  if (tri) return tri;
  if (precision === "fast") return jacobiEntropies(ctx, sweeps);
  throw new DeviceLimitError(why || "--precision accurate: this adapter's compiled double-float kernels miss the f64 spectra of a fixed case; use --precision fast or --engine cpu");
}

/**
 * @param sweeps cyclic Jacobi sweeps per block, where fast mode falls back to Jacobi (default 10)
 * @param hostThreads worker threads for the host's f64 share (0: in-thread; default: in Node, all cores
 * but one once N ≥ 256)
 */
export async function webgpuEngine(ctx: GpuContext, precision: Precision = "fast", sweeps?: number, hostThreads?: number): Promise<Engine> {
  const baths = await bathEntropies(ctx, precision, sweeps);
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
    name: `webgpu-${precision}${baths.method === "jacobi" ? "-jacobi" : ""} (${ctx.adapterName})`,
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
        const done_ = await Promise.all(f.chunk.map(({ job, slot, t }, i) => host.row(job.name, slot, t, R[i].occupations, R[i].SL, R[i].SR)));
        // the meta requests went first to the same workers: answered by now, awaited only for a listener
        const metaOf = onRow ? await Promise.all(f.chunk.map(({ k }) => metas[k])) : [];
        f.chunk.forEach(({ k }, i) => {
          rows[k].push(done_[i]);
          onRow?.(k, rows[k].length - 1, done_[i], metaOf[i]);
          onTime?.(++done);
        });
        record(baths.stats, `host: S_B, β*, μ*, decomposition (f64${threads(host)})`, (performance.now() - t0) / 1000, 0, false);
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

const threads = (host: HostWork) => (host.threads > 0 ? `, ${host.threads} worker thread${host.threads > 1 ? "s" : ""}` : "");
