/**
 * A pool of worker threads answering requests, the same in Node (worker_threads) and in a browser
 * (Web Workers, also from inside a worker): requests carry an id, each worker answers its own in
 * order, a failing worker rejects what it holds. spawn.ts makes the workers; serve.ts is their side.
 */

/** The little of a Node Worker and a Web Worker that the pool uses. */
export interface WorkerLike {
  post(message: unknown, transfer?: Transferable[]): void;
  onMessage(handler: (message: unknown) => void): void;
  onError(handler: (error: Error) => void): void;
  terminate(): void;
}

/** A reply to request `id`: its value, or the error the handler threw. */
export type Reply = { id: number; value?: unknown; error?: string };

export interface ThreadPool<Request> {
  readonly size: number;
  /**
   * Sends `body` to worker `slot % size`, or to the worker holding the fewest open requests
   * ("idlest"), and resolves with its answer. `transfer`: buffers handed over (detached here).
   */
  ask<T>(slot: number | "idlest", body: Request, transfer?: Transferable[]): Promise<T>;
  /** Sends `body` to every worker (no answer). */
  tell(body: Request): void;
  close(): void;
}

/**
 * `n` workers from `spawn`, once each has answered `probe` within `timeoutMs` (a worker whose entry
 * fails to load, e.g. without the TypeScript loader, would otherwise hang its first request).
 */
export async function createThreadPool<Request>(
  spawn: () => WorkerLike, n: number, probe: Request, timeoutMs = 20_000,
): Promise<ThreadPool<Request>> {
  const workers = Array.from({ length: n }, spawn);
  const open = workers.map(() => new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>());
  // a worker that failed (its script threw) answers nothing more: later requests to it fail at once
  const failed: Array<Error | undefined> = workers.map(() => undefined);
  let next = 0;
  workers.forEach((w, i) => {
    w.onMessage((m) => {
      const r = m as Reply;
      const p = open[i].get(r.id);
      open[i].delete(r.id);
      if (r.error !== undefined) p?.reject(new Error(`worker: ${r.error}`));
      else p?.resolve(r.value as never);
    });
    w.onError((e) => {
      failed[i] = e;
      for (const p of open[i].values()) p.reject(e);
      open[i].clear();
    });
  });
  const pool: ThreadPool<Request> = {
    size: n,
    ask<T>(slot: number | "idlest", body: Request, transfer: Transferable[] = []) {
      let i = 0;
      if (slot === "idlest") {
        for (let k = 1; k < n; k++) if (open[k].size < open[i].size) i = k;
      } else {
        i = slot % n;
      }
      return new Promise<T>((resolve, reject) => {
        if (failed[i]) return reject(failed[i]);
        const id = next++;
        open[i].set(id, { resolve: resolve as (v: never) => void, reject });
        workers[i].post({ id, body }, transfer);
      });
    },
    tell(body) {
      for (const w of workers) w.post({ id: -1, body });
    },
    close() {
      for (const w of workers) w.terminate();
    },
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      Promise.all(workers.map((_, i) => pool.ask(i, probe))),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("worker start timeout")), timeoutMs))),
    ]);
  } catch (e) {
    pool.close();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return pool;
}

/** Cores of this machine (Node) or as the browser reports them; 1 where unknown. */
export async function coreCount(): Promise<number> {
  if (typeof process !== "undefined" && process.versions?.node) {
    const os = await import("node:os");
    return os.availableParallelism();
  }
  return globalThis.navigator?.hardwareConcurrency ?? 1;
}
