/**
 * Starting one of the engine's Node worker threads (the CPU engine's block worker, the GPU engine's
 * host workers): in a build, the bundled `.js` entry registered beside it; from source, the
 * TypeScript entry through tsx's loader (registered inside the worker by a one-line stub).
 */
import type { Worker } from "node:worker_threads";

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

/**
 * A new worker on `entry`: the bundled file where one is registered, else the `.ts` entry beside the
 * caller's module (`callerUrl`: its `import.meta.url`), loaded through tsx. (The URL is built from
 * variables so that browser bundlers do not try to ship the Node entry as an asset.)
 */
export async function spawnWorker(entry: WorkerEntry, callerUrl: string): Promise<Worker> {
  const { Worker } = await import("node:worker_threads");
  const file = bundled.get(entry);
  if (file) return new Worker(file);
  const source = new URL(`./${entry}.ts`, callerUrl);
  const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); })`, { eval: true });
}
