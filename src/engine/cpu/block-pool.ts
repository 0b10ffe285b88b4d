/**
 * Where block entropies are computed. The O(K³) eigenvalues of C_LL and C_RR dominate the CPU
 * engine, and the two blocks are independent: in Node, one worker thread takes C_RR while the main
 * thread does C_LL. Elsewhere (browser, bundles without workers) everything stays on one thread.
 */
import { blockEntropy } from "../../observables/block-entropy.ts";
import { spawnWorker } from "../spawn-worker.ts";

export interface BlockSolver {
  /** S of the block (re, im are handed over and may be detached) */
  entropy(re: Float64Array, im: Float64Array, n: number): Promise<number>;
  close(): void;
}

export const inlineSolver: BlockSolver = {
  async entropy(re, im, n) {
    return blockEntropy(re, im, n);
  },
  close() {},
};

/** A one-worker solver in Node, or null when worker threads (or the worker's entry) are unavailable. */
export async function workerSolver(): Promise<BlockSolver | null> {
  try {
    if (typeof process === "undefined" || !process.versions?.node) return null;
    const worker = await spawnWorker("block-worker", import.meta.url);
    worker.unref();
    const pending = new Map<number, { resolve: (s: number) => void; reject: (e: Error) => void }>();
    let next = 0;
    worker.on("message", (m: { id: number; entropy: number }) => {
      pending.get(m.id)?.resolve(m.entropy);
      pending.delete(m.id);
    });
    worker.on("error", (e: Error) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a round trip proves the worker (and its loader) really works before we rely on it
    const probe = await Promise.race([
      new Promise<number>((resolve, reject) => {
        pending.set(next, { resolve, reject });
        worker.postMessage({ id: next++, re: new Float64Array([0.5]), im: new Float64Array(1), n: 1 });
      }),
      new Promise<number>((_, reject) => {
        timer = setTimeout(() => reject(new Error("worker start timeout")), 10_000);
      }),
    ]).finally(() => clearTimeout(timer));
    if (Math.abs(probe - Math.LN2) > 1e-12) return null;
    return {
      entropy(re, im, n) {
        return new Promise((resolve, reject) => {
          pending.set(next, { resolve, reject });
          worker.postMessage({ id: next++, re, im, n }, [re.buffer as ArrayBuffer, im.buffer as ArrayBuffer]);
        });
      },
      close() {
        void worker.terminate();
      },
    };
  } catch {
    return null;
  }
}
