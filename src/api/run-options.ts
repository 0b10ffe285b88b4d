/**
 * The options every library call takes (engine, precision, progress, AbortSignal) and the one place
 * they are turned into an engine and a per-point callback.
 */
import { createEngine, type Engine, type EngineName, type Precision } from "../engine/engine.ts";
import type { Problem } from "../model/problem.ts";

/** Options of {@link simulate} and {@link sweep}. */
export interface RunOptions {
  /**
   * An engine from {@link createEngine} (kept open: you close it), or its name (`"cpu"`, the f64
   * reference and the default; `"webgpu"`; `"auto"`), created for this call and closed after it.
   */
  engine?: Engine | EngineName;
  /** GPU arithmetic when `engine` is given by name: `"fast"` (default) or `"accurate"`. */
  precision?: Precision;
  /** Called after every finished (value, t) point with the points done and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Stops the run at the next finished point: the call rejects with `signal.reason` (an
   * `AbortError` DOMException by default). An engine created by name is closed; a WebGPU engine you
   * passed in should be closed after an abort (a CPU engine stays usable).
   */
  signal?: AbortSignal;
}

/** The engine of one call, whether to close it, and the per-point callback that reports and aborts. */
export interface CallContext {
  engine: Engine;
  owned: boolean;
  onPoint: () => void;
}

/**
 * Resolves `options` for a call that will run `total` points of `problems`: the engine (created when
 * named), refused problems (the engine's `check`) before any work, and a callback that counts points,
 * reports them and throws the abort reason once `signal` is aborted.
 */
export async function openCall(options: RunOptions, problems: readonly Problem[], total: number): Promise<CallContext> {
  options.signal?.throwIfAborted();
  const given = typeof options.engine === "object" ? options.engine : undefined;
  const engine = given ?? (await createEngine(options.engine as EngineName | undefined ?? "cpu", { precision: options.precision }));
  try {
    for (const p of problems) engine.check?.(p);
  } catch (e) {
    if (!given) engine.close();
    throw e;
  }
  let done = 0;
  const onPoint = () => {
    options.signal?.throwIfAborted();
    options.onProgress?.(++done, total);
  };
  return { engine, owned: !given, onPoint };
}

/** Runs `work` in a call's context and closes an engine the call created, whatever happens. */
export async function withCall<T>(options: RunOptions, problems: readonly Problem[], total: number, work: (c: CallContext) => Promise<T>): Promise<T> {
  const call = await openCall(options, problems, total);
  try {
    const out = await work(call);
    options.signal?.throwIfAborted();
    return out;
  } finally {
    if (call.owned) call.engine.close();
  }
}
