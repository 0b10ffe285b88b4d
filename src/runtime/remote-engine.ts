/**
 * An `Engine` whose work runs in a browser page (src/runtime/page/engine-page.ts): every call is
 * proxied to the same engine code there, so `runConfig` and all file writing stay as in Node. A page
 * that crashes or a browser that exits ends the call in progress with DeviceLostError.
 */
import type { Engine, EngineJob, EngineName, EngineRun, Precision } from "../engine/engine.ts";
import type { Problem } from "../model/problem.ts";
import { DeviceLostError } from "../errors.ts";
import type { BrowserPage } from "./chromium.ts";
import { fromWire, type PageEngineInfo, unwire, type WireError, type WireResult } from "./wire.ts";

type Stats = NonNullable<Engine["kernelStats"]>;

export interface RemoteEngine extends Engine {
  readonly info: PageEngineInfo;
  /**
   * Asks the page, once, whether it takes each problem, so that the synchronous `check` (called
   * before any file is written) can refuse what the page would refuse.
   */
  prepare(problems: readonly Problem[]): Promise<void>;
}

/** `prepare` where the engine is a remote one (a no-op for the engines of Node). */
export async function prepareChecks(engine: Engine, problems: readonly Problem[]): Promise<void> {
  await (engine as Partial<RemoteEngine>).prepare?.(problems);
}

/** Opens `name` in the page of `session` (which the engine then owns and closes). */
export async function remoteEngine(session: BrowserPage, name: EngineName, precision: Precision): Promise<RemoteEngine> {
  const { page } = session;
  let progress: ((done: number) => void) | undefined;
  await page.exposeFunction("setsimProgress", (done: number) => progress?.(done));
  await Promise.race([page.waitForFunction(() => window.setsimEngine !== undefined), session.lost]);

  /** A page call raced against the browser's loss; playwright's own failures become DeviceLostError. */
  const call = async <T>(f: () => Promise<WireResult<T>>): Promise<T> => {
    let answer: WireResult<T>;
    try {
      answer = await Promise.race([f(), session.lost]);
    } catch (e) {
      if (e instanceof DeviceLostError) throw e;
      // the crash or disconnect event may trail the failed call by a moment
      await Promise.race([session.lost, new Promise((r) => setTimeout(r, 500))]);
      throw new DeviceLostError(`the browser page failed: ${String((e as Error).message).split("\n")[0]}; finished results are kept, --resume continues`, "page failed");
    }
    return unwire(answer);
  };

  const info = await call(() => page.evaluate(([n, p]) => window.setsimEngine.open(n, p), [name, precision] as const));
  const refusals = new Map<string, WireError>();
  let stats: Stats | undefined;

  const runMany = async (jobs: readonly EngineJob[], onTime?: (done: number) => void): Promise<EngineRun[]> => {
    let reported = 0;
    // one onTime per point, as the engines of Node call it (the page reports in bursts)
    progress = (done) => {
      while (reported < done) onTime?.(++reported);
    };
    try {
      const runs = await call(() => page.evaluate((j) => window.setsimEngine.runMany(j), jobs as unknown[])) as EngineRun[];
      progress(runs.reduce((n, r) => n + r.rows.length, 0));
      if (info.kernelStats) stats = await page.evaluate(() => window.setsimEngine.stats()) as Stats;
      return runs;
    } finally {
      progress = undefined;
    }
  };

  return {
    // as `--engine auto` says in Node: which adapter, or that there was none
    name: info.adapter === null && name !== "cpu" ? `${info.name} (the browser offers no WebGPU adapter)` : info.name,
    info,
    get kernelStats() {
      return stats;
    },
    async prepare(problems) {
      const answers = await call(() => page.evaluate((p) => window.setsimEngine.check(p), problems as unknown[]));
      answers.forEach((a, i) => {
        if (a) refusals.set(JSON.stringify(problems[i]), a);
      });
    },
    check(problem) {
      const refusal = refusals.get(JSON.stringify(problem));
      if (refusal) throw fromWire(refusal);
    },
    run: async (problem, times, onTime) => (await runMany([{ problem, times }], onTime))[0],
    ...(info.runMany ? { runMany } : {}),
    close() {
      void page.evaluate(() => window.setsimEngine.close()).catch(() => {}).finally(() => session.close());
    },
  };
}
