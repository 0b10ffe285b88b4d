/** The one interface every engine (CPU f64, WebGPU) implements, and the engine factory. */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";
import { ConfigError, DeviceLimitError } from "../errors.ts";

export interface EngineRun {
  meta: Meta;
  rows: Row[];
}

/**
 * Called with each finished row as soon as it exists (index into the job's `times`, in time order), and
 * the run's meta: lets a page show, and keep on Cancel, the finished times of a running value.
 */
export type RowListener = (index: number, row: Row, meta: Meta) => void;

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
   * `onTime(done)` is called after each finished time point (for progress bars), `onRow` with it.
   */
  run(problem: Problem, times: readonly number[], onTime?: (done: number) => void, onRow?: RowListener): Promise<EngineRun>;
  /**
   * Several problems at once (the values of a sweep), where the engine gains from packing their
   * (Γ, t) points into shared GPU submissions; each result is exactly what `run` gives for its job.
   * `onTime(done)` counts finished points over all jobs; `onRow(job, …)` as in `run`.
   */
  runMany?(jobs: readonly EngineJob[], onTime?: (done: number) => void, onRow?: (job: number, ...row: Parameters<RowListener>) => void): Promise<EngineRun[]>;
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
 * 1e-8·max(|x|, 1)), both from f32 hardware. Fast mode runs the bath blocks in f32 (graded
 * Rayleigh–Ritz from their exact factors: ~1e-6 at K = 1000, where plain f32 misses 1e-3) on every
 * adapter; accurate mode runs everything in double-float (~1e-9 at K = 1000) and refuses an adapter
 * where that is not exact. The CPU engine is f64 and meets both.
 */
export type Precision = "fast" | "accurate";

export interface EngineOptions {
  precision?: Precision;
  /** GPU engines: worker threads (Node) or Web Workers (browser) for the host's f64 share per point (0: in-thread; default: all cores but one) */
  hostThreads?: number;
  /**
   * WebGPU engine, fast mode: device bytes one batch of the f32 path may hold (two are alive at once;
   * default 1 GiB, or one binding's worth where more). A large GPU wants a bath block per
   * multiprocessor a batch: ~76 MB a block at K = 1000, so ~10 GB for 132 multiprocessors.
   */
  batchBytes?: number;
}

/**
 * `cpu`: the f64 reference. `webgpu`: the GPU engine (fails when no adapter exists). `auto`: WebGPU
 * when an adapter exists, else CPU. GPU code is loaded only when asked for.
 *
 * @example
 * import { createEngine, simulate } from "setsim";
 * const engine = await createEngine("auto", { precision: "accurate" });
 * console.log(engine.name); // "webgpu-accurate (…adapter…)" or "cpu-f64 (up to 2 worker threads)"
 * const { rows } = await simulate(config, { engine });
 * engine.close();
 */
export async function createEngine(name: EngineName = "cpu", opts: EngineOptions = {}): Promise<Engine> {
  if (opts.hostThreads !== undefined && !(Number.isInteger(opts.hostThreads) && opts.hostThreads >= 0 && opts.hostThreads <= 256)) {
    throw new ConfigError("--host-threads", "must be an integer from 0 to 256");
  }
  if (opts.batchBytes !== undefined && !(Number.isSafeInteger(opts.batchBytes) && opts.batchBytes > 0)) {
    throw new ConfigError("--batch-mib", "must be a positive number of MiB");
  }
  if (name !== "cpu") {
    const { requestGpu } = await import("./webgpu/device.ts");
    const ctx = await requestGpu();
    if (ctx) {
      const { webgpuEngine } = await import("./webgpu/webgpu-engine.ts");
      return webgpuEngine(ctx, opts.precision ?? "fast", opts.hostThreads, { batchBytes: opts.batchBytes });
    }
    if (name === "webgpu") throw new DeviceLimitError("--engine webgpu: no WebGPU adapter found (use --engine cpu or auto)");
  }
  const { cpuEngine } = await import("./cpu/cpu-engine.ts");
  return cpuEngine();
}

/**
 * The largest bath size at which fast mode's f32 path has been checked within its bound: on
 * SwiftShader at K ≤ 128, in f32 emulation at K = 1000 (bench/RESULTS.md). Beyond it fast mode runs
 * the df64 path where the adapter keeps double-float exact.
 */
export const FAST_MODE_CHECKED_K = 1000;

/** A note for the user when the chosen engine's stated bound is not established at this size. */
export function precisionNote(engine: Pick<Engine, "name">, largestK: number): string | undefined {
  // webgpu-fast-f32: fast mode in f32 at every size (no exact double-float on the adapter)
  if (!engine.name.startsWith("webgpu-fast-f32") || largestK <= FAST_MODE_CHECKED_K) return undefined;
  return `this adapter does not keep double-float exact, so --precision fast runs the bath blocks in f32 at every size, ` +
    `checked to 1e-4 up to K = ${FAST_MODE_CHECKED_K} only; at K = ${largestK} use --engine cpu for the stated bounds`;
}
