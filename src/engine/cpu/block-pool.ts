/**
 * Where block entropies are computed. The O(K³) eigenvalues of C_LL and C_RR dominate the CPU
 * engine, and every block of every time is independent: a pool of worker threads (Node's
 * worker_threads, or Web Workers in a page: threads/) takes them, while the engine's own thread forms
 * the next blocks. Without workers everything stays on one thread; the bits are the same either way.
 */
import { blockEntropy } from "../../observables/block-entropy.ts";
import { coreCount, createThreadPool } from "../threads/thread-pool.ts";
import { canSpawn, spawner } from "../threads/spawn.ts";
import type { BlockRequest } from "./block-worker.ts";

export interface BlockSolver {
  /** S of the block (re, im are handed over and may be detached) */
  entropy(re: Float64Array, im: Float64Array, n: number): Promise<number>;
  /** worker threads (0: in-thread) */
  readonly threads: number;
  close(): void;
}

export const inlineSolver: BlockSolver = {
  threads: 0,
  async entropy(re, im, n) {
    return blockEntropy(re, im, n);
  },
  close() {},
};

/**
 * `threads` workers (default: one per core, at most 16), or null where workers (or the TS loader)
 * are unavailable. Each block goes to the worker with the fewest blocks in hand.
 */
export async function workerSolver(threads?: number): Promise<BlockSolver | null> {
  try {
    if (!canSpawn()) return null;
    const n = threads ?? Math.min(16, await coreCount());
    if (n < 1) return null;
    const pool = await createThreadPool<BlockRequest>(await spawner("block-worker"), n, { re: new Float64Array([0.5]), im: new Float64Array(1), n: 1 });
    return {
      threads: n,
      entropy: (re, im, size) => pool.ask<number>("idlest", { re, im, n: size }, [re.buffer as ArrayBuffer, im.buffer as ArrayBuffer]),
      close: () => pool.close(),
    };
  } catch {
    return null;
  }
}
