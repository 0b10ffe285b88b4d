#!/usr/bin/env node
// The benchmark bundle for machines with Node.js but no node_modules (the GPU machine:
// bench/gpu-run.sh): dist/bench.mjs with dist/host-worker.mjs and dist/block-worker.mjs beside it,
// shaders inlined; only `webgpu` (from the GPU kit) and the browser runtime's vite and
// playwright-core (never loaded there) stay outside. CommonJS dependencies (commander) call
// `require` for Node's modules, which an ES module lacks: the banner gives them one.
// Usage: node scripts/build-bench.mjs [OUTDIR]   (default dist/)
import { build } from "esbuild";
import { resolve } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const out = resolve(process.argv[2] ?? resolve(root, "dist"));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  loader: { ".wgsl": "text" },
  banner: { js: `import { createRequire as __setsimRequire } from "node:module"; const require = __setsimRequire(import.meta.url);` },
  logLevel: "warning",
};

await build({ ...common, entryPoints: ["bench/bundle-entry.ts"], outfile: `${out}/bench.mjs`, external: ["webgpu", "vite", "playwright-core"] });
await build({ ...common, entryPoints: ["src/engine/host-worker.ts"], outfile: `${out}/host-worker.mjs` });
await build({ ...common, entryPoints: ["src/engine/cpu/block-worker.ts"], outfile: `${out}/block-worker.mjs` });
