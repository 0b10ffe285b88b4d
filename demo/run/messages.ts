/** The messages between the page and its computation worker (structured clone: NaN and ±∞ survive). */
import type { EngineName, Precision } from "../../src/engine/engine.ts";
import type { RunResult } from "../../src/observables/columns.ts";

/** Page → worker: one job, the raw config exactly as `parseConfig` takes it. */
export interface StartMessage {
  type: "start";
  config: Record<string, unknown>;
  engine: EngineName;
  precision: Precision;
  /** for a pure initial state: also run the thermal ensemble of the same parameters (Fig. 8) */
  ensemble: boolean;
}

/** Which run a result belongs to: the config's own, or its thermal-ensemble counterpart. */
export type RunKind = "main" | "ensemble";

export type WorkerMessage =
  | { type: "engine"; name: string; gpu: boolean }
  /** every (value, t) point the job will compute, and the swept values (one `undefined` without a sweep) */
  | { type: "plan"; total: number; values: Array<number | undefined> }
  | { type: "progress"; done: number }
  | { type: "value"; index: number; kind: RunKind; result: RunResult }
  /** how the job ran: wall seconds, points, GPU submissions and seconds per engine stage (for tests and benchmarks) */
  | { type: "stats"; seconds: number; points: number; submissions: number; stages: Record<string, number> }
  | { type: "done" }
  /** `field` is set for a ConfigError (the page maps it back to a form field) */
  | { type: "error"; name: string; message: string; field?: string; rule?: string };
