/**
 * Entry of the library's Node build (dist/node/index.js): shaders inlined, the engine's worker
 * threads from the bundled entries beside it, then everything `src/index.ts` exports.
 */
import "./shaders.ts";
import { useBundledWorkers } from "../engine/threads/spawn.ts";

useBundledWorkers({
  "block-worker": new URL("./block-worker.js", import.meta.url),
  "host-worker": new URL("./host-worker.js", import.meta.url),
});

export * from "../index.ts";
