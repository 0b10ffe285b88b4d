#!/usr/bin/env node
// The package's build (`npm run build`, run by `prepare`/`prepack`): compiled JavaScript for Node
// (dist/node: the library, the CLI and the engine's worker entries) and for browsers (dist/browser:
// no Node modules), shaders inlined, npm dependencies left as imports; declarations in dist/types.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");
for (const d of ["node", "browser", "types"]) rmSync(join(dist, d), { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  packages: "external",
  loader: { ".wgsl": "text" },
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
};

await build({
  ...common,
  platform: "node",
  target: "node20",
  entryPoints: {
    index: "src/bundle/node.ts",
    cli: "src/bundle/cli.ts",
    "block-worker": "src/engine/cpu/block-worker.ts",
    "host-worker": "src/engine/host-worker.ts",
  },
  outdir: join(dist, "node"),
  splitting: true,
  chunkNames: "[name]-[hash]",
});

/** Node's modules have no place in a browser: each import of one becomes a module that throws if used. */
const noNodeModules = {
  name: "no-node-modules",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "no-node" }));
    b.onLoad({ filter: /.*/, namespace: "no-node" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not available in a browser`)});`,
    }));
  },
};

/** The engine's Web Workers, in the browser build, from the built entries beside it. */
const builtWebWorkers = {
  name: "built-web-workers",
  setup(b) {
    b.onResolve({ filter: /\/web-worker\.ts$/ }, (args) =>
      args.importer.endsWith(join("threads", "spawn.ts")) ? { path: join(root, "src/bundle/web-worker.ts") } : undefined);
  },
};

await build({
  ...common,
  platform: "browser",
  entryPoints: {
    index: "src/bundle/browser.ts",
    "block-worker": "src/engine/cpu/block-worker.ts",
    "host-worker": "src/engine/host-worker.ts",
  },
  outdir: join(dist, "browser"),
  splitting: true,
  chunkNames: "[name]-[hash]",
  // csv-stringify's Node build touches `Buffer` when loaded; its browser build gives the same text
  alias: { "csv-stringify/sync": "csv-stringify/browser/esm/sync" },
  plugins: [noNodeModules, builtWebWorkers],
});

execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
// declarations keep the sources' `.ts` specifiers; consumers resolve `.js` ones to the `.d.ts` files
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
for (const file of walk(join(dist, "types"))) {
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/(["'])(\.{1,2}\/[^"']+)\.ts\1/g, "$1$2.js$1"));
}
