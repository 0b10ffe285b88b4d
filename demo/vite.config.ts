/**
 * The demo page's build (`npm run demo`, `npm run build:demo` → dist/demo): a static site, no server
 * code. Relative asset paths so it works from any folder of any static host.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  base: "./",
  resolve: {
    alias: {
      // src/io/format.ts uses csv-stringify's sync API; its Node build touches `Buffer` at load
      // time, its browser build (same version, same output) does not
      "csv-stringify/sync": "csv-stringify/browser/esm/sync",
    },
  },
  worker: { format: "es" },
  // its own pre-bundle cache (the engine-check test's server uses the default one), with every
  // dependency listed up front: one found late (e.g. first imported by the worker) makes the dev
  // server reload the page mid-run
  cacheDir: fileURLToPath(new URL("../node_modules/.vite-demo", import.meta.url)),
  optimizeDeps: {
    entries: ["index.html", "run/worker.ts", "bench.html", "bench/bench-worker.ts"],
    include: ["d3", "zod", "pure-rand/generator/xoroshiro128plus", "pure-rand/distribution/uniformFloat64", "csv-stringify/browser/esm/sync"],
  },
  build: {
    outDir: fileURLToPath(new URL("../dist/demo", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: { index: fileURLToPath(new URL("index.html", import.meta.url)), bench: fileURLToPath(new URL("bench.html", import.meta.url)) },
    },
  },
});
