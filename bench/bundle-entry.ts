/**
 * Entry of the benchmark bundle (`npm run build:bench` → dist/bench.mjs, with dist/host-worker.mjs
 * beside it for the host worker threads): shaders inlined, `webgpu` external.
 */
import "../src/bundle/shaders.ts";
import { useBundledWorkers } from "../src/engine/spawn-worker.ts";

useBundledWorkers({ "host-worker": new URL("./host-worker.mjs", import.meta.url) });
await import("./bench.ts");
