/**
 * Starts the engines' worker threads (the CPU engine's block workers, the GPU engine's host workers):
 * Node's worker_threads, or Web Workers in a browser. In Node, a build's bundled `.js` entry where one
 * is registered (useBundledWorkers), else the TypeScript entry through tsx's loader (registered inside
 * the worker by a one-line stub). In a browser, Web Workers from web-worker.ts.
 */
import type { WorkerLike } from "./thread-pool.ts";
import { startWebWorker } from "./web-worker.ts";

/** The engine's worker entries, by the name of their source file. */
export type WorkerEntry = "block-worker" | "host-worker";

const bundled = new Map<WorkerEntry, URL>();

/**
 * For builds (the library, the CLI bundle, the benchmark bundle): where each worker's bundled entry
 * lies, usually beside the bundle.
 *
 * @example
 * useBundledWorkers({ "block-worker": new URL("./block-worker.js", import.meta.url) });
 */
export function useBundledWorkers(entries: Partial<Record<WorkerEntry, URL>>): void {
  for (const [name, url] of Object.entries(entries) as Array<[WorkerEntry, URL]>) bundled.set(name, url);
}

/** The TypeScript entries, relative to this file, for Node (tsx). */
const NODE_ENTRIES: Record<WorkerEntry, string> = { "host-worker": "../host-worker.ts", "block-worker": "../cpu/block-worker.ts" };

const isNode = () => typeof process !== "undefined" && !!process.versions?.node;

/** Whether this environment can start workers at all. */
export function canSpawn(): boolean {
  return isNode() || typeof globalThis.Worker === "function";
}

export async function spawner(entry: WorkerEntry): Promise<() => WorkerLike> {
  if (isNode()) {
    const { Worker } = await import("node:worker_threads");
    // (through a variable: a bundler would otherwise try to ship these TypeScript files with a page)
    const source = new URL(NODE_ENTRIES[entry], import.meta.url);
    return () => {
      const at = bundled.get(entry);
      const w = at
        ? new Worker(at)
        : new Worker(`import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); })`, { eval: true });
      w.unref();
      return {
        post: (m, transfer) => w.postMessage(m, transfer as never),
        onMessage: (h) => w.on("message", h),
        onError: (h) => w.on("error", h),
        terminate: () => void w.terminate(),
      };
    };
  }
  return () => {
    const w = startWebWorker(entry);
    return {
      post: (m, transfer) => w.postMessage(m, transfer ?? []),
      onMessage: (h) => (w.onmessage = (e) => h(e.data)),
      onError: (h) => (w.onerror = (e) => {
        e.preventDefault();
        h(new Error(e.message || "a worker failed"));
      }),
      terminate: () => w.terminate(),
    };
  };
}
