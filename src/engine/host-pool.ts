/**
 * The f64 host work of the GPU engine per (problem, t) point, the O(N²) vectors of C(t) and the row
 * (S_B's secular roots, β*, μ*, the decomposition), spread over worker threads in Node: the points
 * are independent, and at K = 1000 the two cost ~135 ms a point on one thread. Elsewhere (browser,
 * one core) the same calls run in-thread. Results are the same bits either way (the same code).
 */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";
import type { BlockVectors } from "../propagation/correlation-blocks.ts";
import { HostJobs, type Occupations } from "./host-jobs.ts";
import type { HostRequest } from "./host-worker.ts";
import { spawnWorker } from "./spawn-worker.ts";

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

export interface HostWork {
  /** registers a job's problem (planned where and when its first point is asked for) */
  plan(job: string, problem: Problem): void;
  /** the job's meta (its global references), computed off the main thread where there are workers */
  meta(job: string): Promise<Meta>;
  /** the vectors of C(t) in f64 (`slot` spreads the calls over the workers) */
  vectors(job: string, slot: number, t: number): Promise<BlockVectors>;
  /** the row at t from the time's occupations and dot weights and the block entropies */
  row(job: string, slot: number, t: number, occupations: Occupations, SL: number, SR: number): Promise<Row>;
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
    meta: async (job) => jobs.meta(job),
    vectors: async (job, _, t) => jobs.vectors(job, t),
    row: async (job, _, t, occupations, SL, SR) => jobs.row(job, t, occupations, SL, SR),
    forget: (job) => jobs.forget(job),
    close() {},
  };
}

/** `threads` workers in Node (default: all cores but one, at most 15), or null where there are none. */
export async function workerHost(threads?: number): Promise<HostWork | null> {
  try {
    if (typeof process === "undefined" || !process.versions?.node) return null;
    const os = await import("node:os");
    const n = threads ?? Math.min(15, Math.max(1, os.availableParallelism() - 1));
    if (n < 1) return null;
    const workers = await Promise.all(Array.from({ length: n }, () => spawnWorker("host-worker", import.meta.url)));
    const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
    let next = 0;
    for (const w of workers) {
      w.unref();
      w.on("message", (m: { id: number; value?: unknown; error?: string }) => {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(`host worker: ${m.error}`));
        else p?.resolve(m.value as never);
      });
      w.on("error", (e: Error) => {
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      });
    }
    const ask = <T>(slot: number, m: WithoutId<Extract<HostRequest, { id: number }>>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: never) => void, reject });
        workers[slot % n].postMessage({ ...m, id });
      });
    const all = (m: HostRequest) => workers.forEach((w) => w.postMessage(m));
    // a round trip through every worker proves the entry (and its loader) really loads
    const probe = { KL: 2, KR: 2, W: 1, epsD: 0, nD: 0, betaL: 1, betaR: 1, muL: 0, muR: 0, GammaL: 1, GammaR: 1, initial: { kind: "thermal" as const } };
    all({ type: "plan", job: "probe", problem: probe });
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(workers.map((_, slot) => ask(slot, { type: "vectors", job: "probe", t: 1 }))),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("host worker start timeout")), 20_000))),
    ]).finally(() => clearTimeout(timer));
    all({ type: "forget", job: "probe" });
    return {
      threads: n,
      plan: (job, problem) => all({ type: "plan", job, problem }),
      // spread over the workers by the job's name
      meta: (job) => ask<Meta>([...job].reduce((h, c) => h * 31 + c.charCodeAt(0), 0) >>> 0, { type: "meta", job }),
      vectors: (job, slot, t) => ask<BlockVectors>(slot, { type: "vectors", job, t }),
      // only the two O(N) arrays a row needs travel, not the whole vectors
      row: (job, slot, t, { diag, dotWeights }, SL, SR) => ask<Row>(slot, { type: "row", job, t, occupations: { diag, dotWeights }, SL, SR }),
      forget: (job) => all({ type: "forget", job }),
      close: () => workers.forEach((w) => void w.terminate()),
    };
  } catch {
    return null;
  }
}
