/**
 * The GPU engine's two ways of evaluating many (problem, t) points at once (webgpu-engine.ts drives
 * them): accurate mode, everything in double-float on the GPU where the adapter keeps it exact
 * (checked at start-up; else a refusal); fast mode, f32 graded Rayleigh–Ritz (graded-entropies.ts)
 * with the df64 vectors of C(t) where they hold, and the df64 path for blocks past F32_UP_TO.
 */
import type { Precision } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import { spectrumEntropy } from "../../observables/block-entropy.ts";
import type { HostWork } from "../host-pool.ts";
import type { GpuContext } from "./device.ts";
import { DeviceLimitError } from "../../errors.ts";
import { type KernelStats, kernelStats, paddedSize, record } from "./gpu-batch.ts";
import { FAST_MODE_CHECKED_K } from "../engine.ts";
import { createBlockFormer } from "./block-former.ts";
import { createVectorFormer } from "./vector-former.ts";
import type { TimePlan } from "../run-plan.ts";
import type { PointState } from "../host-jobs.ts";
import { createDeletedRowFormer } from "./deleted-row-former.ts";
import { type Df64Constants, probeDf64 } from "./df64-probe.ts";
import { gpuPathError } from "./kernel-check.ts";
import { createTridiagonalEigenvalues } from "./tridiagonal-eigenvalues.ts";
import { type StateFormers, statesFrom, statesPerBatch } from "./point-states.ts";

/** A (problem, t) point of a run: its job's name on the host workers, the job, the time. */
export interface Point {
  job: RunJob;
  t: number;
  /** spreads the point's host work over the workers */
  slot: number;
}

/** A job of one runMany call: its name for the host workers, its problem, its plan where made. */
export interface RunJob {
  name: string;
  problem: Problem;
  /** ℋ's spectrum and C(0), made on a host worker when the GPU forms the vectors */
  plan?: Promise<TimePlan>;
}

/** What a precision mode yields at a point: the block entropies, and what else the row needs. */
export interface PointResult {
  SL: number;
  SR: number;
  state: PointState;
}

/** How a precision mode evaluates many (problem, t) points at once. */
export interface BathEntropies {
  /**
   * "tridiagonal" (df64: accurate mode, and fast mode where the f32 path fails its check), "graded"
   * (fast mode's f32 graded Rayleigh–Ritz, every block) or "by size" (fast mode where double-float
   * holds: graded up to F32_UP_TO, tridiagonal beyond)
   */
  method: "tridiagonal" | "graded" | "by size";
  /** whether `evaluate` needs the jobs' plans (ℋ's spectrum) on this thread */
  plans: boolean;
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
 * The df64 path, where double-float holds: all on the GPU in df64 but the phases and the rows: the
 * vectors of C(t) (vector-former.ts), the blocks C_L, C_R, their tridiagonal reduction and bisection;
 * only the occupations, dot weights and eigenvalues come back (O(N) a point). Undefined when the
 * compiled kernels miss the f64 spectra of a fixed graded case (a compiler that broke df64 inside them,
 * past the probe). Its vector and S_B kernels serve fast mode's f32 path too (`formers`).
 */
async function tridiagonalEntropies(ctx: GpuContext, exact: Df64Constants, stats: KernelStats): Promise<{ baths: BathEntropies; formers: StateFormers } | undefined> {
  const former = await createBlockFormer(ctx, exact);
  const vectors = await createVectorFormer(ctx, exact);
  const tri = await createTridiagonalEigenvalues(ctx, exact, { stats });
  const deletedRow = await createDeletedRowFormer(ctx, exact);
  if (!(await gpuPathError(ctx, exact, vectors, former, tri, deletedRow) < 1e-11)) return undefined;
  // the run's statistics start after the check
  Object.assign(stats, kernelStats(ctx.device));
  const baths: BathEntropies = {
    capacity: tri.capacity,
    checkFits: tri.checkFits,
    stats,
    method: "tridiagonal",
    plans: true,
    // two blocks a time; the vector kernels run one workgroup row per time over N ≤ 2m + 1 modes
    // of 80 bytes in one binding
    timesPerBatch: (m) => Math.min(Math.floor(tri.capacity(m) / 2), statesPerBatch(ctx, m)),
    hostBytesPerTime: () => 0,
    async evaluate(points, m, host) {
      const t0 = performance.now();
      const plans = await Promise.all(points.map(({ job }) => job.plan!));
      record(stats, `host: waiting for plans of new jobs (ℋ's spectrum, f64, O(N²) once a job${threads(host)})`, (performance.now() - t0) / 1000, 0, false);
      const atZero = points.map(({ job, slot, t }) => (t === 0 ? host.vectors(job.name, slot, 0) : undefined));
      const { spectra, modes, entropyChanges } = await tri.runPoints(vectors, former, points.map(({ t }, i) => ({ plan: plans[i], t })), m, deletedRow);
      const zero = await Promise.all(atZero);
      const t1 = performance.now();
      const states = statesFrom(plans, modes, entropyChanges!, zero);
      const results = states.map((state, i) => ({ SL: spectrumEntropy(spectra[2 * i]), SR: spectrumEntropy(spectra[2 * i + 1]), state }));
      record(stats, "host: reading results (occupations, Σh of the spectra; O(N) a point, this thread)", (performance.now() - t1) / 1000, 0, false);
      return results;
    },
  };
  return { baths, formers: { vectors, deletedRow } };
}

/**
 * The largest block (padded size m) fast mode runs in f32 where double-float holds: the size up to
 * which the f32 path's bound is checked (FAST_MODE_CHECKED_K). Beyond it the df64 path is both the
 * checked one and the one that spreads a block over the GPU (its split reduction from m = 1536),
 * where the f32 reduction keeps one workgroup a block and QL one thread for its rotations: seconds a
 * K = 4000 block in one dispatch, past a browser's GPU watchdog (~1.5 s).
 */
export const F32_UP_TO = FAST_MODE_CHECKED_K;

/** Fast mode's settings: the f32 path's batch size (EngineOptions); for tests, its start-up check's bound and F32_UP_TO. */
export interface FastOptions {
  batchBytes?: number;
  checkBound?: number;
  f32UpTo?: number;
}

/**
 * Accurate mode: the df64 path where the adapter keeps double-float exact, else a refusal. Fast mode:
 * the f32 path (graded Rayleigh–Ritz, graded-entropies.ts) for blocks up to F32_UP_TO, with the
 * vectors of C(t) and S_B from the df64 kernels, and the df64 path beyond ("by size"), where
 * double-float holds; the f32 path for every block where it does not ("graded", with the host's
 * vectors); the df64 path for every block where the f32 start-up check fails ("tridiagonal"). The
 * choice is by block size alone, so a job's numbers do not depend on what shares its run.
 */
export async function bathEntropies(ctx: GpuContext, precision: Precision, fast: FastOptions = {}): Promise<BathEntropies> {
  const stats = kernelStats(ctx.device);
  let why = "";
  const exact = await probeDf64(ctx).catch((e: unknown) => {
    if (!(e instanceof DeviceLimitError)) throw e;
    why = e.message;
    return undefined;
  });
  // a device that cannot build or run the df64 kernels (limits, a compiler failure) is one without df64
  const df64 = exact && (await tridiagonalEntropies(ctx, exact, stats).catch((e: unknown) => {
    why = `--precision accurate: the double-float kernels fail on this adapter (${e instanceof Error ? e.message : String(e)}); use --precision fast or --engine cpu`;
    return undefined;
  }));
  if (precision === "accurate") {
    if (df64) return df64.baths;
    throw new DeviceLimitError(why || "--precision accurate: this adapter's compiled double-float kernels miss the f64 spectra of a fixed case; use --precision fast or --engine cpu");
  }
  const { gradedEntropies } = await import("./graded-entropies.ts");
  let f32: BathEntropies;
  try {
    f32 = await gradedEntropies(ctx, { formers: df64 ? df64.formers : undefined, checkBound: fast.checkBound, stats, batchBytes: fast.batchBytes });
  } catch (e) {
    if (!(df64 && e instanceof DeviceLimitError)) throw e;
    // (without the failed check's passes)
    Object.assign(stats, kernelStats(ctx.device));
    return df64.baths;
  }
  return df64 ? bySize(f32, df64.baths, fast.f32UpTo ?? F32_UP_TO, stats) : f32;
}

/** `small` for blocks of padded size up to `upTo`, `large` beyond; one statistics object for both. */
function bySize(small: BathEntropies, large: BathEntropies, upTo: number, stats: KernelStats): BathEntropies {
  const at = (m: number) => (m <= upTo ? small : large);
  return {
    method: "by size",
    plans: true,
    stats,
    timesPerBatch: (m) => at(m).timesPerBatch(m),
    hostBytesPerTime: (m) => at(m).hostBytesPerTime(m),
    evaluate: (points, m, host) => at(m).evaluate(points, m, host),
    capacity: (n) => at(paddedSize(n)).capacity(n),
    checkFits: (n) => at(paddedSize(n)).checkFits(n),
  };
}

/** ", N worker threads" for stage names, where the host work runs on workers. */
export const threads = (host: HostWork) => (host.threads > 0 ? `, ${host.threads} worker thread${host.threads > 1 ? "s" : ""}` : "");
