/** The one interface every engine (CPU f64, WebGPU) implements, and the engine factory. */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";

export interface EngineRun {
  meta: Meta;
  rows: Row[];
}

export interface Engine {
  /** e.g. "cpu-f64" */
  readonly name: string;
  /**
   * Every quantity of SPEC §2 at each time of `times`, and the run's `meta`.
   * `onTime(done)` is called after each finished time point (for progress bars).
   */
  run(problem: Problem, times: readonly number[], onTime?: (done: number) => void): Promise<EngineRun>;
  /** Releases threads and devices; the engine is unusable afterwards. */
  close(): void;
}

export type EngineName = "cpu" | "auto";

/** `auto` is the CPU engine until a GPU engine exists; the factory keeps callers engine-agnostic. */
export async function createEngine(name: EngineName = "auto"): Promise<Engine> {
  const { cpuEngine } = await import("./cpu/cpu-engine.ts");
  return cpuEngine();
}
