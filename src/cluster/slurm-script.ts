/**
 * The two sbatch scripts of a sharded sweep: `shards.sbatch`, a job array whose task I runs shard I
 * of N (`setsim run --shard auto/N --resume`), and `merge.sbatch`, the `setsim merge` submitted with
 * `--dependency=afterok:<array job>`. Plain text, no file system: `slurm-job.ts` writes and submits them.
 */

/** What the scripts run and where; every path absolute (Slurm starts jobs in another environment). */
export interface SlurmPlan {
  /** node's executable and this package's `bin/setsim.mjs` */
  node: string;
  bin: string;
  /** the frozen copy of the sweep config the tasks read */
  config: string;
  /** the sweep directory (`--out`) */
  out: string;
  /** the folder of the Slurm logs */
  logs: string;
  tasks: number;
  /** how many values, and of which field (for the scripts' comments) */
  values: number;
  field: string;
  /** `setsim run` options passed through to every task (`--engine webgpu`, ...) */
  runArgs: string[];
  /** `setsim merge` options (`--no-plots`) */
  mergeArgs: string[];
  partition?: string;
  time?: string;
  gpusPerTask?: string;
  cpusPerTask?: string;
  /** extra `#SBATCH` options, as given (`--account=abc`) */
  sbatchOptions: string[];
}

/** `s` quoted for bash when it needs it (paths with spaces, quotes, …). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const command = (words: string[]) => words.map(shellQuote).join(" ");

/** A value on an `#SBATCH` line: sbatch reads double quotes there (a log path with spaces). */
const directive = (s: string) => (/\s/.test(s) ? `"${s}"` : s);

/** The `#SBATCH` lines both scripts share. */
function common(plan: SlurmPlan): string[] {
  const lines = ["#SBATCH --ntasks=1"];
  if (plan.partition) lines.push(`#SBATCH --partition=${plan.partition}`);
  if (plan.time) lines.push(`#SBATCH --time=${plan.time}`);
  return lines;
}

/**
 * The array job: task I computes the values i with i mod N = I, writing one file per value (atomic,
 * none shared with another task) into the sweep directory.
 */
export function shardsScript(plan: SlurmPlan): string {
  const n = plan.tasks;
  const lines = [
    "#!/bin/bash",
    `# setsim: a sweep of ${plan.values} values of ${plan.field} over a Slurm job array of ${n} task${n > 1 ? "s" : ""}.`,
    `# Task I computes the values i with i mod ${n} = I (shard I of ${n}) and writes one file per value`,
    `# into the sweep directory; merge.sbatch then writes the averages and plots. Written by \`setsim slurm\`.`,
    "#   submit:              sbatch shards.sbatch",
    "#   rerun failed task I: sbatch --array=I shards.sbatch   (--resume keeps the values already written),",
    "#                        then the merge: sbatch --dependency=afterok:<that job id> merge.sbatch",
    `#SBATCH --job-name=setsim-shards`,
    `#SBATCH --array=0-${n - 1}`,
    ...common(plan),
  ];
  if (plan.gpusPerTask) lines.push(`#SBATCH --gpus-per-task=${plan.gpusPerTask}`);
  if (plan.cpusPerTask) lines.push(`#SBATCH --cpus-per-task=${plan.cpusPerTask}`);
  lines.push(...plan.sbatchOptions.map((o) => `#SBATCH ${o}`));
  lines.push(
    `#SBATCH --output=${directive(`${plan.logs}/shard-%a.job-%A.out`)}`,
    "set -euo pipefail",
    `exec ${command([plan.node, plan.bin, "run", plan.config, "--out", plan.out, "--shard", `auto/${n}`, "--resume", "--quiet", ...plan.runArgs])}`,
  );
  return lines.join("\n") + "\n";
}

/** The merge job: checks every value is there and of this config, then writes averages and plots. */
export function mergeScript(plan: SlurmPlan): string {
  const lines = [
    "#!/bin/bash",
    `# setsim: merge the ${plan.values} values of ${plan.field} written by shards.sbatch into averages.json,`,
    "# averages.csv and plots/ (the bytes of one unsharded run). Written by `setsim slurm`.",
    "#   submit after the array: sbatch --dependency=afterok:<shards job id> merge.sbatch",
    "#SBATCH --job-name=setsim-merge",
    ...common(plan),
    ...plan.sbatchOptions.map((o) => `#SBATCH ${o}`),
    `#SBATCH --output=${directive(`${plan.logs}/merge.job-%j.out`)}`,
    "set -euo pipefail",
    `exec ${command([plan.node, plan.bin, "merge", plan.out, ...plan.mergeArgs])}`,
  ];
  return lines.join("\n") + "\n";
}
