/** `setsim slurm CONFIG --out DIR --tasks N`: a sweep as a Slurm job array plus a dependent merge job. */
import { type Command, Option } from "commander";
import { parseConfig } from "../config/schema.ts";
import { type SlurmFiles, submitSlurm, writeSlurmFiles } from "../cluster/slurm-job.ts";
import { shellQuote } from "../cluster/slurm-script.ts";

interface SlurmCliOptions {
  out: string;
  tasks: string;
  partition?: string;
  time?: string;
  gpusPerTask?: string;
  cpusPerTask?: string;
  sbatch: string[];
  engine?: string;
  precision?: string;
  plots: boolean;
  rerun?: string;
  dryRun: boolean;
}

const collect = (v: string, all: string[]) => [...all, v];

function printSubmitted(files: SlurmFiles, jobs: { shards: string; merge: string }, rerun: string | undefined, tasks: number): void {
  const ids = `${jobs.shards},${jobs.merge}`;
  process.stdout.write([
    `shards job ${jobs.shards} (array ${rerun ?? `0-${tasks - 1}`})`,
    `merge job ${jobs.merge} (starts when every shard succeeded: --dependency=afterok:${jobs.shards})`,
    `watch: squeue -j ${ids}   or, once finished: sacct -X -j ${ids} -o JobID,JobName,State,ExitCode,Elapsed   (without accounting: scontrol show job ${jobs.shards})`,
    `logs: ${files.dir}/logs/`,
    `a failed task I: run this command again with --rerun I (finished values are kept), then scancel ${jobs.merge}, which waits for ever (DependencyNeverSatisfied)`,
  ].join("\n") + "\n");
}

/** Adds `slurm` to the command line; `readConfig` reads and JSON-parses a config file (CLI errors). */
export function registerSlurm(cli: Command, readConfig: (path: string) => unknown): void {
  cli
    .command("slurm")
    .description("run a sweep on a Slurm cluster: write an sbatch job array (one shard per task) and a merge job that depends on it, and submit both")
    .argument("<config>", "a sweep config (SPEC §3)")
    .requiredOption("--out <dir>", "the sweep directory (on a file system every node sees); the scripts and logs go to <dir>-slurm/")
    .requiredOption("--tasks <n>", "array tasks (shards), 1 … the number of values")
    .option("--partition <name>", "sbatch --partition")
    .option("--time <limit>", "sbatch --time, per task and for the merge (e.g. 2:00:00)")
    .option("--gpus-per-task <n>", "sbatch --gpus-per-task for the array tasks (with --engine webgpu)")
    .option("--cpus-per-task <n>", "sbatch --cpus-per-task for the array tasks")
    .option("--sbatch <option>", "one more #SBATCH line for both jobs, e.g. --sbatch=--account=abc (repeatable)", collect, [])
    .addOption(new Option("--engine <engine>", "engine of every task").choices(["cpu", "webgpu", "auto"]))
    .addOption(new Option("--precision <mode>", "GPU arithmetic of every task").choices(["fast", "accurate"]))
    .option("--no-plots", "the merge writes no SVG plots")
    .option("--rerun <indices>", "resubmit only these array tasks (2, 1,3 or 0-2) and a new merge job")
    .option("--dry-run", "write the scripts, submit nothing", false)
    .action((configPath: string, o: SlurmCliOptions) => {
      const parsed = parseConfig(readConfig(configPath));
      const tasks = /^\d+$/.test(o.tasks) ? Number(o.tasks) : NaN;
      const runArgs = [...(o.engine ? ["--engine", o.engine] : []), ...(o.precision ? ["--precision", o.precision] : [])];
      const files = writeSlurmFiles({
        parsed, out: o.out, tasks, partition: o.partition, time: o.time, gpusPerTask: o.gpusPerTask, cpusPerTask: o.cpusPerTask,
        sbatchOptions: o.sbatch, runArgs, mergeArgs: o.plots ? [] : ["--no-plots"], rerun: o.rerun,
      });
      const array = o.rerun !== undefined ? ` --array=${o.rerun}` : "";
      process.stderr.write(`setsim: wrote ${files.shards} and ${files.merge}\n`);
      if (o.dryRun) {
        process.stdout.write(`dry run, nothing submitted; to submit:\n  id=$(sbatch --parsable${array} ${shellQuote(files.shards)}) && sbatch --dependency=afterok:$id ${shellQuote(files.merge)}\n`);
        return;
      }
      printSubmitted(files, submitSlurm(files, o.rerun), o.rerun, tasks);
    });
}
