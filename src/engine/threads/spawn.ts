/**
 * Starts the engines' worker threads: Node's worker_threads (the TypeScript entry through tsx, or a
 * bundled entry beside a single-file build) or Web Workers in a browser. Vite bundles a Web Worker
 * only from the literal `new Worker(new URL("…", import.meta.url), …)`, hence one line per entry.
 */
import type { WorkerLike } from "./thread-pool.ts";

export type WorkerEntry = "host" | "block";

const bundled = new Map<WorkerEntry, URL>();
/** Where a single-file build put an entry (bench/bundle-entry.ts), instead of the TypeScript source. */
export function useBundledWorker(entry: WorkerEntry, url: URL): void {
  bundled.set(entry, url);
}

/** The TypeScript entries, relative to this file, for Node (tsx). */
const NODE_ENTRIES: Record<WorkerEntry, string> = { host: "../host-worker.ts", block: "../cpu/block-worker.ts" };

const isNode = () => typeof process !== "undefined" && !!process.versions?.node;

/** Whether this environment can start workers at all. */
export function canSpawn(): boolean {
  return isNode() || typeof globalThis.Worker === "function";
}

export async function spawner(entry: WorkerEntry): Promise<() => WorkerLike> {
  if (isNode()) {
    const { Worker } = await import("node:worker_threads");
    // (through a variable: a bundler would otherwise inline these TypeScript files into a page's build)
    const source = new URL(NODE_ENTRIES[entry], import.meta.url);
    const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
    return () => {
      const at = bundled.get(entry);
      // the TS entry is imported from a JS stub, after tsx's loader has been registered
      const w = at ? new Worker(at) : new Worker(`import(${api}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); })`, { eval: true });
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
    const w = entry === "host"
      ? new Worker(new URL("../host-worker.ts", import.meta.url), { type: "module" })
      : new Worker(new URL("../cpu/block-worker.ts", import.meta.url), { type: "module" });
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
