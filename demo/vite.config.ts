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
  build: {
    outDir: fileURLToPath(new URL("../dist/demo", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: { input: { index: fileURLToPath(new URL("index.html", import.meta.url)) } },
  },
});
