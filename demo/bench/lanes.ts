/**
 * The benchmark page's lanes: one engine each, in its own worker, side by side on the same workload.
 * A lane knows its progress, its GPU passes' running totals and, at the end, its `WorkloadResult`;
 * a lane stopped early (the CPU side once the GPU side is done) gets a result for the points it did.
 */
import type { EngineName } from "../../src/engine/engine.ts";
import type { WorkloadResult } from "../../src/bench/measure.ts";
import type { KernelStats } from "../../src/engine/webgpu/gpu-batch.ts";
import type { LaneMessage, LaneStart } from "./messages.ts";
import { browserMachine } from "./adapter.ts";

export interface Lane {
  requested: EngineName;
  name?: string;
  /** the workload's report name */
  workload?: string;
  phase: "starting" | "running" | "done" | "stopped" | "error";
  done: number;
  total: number;
  seconds: number;
  stats: KernelStats | null;
  /** (seconds, points done) as they came, for the chart */
  history: Array<[number, number]>;
  result?: WorkloadResult;
  machine?: string;
  error?: { name: string; message: string };
}

export interface LaneEvents {
  change(): void;
}

export const finished = (l: Lane) => l.phase === "done" || l.phase === "stopped" || l.phase === "error";

/** Points a second so far (the final figure once the lane has a result). */
export const rate = (l: Lane): number =>
  l.result ? l.result.points / Math.max(l.result.seconds, 1e-9) : l.seconds > 0 ? l.done / l.seconds : 0;

export interface RunningLane {
  lane: Lane;
  /** ends the lane now, keeping what it measured so far */
  stop(why: string): void;
}

export function startLane(start: LaneStart, on: LaneEvents): RunningLane {
  const lane: Lane = { requested: start.engine, phase: "starting", done: 0, total: 0, seconds: 0, stats: null, history: [[0, 0]] };
  const worker = new Worker(new URL("./bench-worker.ts", import.meta.url), { type: "module" });
  let started = 0;
  worker.onmessage = (e: MessageEvent<LaneMessage>) => {
    const m = e.data;
    if (m.type === "engine") {
      Object.assign(lane, { name: m.name, workload: m.workload, total: m.total, phase: "running" });
      started = performance.now();
    } else if (m.type === "progress") {
      Object.assign(lane, { done: m.done, seconds: m.seconds, stats: m.stats });
      lane.history.push([m.seconds, m.done]);
    } else if (m.type === "done") {
      Object.assign(lane, { phase: "done", result: m.result, machine: m.machine, done: m.result.points, seconds: m.result.seconds });
      lane.history.push([m.result.seconds, m.result.points]);
      worker.terminate();
    } else if (m.type === "error") {
      Object.assign(lane, { phase: "error", error: { name: m.name, message: m.message } });
      worker.terminate();
    }
    on.change();
  };
  worker.onerror = (e) => {
    e.preventDefault();
    Object.assign(lane, { phase: "error", error: { name: "WorkerError", message: e.message || "the lane's worker failed" } });
    on.change();
  };
  worker.postMessage(start);
  return {
    lane,
    stop(why) {
      if (finished(lane)) return;
      worker.terminate();
      const seconds = started ? (performance.now() - started) / 1000 : 0;
      lane.phase = "stopped";
      lane.seconds = seconds;
      lane.result = { name: lane.workload ?? start.workload, engine: lane.name ?? start.engine, points: lane.done, total: lane.total, seconds, jobs: [], gpu: null, stopped: why };
      lane.machine = browserMachine();
      on.change();
    },
  };
}
