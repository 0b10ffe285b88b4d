/**
 * The worker side of thread-pool.ts: answers each request `{ id, body }` with `{ id, value }` (or
 * `{ id, error }`), from Node's parentPort or a Web Worker's own scope; id −1 gets no answer.
 */
import type { Reply } from "./thread-pool.ts";

/** Serves `handle`; `transferOf(value)` names the buffers to hand over with an answer. */
export async function serve<Request>(handle: (body: Request) => unknown, transferOf: (value: unknown) => Transferable[] = () => []): Promise<void> {
  let post: (m: Reply, transfer: Transferable[]) => void;
  let listen: (cb: (m: { id: number; body: Request }) => void) => void;
  if (typeof process !== "undefined" && process.versions?.node) {
    const { parentPort } = await import("node:worker_threads");
    post = (m, transfer) => parentPort!.postMessage(m, transfer as never);
    listen = (cb) => parentPort!.on("message", cb);
  } else {
    const scope = globalThis as unknown as { postMessage(m: unknown, t: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
    post = (m, transfer) => scope.postMessage(m, transfer);
    listen = (cb) => (scope.onmessage = (e) => cb(e.data));
  }
  listen(({ id, body }) => {
    try {
      const value = handle(body);
      if (id >= 0) post({ id, value }, transferOf(value));
    } catch (e) {
      if (id >= 0) post({ id, error: String(e) }, []);
    }
  });
}
