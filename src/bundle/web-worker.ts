/**
 * The library's browser build's version of src/engine/threads/web-worker.ts: the worker entries
 * built beside the bundle (dist/browser/host-worker.js, block-worker.js), as literal URLs that a
 * consumer's bundler (vite) follows.
 */
import type { WorkerEntry } from "../engine/threads/spawn.ts";

export function startWebWorker(entry: WorkerEntry): Worker {
  return entry === "host-worker"
    ? new Worker(new URL("./host-worker.js", import.meta.url), { type: "module" })
    : new Worker(new URL("./block-worker.js", import.meta.url), { type: "module" });
}
