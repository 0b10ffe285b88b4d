/** The messages between the page and its computation worker (structured clone: NaN and ±∞ survive). */
import type { EngineName, Precision } from "../../src/engine/engine.ts";
import type { Meta, Row, RunResult } from "../../src/observables/columns.ts";

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
  /** the engine that runs, and for "auto" why it was chosen */
  | { type: "engine"; name: string; gpu: boolean; reason?: string }
  /** every (value, t) point the job will compute, and the swept values (one `undefined` without a sweep) */
  | { type: "plan"; total: number; values: Array<number | undefined> }
  | { type: "progress"; done: number }
  /** one finished time of a value's trace (row `i` of its times), before the value is complete */
  | { type: "row"; index: number; kind: RunKind; i: number; row: Row; meta: Meta }
  | { type: "value"; index: number; kind: RunKind; result: RunResult }
  /** how the job ran: wall seconds, points, GPU submissions and seconds per engine stage (for tests and benchmarks) */
  | { type: "stats"; seconds: number; points: number; submissions: number; stages: Record<string, number> }
  | { type: "done" }
  /** `field` is set for a ConfigError (the page maps it back to a form field) */
  | { type: "error"; name: string; message: string; field?: string; rule?: string };
