/**
 * Runs a parsed config: one run, or one run per swept value. Each finished swept value is written at
 * once (atomically) to its own file; `resume` skips the values whose file is complete, so an
 * interrupted sweep, resumed, ends with exactly the bytes of an uninterrupted one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Engine } from "../engine/engine.ts";
import { type ParsedConfig, problemFor } from "../config/schema.ts";
import type { RunResult } from "../observables/columns.ts";
import { ResumeError } from "../errors.ts";
import { writeFileAtomicSync } from "../io/atomic-write.ts";
import { formatAveragesCsv, formatAveragesJson, formatCsv, formatJson, parseResultJson } from "../io/format.ts";
import { plotAverages, plotTrace } from "../io/plots.ts";
import { pointsPerValue, runValue, runValues, valueConfig, valuesPerCall } from "./run-value.ts";
import { SEED_FILES, writeSeedStatistics } from "./seed-files.ts";

export type OutputFormat = "json" | "csv";

export interface RunOptions {
  out: string;
  format?: OutputFormat;
  resume?: boolean;
  /** overwrite a finished run / start a sweep directory afresh */
  force?: boolean;
  plots?: boolean;
  /** called once with the total number of (value, t) points, then after each point */
  onStart?: (total: number, alreadyDone: number) => void;
  onPoint?: () => void;
  /** a swept value's file is in the table of averages (`skipped`: it was already complete before this run) */
  onValue?: (file: string, skipped: boolean) => void;
}

export interface RunSummary {
  files: string[];
  plots: string[];
}

export function formatFromPath(path: string, explicit?: OutputFormat): OutputFormat {
  if (explicit) return explicit;
  return extname(path).toLowerCase() === ".csv" ? "csv" : "json";
}

function writePlots(dir: string, plots: { name: string; svg: string }[]): string[] {
  mkdirSync(dir, { recursive: true });
  return plots.map((p) => {
    const file = join(dir, `${p.name}.svg`);
    writeFileAtomicSync(file, p.svg);
    return file;
  });
}

export async function runConfig(engine: Engine, parsed: ParsedConfig, opts: RunOptions): Promise<RunSummary> {
  // refuse what the engine cannot run before anything is computed or written
  for (const v of parsed.sweep?.values ?? [undefined]) engine.check?.(problemFor(parsed, v));
  const perValue = pointsPerValue(parsed);
  if (!parsed.sweep) return runSingle(engine, parsed, opts, perValue);
  return runSweep(engine, parsed, opts, perValue);
}

async function runSingle(engine: Engine, parsed: ParsedConfig, opts: RunOptions, perValue: number): Promise<RunSummary> {
  const format = formatFromPath(opts.out, opts.format);
  if (existsSync(opts.out) && !opts.resume && !opts.force) {
    throw new ResumeError(`--out ${opts.out} exists: choose another path, --force to overwrite it, or --resume to keep it`);
  }
  mkdirSync(dirname(opts.out), { recursive: true });
  if (opts.resume && existsSync(opts.out)) {
    // a finished run is kept only if it is provably this config's
    const same = format === "json" &&
      JSON.stringify(parseResultJson(readFileSync(opts.out, "utf8")).config) === JSON.stringify(valueConfig(parsed, undefined));
    if (!same) throw new ResumeError(`--resume: ${opts.out} is not a JSON result of this config; nothing was changed (use --force to overwrite)`);
    opts.onStart?.(perValue, perValue);
    return { files: [opts.out], plots: [] };
  }
  opts.onStart?.(perValue, 0);
  const result = await runValue(engine, parsed, undefined, opts.onPoint);
  writeFileAtomicSync(opts.out, format === "csv" ? formatCsv(result.rows) : formatJson(result));
  const plots = opts.plots !== false && result.rows.length > 1
    ? writePlots(join(dirname(opts.out), `${basename(opts.out, extname(opts.out))}-plots`), plotTrace(result, basename(opts.out)))
    : [];
  return { files: [opts.out], plots };
}

const MANIFEST = "sweep.json";

/** Removes what a sweep writes (and nothing else) from `dir`. */
function clearSweep(dir: string): void {
  for (const f of readdirSync(dir)) {
    if (f === MANIFEST || /^\d{3}_.*\.(json|csv)$/.test(f) || /^averages\.(json|csv)$/.test(f) || SEED_FILES.test(f)) rmSync(join(dir, f));
    if (f === "plots") rmSync(join(dir, f), { recursive: true });
  }
}

async function runSweep(engine: Engine, parsed: ParsedConfig, opts: RunOptions, perValue: number): Promise<RunSummary> {
  const sweep = parsed.sweep!;
  const dir = opts.out;
  const format = opts.format ?? "json";
  const manifest = JSON.stringify({ config: parsed.raw }, null, 2) + "\n";
  const manifestPath = join(dir, MANIFEST);
  if (opts.force && existsSync(manifestPath)) clearSweep(dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!opts.resume) throw new ResumeError(`--out ${dir} is not empty: choose another directory, or --resume to continue the sweep in it`);
    if (!existsSync(manifestPath) || readFileSync(manifestPath, "utf8") !== manifest) {
      throw new ResumeError(`--resume: ${dir} holds a sweep of a different config (${MANIFEST} differs); nothing was changed`);
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(manifestPath, manifest);
  const names = sweep.values.map((v, i) => `${String(i).padStart(3, "0")}_${sweep.field}=${v}`);
  const done = names.filter((n) => existsSync(join(dir, `${n}.json`)));
  opts.onStart?.(sweep.values.length * perValue, done.length * perValue);
  // values are computed in groups (one engine call each where the engine packs them), and every
  // value's file is written as soon as its group ends: an interruption loses one group at most
  const pending = names.map((_, i) => i).filter((i) => !done.includes(names[i]));
  const groupSize = valuesPerCall(engine, parsed);
  for (let g = 0; g < pending.length; g += groupSize) {
    const group = pending.slice(g, g + groupSize);
    const fresh = await runValues(engine, parsed, group.map((i) => sweep.values[i]), opts.onPoint);
    group.forEach((i, k) => {
      if (format === "csv") writeFileAtomicSync(join(dir, `${names[i]}.csv`), formatCsv(fresh[k].rows));
      // the JSON is written last: its presence marks the value complete
      writeFileAtomicSync(join(dir, `${names[i]}.json`), formatJson(fresh[k]));
    });
  }
  const files: string[] = [];
  const plots: string[] = [];
  const table: { value: number; average: RunResult["average"] }[] = [];
  sweep.values.forEach((value, i) => {
    const jsonPath = join(dir, `${names[i]}.json`);
    // the table is always built from the files' text, so a resumed sweep sees exactly what a fresh one does
    const result = parseResultJson(readFileSync(jsonPath, "utf8"));
    files.push(jsonPath);
    table.push({ value, average: result.average });
    opts.onValue?.(jsonPath, done.includes(names[i]));
  });
  if (sweep.field === "seed") files.push(...writeSeedStatistics(dir, sweep.values, [...files], opts.plots !== false));
  const averaged = table.filter((r) => r.average) as { value: number; average: NonNullable<RunResult["average"]> }[];
  if (averaged.length > 0) {
    writeFileAtomicSync(join(dir, "averages.json"), formatAveragesJson(sweep.field, averaged));
    writeFileAtomicSync(join(dir, "averages.csv"), formatAveragesCsv(sweep.field, averaged));
    files.push(join(dir, "averages.json"), join(dir, "averages.csv"));
    if (opts.plots !== false) {
      const p = problemFor(parsed, sweep.values[0]);
      plots.push(...writePlots(join(dir, "plots"), plotAverages(sweep.field, averaged, { KL: p.KL, KR: p.KR })));
    }
  }
  return { files, plots };
}
