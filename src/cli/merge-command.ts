/** `setsim merge DIR`: the averages and plots of a sweep whose values were computed by shards. */
import type { Command } from "commander";
import { mergeSweep } from "../sweep/merge.ts";

/** Adds `merge` to the command line. */
export function registerMerge(cli: Command): void {
  cli
    .command("merge")
    .description("check that a sharded sweep directory holds every value of one config, then write its averages and plots (the bytes of an unsharded run)")
    .argument("<dir>", "the sweep directory the shards wrote (setsim run … --shard I/N)")
    .option("--no-plots", "do not write SVG plots")
    .action((dir: string, o: { plots: boolean }) => {
      const s = mergeSweep(dir, { plots: o.plots });
      const sweep = s.parsed.sweep!;
      const averages = s.files.length > sweep.values.length ? "averages.json, averages.csv" : "no averages (the config asks for none)";
      process.stderr.write(`setsim: merged ${sweep.values.length} values of ${sweep.field} in ${dir}: ${averages}${s.plots.length ? `, ${s.plots.length} SVG plots` : ""}\n`);
    });
}
