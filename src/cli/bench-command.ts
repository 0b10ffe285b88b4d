import type { Command } from "commander";
export function registerBench(_cli: Command): void {}
