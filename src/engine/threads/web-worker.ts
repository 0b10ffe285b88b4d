/**
 * A Web Worker on one of the engine's entries, from its TypeScript source (vite and other bundlers
 * bundle a worker only from the literal `new Worker(new URL("…", import.meta.url), …)`, hence one
 * line per entry). The library's browser build swaps this module for src/bundle/web-worker.ts, which
 * names the built `.js` entries instead.
 */
import type { WorkerEntry } from "./spawn.ts";

export function startWebWorker(entry: WorkerEntry): Worker {
  return entry === "host-worker"
    ? new Worker(new URL("../host-worker.ts", import.meta.url), { type: "module" })
    : new Worker(new URL("../cpu/block-worker.ts", import.meta.url), { type: "module" });
}
