/** The one interface every engine (CPU f64, WebGPU) implements, and the engine factory. */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";
import { ConfigError, DeviceLimitError } from "../errors.ts";

export interface EngineRun {
  meta: Meta;
  rows: Row[];
}

/** One problem and its times: a unit of work for `runMany`. */
export interface EngineJob {
  problem: Problem;
  times: readonly number[];
}

export interface Engine {
  /** e.g. "cpu-f64" */
  readonly name: string;
  /**
   * Every quantity of SPEC §2 at each time of `times`, and the run's `meta`.
   * `onTime(done)` is called after each finished time point (for progress bars).
   */
  run(problem: Problem, times: readonly number[], onTime?: (done: number) => void): Promise<EngineRun>;
  /**
   * Several problems at once (the values of a sweep), where the engine gains from packing their
   * (Γ, t) points into shared GPU submissions; each result is exactly what `run` gives for its job.
   * `onTime(done)` counts finished points over all jobs; `onRun(k, run)` hands over job k's result as
   * soon as it is complete (before the returned promise settles), e.g. to draw it.
   */
  runMany?(jobs: readonly EngineJob[], onTime?: (done: number) => void, onRun?: (k: number, run: EngineRun) => void): Promise<EngineRun[]>;
  /**
   * GPU engines: running totals of kernel time (timestamp queries) and kernel flops, and seconds and
   * flops per stage (GPU passes and host work), for benchmarks.
   */
  readonly kernelStats?: {
    readonly gpuSeconds: number;
    readonly flops: number;
    readonly stages: Readonly<Record<string, { readonly seconds: number; readonly flops: number }>>;
    /** GPU submissions so far (each one batch of blocks) */
    readonly submissions: number;
  };
  /** Throws (DeviceLimitError) if the problem cannot run on this engine: called before any work starts. */
  check?(problem: Problem): void;
  /** Releases threads and devices; the engine is unusable afterwards. */
  close(): void;
}

export type EngineName = "cpu" | "webgpu" | "auto";

/**
 * GPU arithmetic: `fast` (every column within 1e-3·max(|x|, 1) of f64) or `accurate` (within
 * 1e-8·max(|x|, 1)), both from f32 hardware. Where the adapter keeps double-float exact both run the
 * same df64 tridiagonal path (~1e-9 at K = 1000, f32 alone misses 1e-3 there); elsewhere fast mode
 * falls back to f32 Jacobi and accurate mode refuses. The CPU engine is f64 and meets both.
 */
export type Precision = "fast" | "accurate";

export interface EngineOptions {
  precision?: Precision;
  /** GPU engines: cyclic Jacobi sweeps per block in fast mode's f32 graded Rayleigh–Ritz (default 12) */
  sweeps?: number;
  /** GPU engines: worker threads (Node) or Web Workers (browser) for the host's f64 share per point (0: in-thread; default: all cores but one) */
  hostThreads?: number;
}

/**
 * `cpu`: the f64 reference. `webgpu`: the GPU engine (fails when no adapter exists). `auto`: WebGPU
 * when an adapter exists, else CPU. GPU code is loaded only when asked for.
 */
export async function createEngine(name: EngineName = "cpu", opts: EngineOptions = {}): Promise<Engine> {
  if (opts.sweeps !== undefined && !(Number.isInteger(opts.sweeps) && opts.sweeps >= 1 && opts.sweeps <= 100)) {
    throw new ConfigError("--sweeps", "must be an integer from 1 to 100");
  }
  if (opts.hostThreads !== undefined && !(Number.isInteger(opts.hostThreads) && opts.hostThreads >= 0 && opts.hostThreads <= 256)) {
    throw new ConfigError("--host-threads", "must be an integer from 0 to 256");
  }
  if (name !== "cpu") {
    const { requestGpu } = await import("./webgpu/device.ts");
    const ctx = await requestGpu();
    if (ctx) {
      const { webgpuEngine } = await import("./webgpu/webgpu-engine.ts");
      return webgpuEngine(ctx, opts.precision ?? "fast", opts.sweeps, opts.hostThreads);
    }
    if (name === "webgpu") throw new DeviceLimitError("--engine webgpu: no WebGPU adapter found (use --engine cpu or auto)");
  }
  const { cpuEngine } = await import("./cpu/cpu-engine.ts");
  return cpuEngine();
}

/**
 * The largest bath size at which fast mode's f32 Jacobi fallback (adapters without exact
 * double-float) has been measured within its bound (bench/RESULTS.md).
 */
export const FAST_MODE_CHECKED_K = 128;

/**
 * A note for the user when the chosen engine's stated bound is not established at this size: the
 * f32 Jacobi fallback's error grows about as K^1.6 (6e-5 at K = 128, 1e-2 at K = 1000).
 */
export function precisionNote(engine: Pick<Engine, "name">, largestK: number): string | undefined {
  if (!engine.name.startsWith("webgpu-fast-jacobi") || largestK <= FAST_MODE_CHECKED_K) return undefined;
  return `this adapter does not keep double-float exact, so --precision fast runs f32 Jacobi, checked to 1e-3 ` +
    `up to K = ${FAST_MODE_CHECKED_K} only (its error grows with K); at K = ${largestK} use --engine cpu for the stated bounds`;
}
