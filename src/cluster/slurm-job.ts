/**
 * `setsim slurm`: writes a sweep's sbatch scripts beside its directory (`<out>-slurm/`: the frozen
 * config, `shards.sbatch`, `merge.sbatch`, `logs/`), then submits the array and the dependent merge.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ParsedConfig } from "../config/schema.ts";
import { ConfigError, ResumeError } from "../errors.ts";
import { writeFileAtomicSync } from "../io/atomic-write.ts";
import { MANIFEST, readManifest } from "../sweep/sweep-dir.ts";
import { sameConfig } from "../sweep/same-config.ts";
import { sbatch } from "./sbatch.ts";
import { mergeScript, shardsScript, type SlurmPlan } from "./slurm-script.ts";

/** This package's command, by absolute path: the scripts must not depend on PATH or the working directory. */
export const SETSIM_BIN = fileURLToPath(new URL("../../bin/setsim.mjs", import.meta.url));

export interface SlurmRequest {
  parsed: ParsedConfig;
  out: string;
  tasks: number;
  partition?: string;
  time?: string;
  gpusPerTask?: string;
  cpusPerTask?: string;
  sbatchOptions?: string[];
  runArgs?: string[];
  mergeArgs?: string[];
  /** resubmit only these array indices (Slurm's syntax: `2`, `1,3`, `0-2`) and a new merge */
  rerun?: string;
}

export interface SlurmFiles {
  dir: string;
  shards: string;
  merge: string;
}

/** The array indices of `rerun` (`2`, `1,3`, `0-2`), each checked to be a task of 0 … tasks−1. */
export function rerunIndices(rerun: string, tasks: number): number[] {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(rerun)) throw new ConfigError("--rerun", `must be array indices like 2, 1,3 or 0-2; got '${rerun}'`);
  const out: number[] = [];
  for (const part of rerun.split(",")) {
    const [a, b = a] = part.split("-").map(Number);
    if (b < a) throw new ConfigError("--rerun", `${part} is an empty range`);
    for (let i = a; i <= b; i++) {
      if (i >= tasks) throw new ConfigError("--rerun", `index ${i} is not a task of the array 0-${tasks - 1}`);
      out.push(i);
    }
  }
  return out;
}

/** Checks the request, then writes `<out>-slurm/` (config copy, both scripts, logs folder). Nothing is submitted. */
export function writeSlurmFiles(req: SlurmRequest): SlurmFiles {
  const sweep = req.parsed.sweep;
  if (!sweep) throw new ConfigError("CONFIG", "sweeps nothing: setsim slurm shards the values of a sweep");
  if (!Number.isInteger(req.tasks) || req.tasks < 1 || req.tasks > sweep.values.length) {
    throw new ConfigError("--tasks", `must be an integer in 1 … ${sweep.values.length} (the number of values of ${sweep.field})`);
  }
  if (req.rerun !== undefined) rerunIndices(req.rerun, req.tasks);
  const out = resolve(req.out);
  const found = readManifest(out);
  if (found && !sameConfig(found, req.parsed)) {
    throw new ResumeError(`--out ${out} holds a sweep of a different config (${MANIFEST} differs); nothing was written`);
  }
  const dir = `${out}-slurm`;
  const plan: SlurmPlan = {
    node: process.execPath, bin: SETSIM_BIN, config: join(dir, "config.json"), out, logs: join(dir, "logs"),
    tasks: req.tasks, values: sweep.values.length, field: sweep.field,
    runArgs: req.runArgs ?? [], mergeArgs: req.mergeArgs ?? [],
    partition: req.partition, time: req.time, gpusPerTask: req.gpusPerTask, cpusPerTask: req.cpusPerTask,
    sbatchOptions: req.sbatchOptions ?? [],
  };
  mkdirSync(plan.logs, { recursive: true });
  writeFileAtomicSync(plan.config, JSON.stringify(req.parsed.raw, null, 2) + "\n");
  const files = { dir, shards: join(dir, "shards.sbatch"), merge: join(dir, "merge.sbatch") };
  writeFileAtomicSync(files.shards, shardsScript(plan));
  writeFileAtomicSync(files.merge, mergeScript(plan));
  return files;
}

/** Submits the array (or only the `rerun` indices) and the merge that waits for it; returns both job ids. */
export function submitSlurm(files: SlurmFiles, rerun?: string): { shards: string; merge: string } {
  const shards = sbatch(files.shards, rerun !== undefined ? [`--array=${rerun}`] : []);
  const merge = sbatch(files.merge, [`--dependency=afterok:${shards}`]);
  return { shards, merge };
}
