/**
 * Runs a parsed config: one run, or one run per swept value. Each finished swept value is written at
 * once (atomically) to its own file; `resume` skips the values whose file is complete, so an
 * interrupted sweep, resumed, ends with exactly the bytes of an uninterrupted one. The output
 * location is checked (writable, not in the way, this config's) before any work starts.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Engine } from "../engine/engine.ts";
import { type ParsedConfig, parseConfig, problemFor } from "../config/schema.ts";
import { ConfigError, ResumeError } from "../errors.ts";
import { checkWritableDir, removeStaleTemps, writeFileAtomicSync } from "../io/atomic-write.ts";
import { onOutput } from "../io/output-errors.ts";
import { formatCsv, formatJson, parseResultJson } from "../io/format.ts";
import { plotTrace } from "../io/plots.ts";
import { pointsPerValue, runValue, runValues, valuesPerCall } from "./run-value.ts";
import { type OutputFormat, prepareSweepDir, valueNames } from "./sweep-dir.ts";
import { sameConfig } from "./same-config.ts";
import { type Shard, shardValueIndices } from "./shard.ts";
import { writePlots, writeSweepSummary } from "./sweep-files.ts";

export type { OutputFormat } from "./sweep-dir.ts";

export interface RunOptions {
  out: string;
  format?: OutputFormat;
  resume?: boolean;
  /** overwrite a finished run / start a sweep directory afresh (setsim's own files only) */
  force?: boolean;
  plots?: boolean;
  /** called once with the total number of (value, t) points, then after each point */
  onStart?: (total: number, alreadyDone: number) => void;
  onPoint?: () => void;
  /** a swept value's file is complete (`skipped`: it already was before this run) */
  onValue?: (file: string, skipped: boolean) => void;
  /** files found in a sweep directory that setsim did not write (kept) */
  onForeign?: (names: string[]) => void;
  /** compute only this shard of a sweep's values, and leave the averages and plots to `setsim merge` */
  shard?: Shard;
}

export interface RunSummary {
  files: string[];
  plots: string[];
}

export function formatFromPath(path: string, explicit?: OutputFormat): OutputFormat {
  if (explicit) return explicit;
  return extname(path).toLowerCase() === ".csv" ? "csv" : "json";
}

export async function runConfig(engine: Engine, parsed: ParsedConfig, opts: RunOptions): Promise<RunSummary> {
  // refuse what the engine cannot run before anything is computed or written
  for (const v of parsed.sweep?.values ?? [undefined]) engine.check?.(problemFor(parsed, v));
  const perValue = pointsPerValue(parsed);
  if (!parsed.sweep && opts.shard) throw new ConfigError("--shard", "the config sweeps nothing: only a sweep can be sharded");
  if (!parsed.sweep) return runSingle(engine, parsed, opts, perValue);
  return runSweep(engine, parsed, opts, perValue);
}

/** Whether `path` holds a JSON result of this config (compared parsed: key order does not matter). */
function isResultOf(path: string, parsed: ParsedConfig): boolean {
  try {
    return sameConfig(parseConfig(parseResultJson(readFileSync(path, "utf8")).config), parsed);
  } catch {
    return false;
  }
}

async function runSingle(engine: Engine, parsed: ParsedConfig, opts: RunOptions, perValue: number): Promise<RunSummary> {
  const format = formatFromPath(opts.out, opts.format);
  const exists = existsSync(opts.out);
  if (exists && statSync(opts.out).isDirectory()) {
    throw new ConfigError("--out", `${opts.out} is a directory: a single run writes one file (a sweep writes a directory)`);
  }
  if (exists && !opts.resume && !opts.force) {
    throw new ResumeError(`--out ${opts.out} exists: choose another path, --force to overwrite it, or --resume to keep it`);
  }
  if (opts.resume && exists) {
    // a finished run is kept only if it is provably this config's
    if (format !== "json" || !isResultOf(opts.out, parsed)) {
      throw new ResumeError(`--resume: ${opts.out} is not a JSON result of this config; nothing was changed (use --force to overwrite)`);
    }
    opts.onStart?.(perValue, perValue);
    return { files: [opts.out], plots: [] };
  }
  checkWritableDir(dirname(opts.out));
  removeStaleTemps(dirname(opts.out), basename(opts.out));
  opts.onStart?.(perValue, 0);
  const result = await runValue(engine, parsed, undefined, opts.onPoint);
  writeFileAtomicSync(opts.out, format === "csv" ? formatCsv(result.rows) : formatJson(result));
  const plots = opts.plots !== false && result.rows.length > 1
    ? writePlots(join(dirname(opts.out), `${basename(opts.out, extname(opts.out))}-plots`), plotTrace(result, basename(opts.out)))
    : [];
  return { files: [opts.out], plots };
}

async function runSweep(engine: Engine, requested: ParsedConfig, opts: RunOptions, perValue: number): Promise<RunSummary> {
  const dir = opts.out;
  const format = opts.format ?? "json";
  const count = requested.sweep!.values.length;
  // the values this run computes: all, or one shard's (round-robin, see shard.ts)
  const mine = opts.shard ? shardValueIndices(count, opts.shard) : [...Array(count).keys()];
  const { parsed, done, foreign } = prepareSweepDir(dir, requested, {
    resume: opts.resume, force: opts.force, format, only: opts.shard ? mine : undefined,
  });
  if (foreign.length > 0) opts.onForeign?.(foreign);
  const sweep = parsed.sweep!;
  const names = valueNames(parsed);
  opts.onStart?.(mine.length * perValue, done.length * perValue);
  for (const n of done) opts.onValue?.(join(dir, `${n}.json`), true);
  // values are computed in groups (one engine call each where the engine packs them), and every
  // value's file is written as soon as its group ends: an interruption loses one group at most
  const pending = mine.filter((i) => !done.includes(names[i]));
  const groupSize = valuesPerCall(engine, parsed);
  for (let g = 0; g < pending.length; g += groupSize) {
    const group = pending.slice(g, g + groupSize);
    const fresh = await runValues(engine, parsed, group.map((i) => sweep.values[i]), opts.onPoint);
    group.forEach((i, k) => {
      if (format === "csv") writeFileAtomicSync(join(dir, `${names[i]}.csv`), formatCsv(fresh[k].rows));
      // the JSON is written last: its presence marks the value complete
      writeFileAtomicSync(join(dir, `${names[i]}.json`), formatJson(fresh[k]));
      opts.onValue?.(join(dir, `${names[i]}.json`), false);
    });
  }
  // a shard's run ends here: the averages and plots need every value (`setsim merge`)
  if (opts.shard) return { files: mine.map((i) => join(dir, `${names[i]}.json`)), plots: [] };
  const files: string[] = [];
  const results = sweep.values.map((_, i) => {
    const jsonPath = join(dir, `${names[i]}.json`);
    // the table is always built from the files' text, so a resumed sweep sees exactly what a fresh one does
    files.push(jsonPath);
    return parseResultJson(onOutput(jsonPath, () => readFileSync(jsonPath, "utf8")));
  });
  const summary = writeSweepSummary(dir, parsed, results, opts.plots !== false);
  return { files: [...files, ...summary.files], plots: summary.plots };
}
