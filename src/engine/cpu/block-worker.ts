/** Worker side of the block pool (block-pool.ts), in Node or a browser: entropies of the blocks it is sent. */
import { blockEntropy } from "../../observables/block-entropy.ts";
import { serve } from "../threads/serve.ts";

export type BlockRequest = { re: Float64Array; im: Float64Array; n: number };

void serve<BlockRequest>((m) => blockEntropy(m.re, m.im, m.n));
