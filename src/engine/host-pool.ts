/**
 * The f64 host work of the GPU engine per (problem, t) point, spread over worker threads (Node's
 * worker_threads or a browser's Web Workers, threads/): the points are independent. Where the GPU
 * solves the secular equation, a point's row (β*, μ*, the decomposition) is O(N), ~3 ms at K = 1000;
 * the jobs' plans (ℋ's spectrum, O(N²), ~70 ms each) and metas (global references) are made there too.
 * Results are the same bits in-thread or not (the same code).
 */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";
import type { BlockVectors } from "../propagation/correlation-blocks.ts";
import type { TimePlan } from "./run-plan.ts";
import { HostJobs, type PointState } from "./host-jobs.ts";
import type { HostRequest } from "./host-worker.ts";
import { coreCount, createThreadPool } from "./threads/thread-pool.ts";
import { canSpawn, spawner } from "./threads/spawn.ts";

export interface HostWork {
  /** registers a job's problem (planned where and when its first point is asked for) */
  plan(job: string, problem: Problem): void;
  /** the job's ℋ spectrum and C(0), made where its meta is */
  timePlan(job: string): Promise<TimePlan>;
  /** the job's meta (its global references), computed off the main thread where there are workers */
  meta(job: string): Promise<Meta>;
  /** the vectors of C(t) in f64 (`slot` spreads the calls over the workers) */
  vectors(job: string, slot: number, t: number): Promise<BlockVectors>;
  /** the row at t from the time's state (occupations and S_B − S_tot or dot weights) and the block entropies */
  row(job: string, slot: number, t: number, state: PointState, SL: number, SR: number): Promise<Row>;
  forget(job: string): void;
  readonly threads: number;
  close(): void;
}

/** In-thread host work. */
export function inlineHost(): HostWork {
  const jobs = new HostJobs();
  return {
    threads: 0,
    plan: (job, problem) => jobs.plan(job, problem),
    timePlan: async (job) => jobs.timePlan(job),
    meta: async (job) => jobs.meta(job),
    vectors: async (job, _, t) => jobs.vectors(job, t),
    row: async (job, _, t, state, SL, SR) => jobs.row(job, t, state, SL, SR),
    forget: (job) => jobs.forget(job),
    close() {},
  };
}

/** The default worker count: all cores but the one that drives the GPU, at most 15. */
export async function defaultHostThreads(): Promise<number> {
  return Math.min(15, Math.max(1, (await coreCount()) - 1));
}

/** `threads` workers (default: defaultHostThreads) in Node or a browser, or null where there are none. */
export async function workerHost(threads?: number): Promise<HostWork | null> {
  try {
    if (!canSpawn()) return null;
    const n = threads ?? (await defaultHostThreads());
    if (n < 1) return null;
    // a round trip through every worker proves the entry (and its loader) really loads
    const pool = await createThreadPool<HostRequest>(await spawner("host-worker"), n, { type: "forget", job: "probe" });
    // a job's plan and meta are made by one worker, chosen by its name
    const home = (job: string) => [...job].reduce((h, c) => h * 31 + c.charCodeAt(0), 0) >>> 0;
    return {
      threads: n,
      plan: (job, problem) => pool.tell({ type: "plan", job, problem }),
      timePlan: (job) => pool.ask<TimePlan>(home(job), { type: "timePlan", job }),
      meta: (job) => pool.ask<Meta>(home(job), { type: "meta", job }),
      vectors: (job, slot, t) => pool.ask<BlockVectors>(slot, { type: "vectors", job, t }),
      // only the O(N) arrays a row needs travel, not the whole vectors
      row: (job, slot, t, state, SL, SR) => pool.ask<Row>(slot, {
        type: "row", job, t, SL, SR,
        state: "SBminusStot" in state ? { diag: state.diag, SBminusStot: state.SBminusStot } : { diag: state.diag, dotWeights: state.dotWeights },
      }),
      forget: (job) => pool.tell({ type: "forget", job }),
      close: () => pool.close(),
    };
  } catch {
    return null;
  }
}
