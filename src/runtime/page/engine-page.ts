/**
 * The page side of `setsim run|batch --runtime chromium`: the CLI's own engine factory and engines,
 * run in the browser and driven from Node through `window.setsimEngine` (src/runtime/remote-engine.ts).
 * Points done go back through `window.setsimProgress`, a function the CLI exposes, a few times a second.
 */
import { createEngine, type Engine, type EngineJob, type EngineRun } from "../../engine/engine.ts";
import { type EnginePageApi, toWire, wired } from "../wire.ts";
import { engineWithAdapterWait } from "../adapter-wait.ts";

declare global {
  interface Window {
    setsimEngine: EnginePageApi;
    setsimProgress?: (done: number) => Promise<void>;
  }
}

let engine: Engine | undefined;
const status = document.getElementById("status")!;

/** Progress at most every 100 ms: each report is a round trip to Node. */
function progressReporter(): { point(done: number): void; flush(): void } {
  let last = 0;
  let latest = 0;
  let sent = 0;
  const send = () => {
    sent = latest;
    void window.setsimProgress?.(latest).catch(() => {});
  };
  return {
    point(done) {
      latest = done;
      const now = performance.now();
      if (now - last > 100) {
        last = now;
        send();
      }
    },
    flush: () => {
      if (latest > sent) send();
    },
  };
}

async function runMany(e: Engine, jobs: readonly EngineJob[]): Promise<EngineRun[]> {
  const progress = progressReporter();
  try {
    if (e.runMany) return await e.runMany(jobs, (done) => progress.point(done));
    const runs: EngineRun[] = [];
    let base = 0;
    for (const job of jobs) {
      runs.push(await e.run(job.problem, job.times, (done) => progress.point(base + done)));
      base += job.times.length;
    }
    return runs;
  } finally {
    progress.flush();
  }
}

const opened = (): Engine => {
  if (!engine) throw new Error("the engine page has no engine open");
  return engine;
};

window.setsimEngine = {
  open: (name, precision) => wired(async () => {
    engine?.close();
    const chosen = await engineWithAdapterWait(name);
    engine = await createEngine(chosen.engine, { precision });
    status.textContent = `engine ${engine.name}`;
    return {
      name: engine.name,
      adapter: engine.name.startsWith("webgpu") ? (/\((.*)\)$/.exec(engine.name)?.[1] ?? "unknown adapter") : null,
      runMany: engine.runMany !== undefined,
      kernelStats: engine.kernelStats !== undefined,
      userAgent: navigator.userAgent,
      note: chosen.note,
    };
  }),
  check: (problems) => wired(() => problems.map((p) => {
    try {
      opened().check?.(p as EngineJob["problem"]);
      return null;
    } catch (e) {
      return toWire(e);
    }
  })),
  runMany: (jobs) => wired(() => runMany(opened(), jobs as EngineJob[])),
  stats: () => structuredClone(engine?.kernelStats ?? null),
  close: () => {
    engine?.close();
    engine = undefined;
  },
};
status.textContent = "ready";
