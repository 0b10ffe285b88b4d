/**
 * One lane of the benchmark page: creates the engine (the CLI's factory) and times the workload with `measureWorkload` (the same measurement as `npm run bench`), posting the
 * points done and the GPU passes' running totals a few times a second.
 */
import { createEngine } from "../../src/engine/engine.ts";
import { measureWorkload } from "../../src/bench/measure.ts";
import { workload } from "../../src/bench/workloads.ts";
import type { LaneMessage, LaneStart } from "./messages.ts";
import { browserMachine } from "./adapter.ts";
import { engineWithAdapterWait } from "../../src/runtime/adapter-wait.ts";

const post = (m: LaneMessage) => postMessage(m);

async function run(job: LaneStart): Promise<void> {
  const engine = await createEngine((await engineWithAdapterWait(job.engine)).engine, { precision: job.precision });
  const w = workload(job.workload, job.K);
  post({ type: "engine", name: engine.name, workload: w.name, total: w.jobs.reduce((n, j) => n + j.times.length, 0) });
  const t0 = performance.now();
  let last = 0;
  const progress = (done: number) => {
    const now = performance.now();
    if (now - last < 100) return;
    last = now;
    post({ type: "progress", done, seconds: (now - t0) / 1000, stats: engine.kernelStats ? structuredClone(engine.kernelStats) : null });
  };
  const { result } = await measureWorkload(engine, w.name, w.jobs, { onPoint: progress });
  engine.close();
  post({ type: "done", result, machine: browserMachine() });
}

onmessage = (e: MessageEvent<LaneStart>) => {
  run(e.data).catch((err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    post({ type: "error", name: error.name, message: error.message });
  });
};
