/** Worker side of the block pool: entropies of the blocks it is sent (Node worker_threads). */
import { parentPort } from "node:worker_threads";
import { blockEntropy } from "../../observables/block-entropy.ts";

parentPort!.on("message", (m: { id: number; re: Float64Array; im: Float64Array; n: number }) => {
  parentPort!.postMessage({ id: m.id, entropy: blockEntropy(m.re, m.im, m.n) });
});
