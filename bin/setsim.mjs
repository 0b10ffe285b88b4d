#!/usr/bin/env node
// Entry of the `setsim` command. In a checkout (src/ beside bin/) it runs the TypeScript sources
// through tsx, so that no build step is needed; in an installed package, the compiled CLI in dist/.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import(source.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  await import("../dist/node/cli.js");
}
