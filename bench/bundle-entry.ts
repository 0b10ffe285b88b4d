/**
 * Entry of the benchmark bundle (`npm run build:bench` → dist/bench.mjs, with dist/host-worker.mjs and
 * dist/block-worker.mjs beside it for the worker threads): shaders inlined, `webgpu` external.
 */
import "../src/bundle/shaders.ts";
import { useBundledWorkers } from "../src/engine/threads/spawn.ts";

useBundledWorkers({
  "host-worker": new URL("./host-worker.mjs", import.meta.url),
  "block-worker": new URL("./block-worker.mjs", import.meta.url),
});
await import("./bench.ts");
