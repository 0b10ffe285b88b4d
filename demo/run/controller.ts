/**
 * One job at a time in a fresh Web Worker: progress with points done and the ETA, Cancel terminates
 * the worker (the only way to stop a synchronous computation in JS). Results that arrived before a
 * cancel are kept by the caller: the controller only forwards them.
 */
import type { Meta, Row, RunResult } from "../../src/observables/columns.ts";
import type { RunKind, StartMessage, WorkerMessage } from "./messages.ts";

export interface JobEvents {
  engine(name: string, gpu: boolean, reason?: string): void;
  plan(total: number, values: Array<number | undefined>): void;
  progress(done: number, total: number, etaSeconds: number | undefined): void;
  /** one finished time of a value still running (kept if the job is cancelled) */
  row(index: number, kind: RunKind, i: number, row: Row, meta: Meta): void;
  value(index: number, kind: RunKind, result: RunResult): void;
  /** the job ended: finished, cancelled, or failed (with the worker's error message) */
  end(outcome: "done" | "cancelled" | "error", error?: Extract<WorkerMessage, { type: "error" }>): void;
}

export interface Job {
  cancel(): void;
}

export type RunStats = Extract<WorkerMessage, { type: "stats" }>;

declare global {
  interface Window {
    /** the last finished job's engine counters (GPU submissions, stage times): for tests and benchmarks */
    setsimRunStats?: RunStats;
  }
}

/** Seconds left, extrapolated from the mean time per point so far (none before the first point). */
export function eta(done: number, total: number, elapsedSeconds: number): number | undefined {
  if (done <= 0 || total <= 0) return undefined;
  return (elapsedSeconds / done) * (total - done);
}

export function startJob(job: StartMessage, on: JobEvents): Job {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  window.setsimRunStats = undefined;
  let total = 0;
  let started = 0;
  let finished = false;
  const finish = (outcome: "done" | "cancelled" | "error", error?: Extract<WorkerMessage, { type: "error" }>) => {
    if (finished) return;
    finished = true;
    worker.terminate();
    on.end(outcome, error);
  };
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    if (m.type === "engine") on.engine(m.name, m.gpu, m.reason);
    else if (m.type === "plan") {
      total = m.total;
      started = performance.now();
      on.plan(m.total, m.values);
      on.progress(0, total, undefined);
    } else if (m.type === "progress") on.progress(m.done, total, eta(m.done, total, (performance.now() - started) / 1000));
    else if (m.type === "row") on.row(m.index, m.kind, m.i, m.row, m.meta);
    else if (m.type === "value") on.value(m.index, m.kind, m.result);
    else if (m.type === "stats") window.setsimRunStats = m;
    else if (m.type === "done") finish("done");
    else if (m.type === "error") finish("error", m);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    finish("error", { type: "error", name: "WorkerError", message: e.message || "the worker failed to start" });
  };
  worker.postMessage(job);
  return { cancel: () => finish("cancelled") };
}
