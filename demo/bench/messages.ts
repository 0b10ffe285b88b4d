/** The messages between the benchmark page and one lane's worker (one engine on one workload). */
import type { EngineName, Precision } from "../../src/engine/engine.ts";
import type { WorkloadResult } from "../../src/bench/measure.ts";
import type { KernelStats } from "../../src/engine/webgpu/gpu-batch.ts";

/** Page → worker: the workload by name (SPEC §5's at bath size K where K is given), and the engine. */
export interface LaneStart {
  workload: string;
  K?: number;
  engine: EngineName;
  precision: Precision;
}

/** The WebGPU adapter as the page shows it: its name and the limits the engine sizes its batches by. */
export interface AdapterSummary {
  name: string;
  software: boolean;
  timestampQuery: boolean;
  limits: Record<string, number>;
}

export type LaneMessage =
  /** the engine that runs, the workload's report name (e.g. trace@K=64) and its points */
  | { type: "engine"; name: string; workload: string; total: number }
  /** points done, seconds since the workload started, the engine's kernelStats totals (GPU engines) */
  | { type: "progress"; done: number; seconds: number; stats: KernelStats | null }
  | { type: "done"; result: WorkloadResult; machine: string }
  | { type: "error"; name: string; message: string };
