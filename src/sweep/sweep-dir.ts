/**
 * A sweep's output directory: which files in it are setsim's (the manifest `sweep.json`, one file
 * per swept value, the averages and their plots, temp files), and the checks made before a sweep
 * starts, resumes or restarts in it. Everything is checked before anything is deleted, and files
 * setsim did not write are never deleted.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, ResumeError } from "../errors.ts";
import { type ParsedConfig, parseConfig } from "../config/schema.ts";
import { checkWritableDir, isTempName, removeStaleTemps, writeFileAtomicSync } from "../io/atomic-write.ts";
import { onOutput } from "../io/output-errors.ts";
import { AVERAGE_PLOTS } from "../io/plots.ts";
import { sameConfig } from "./same-config.ts";
import { shardBlockers } from "./shard.ts";
import { seedFiles } from "./seed-files.ts";

export const MANIFEST = "sweep.json";
export const PLOTS_DIR = "plots";
export const AVERAGE_FILES = ["averages.json", "averages.csv"] as const;

export type OutputFormat = "json" | "csv";

/** The file stem of each swept value, in sweep order: `003_Gamma=31.6`. */
export function valueNames(parsed: ParsedConfig): string[] {
  const sweep = parsed.sweep!;
  return sweep.values.map((v, i) => `${String(i).padStart(3, "0")}_${sweep.field}=${v}`);
}

/** The manifest's text for a config: what a resumed or merged sweep must find. */
export function manifestText(parsed: ParsedConfig): string {
  return JSON.stringify({ config: parsed.raw }, null, 2) + "\n";
}

/** The config a directory's manifest holds, or undefined when it has none. */
export function readManifest(dir: string): ParsedConfig | undefined {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new ResumeError(`${path} is not valid JSON (${(err as Error).message}); nothing was changed`);
  }
  const config = (doc as { config?: unknown } | null)?.config;
  try {
    return parseConfig(config);
  } catch (err) {
    throw new ResumeError(`${path} does not hold a valid config (${(err as Error).message}); nothing was changed`);
  }
}

/** The names (relative to `dir`) of the files setsim writes for the sweep of `parsed`. */
function ownFiles(parsed: ParsedConfig): string[] {
  return [
    ...valueNames(parsed).flatMap((n) => [`${n}.json`, `${n}.csv`]),
    ...AVERAGE_FILES,
    ...AVERAGE_PLOTS.map((p) => join(PLOTS_DIR, `${p}.svg`)),
    ...(parsed.sweep?.field === "seed" ? seedFiles() : []),
    MANIFEST,
  ];
}

/** The entries of `dir` that are not live temp files (stale ones are removed first). */
function entriesOf(dir: string): string[] {
  removeStaleTemps(dir);
  return onOutput(dir, () => readdirSync(dir)).filter((n) => !isTempName(n));
}

function listed(names: string[], max = 3): string {
  return names.slice(0, max).join(", ") + (names.length > max ? `, … (${names.length} in all)` : "");
}

/** Values already complete (their JSON is written last), checked against the format asked for. */
function finishedValues(dir: string, names: string[], format: OutputFormat): string[] {
  const done = names.filter((n) => existsSync(join(dir, `${n}.json`)));
  const withCsv = done.filter((n) => existsSync(join(dir, `${n}.csv`)));
  if (format === "csv" && withCsv.length < done.length) {
    throw new ResumeError(`--resume: ${dir} was started with --format json (its finished values have no CSV files); resume with --format json, or restart with --force`);
  }
  if (format === "json" && withCsv.length > 0) {
    throw new ResumeError(`--resume: ${dir} was started with --format csv; resume with --format csv, or restart with --force`);
  }
  return done;
}

export interface PreparedSweep {
  /** the config to run: the manifest's own on --resume (same parsed config, its key order kept) */
  parsed: ParsedConfig;
  /** stems of the values already complete */
  done: string[];
  /** files in the directory that setsim did not write (kept) */
  foreign: string[];
}

/**
 * Makes `dir` ready for the sweep of `parsed`, or refuses with nothing changed: a file in the way, a
 * non-empty directory without --resume or --force, another config or format on --resume, files of
 * someone else's under --force with no sweep of setsim's. The location is checked writable before
 * any file is removed. `--force` removes setsim's own files of the sweep found there, nothing else.
 */
export function prepareSweepDir(
  dir: string, parsed: ParsedConfig, opts: { resume?: boolean; force?: boolean; format: OutputFormat; only?: readonly number[] },
): PreparedSweep {
  if (opts.only && opts.force) throw new ConfigError("--force", "cannot be combined with --shard: sibling shards share the directory");
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new ConfigError("--out", `${dir} is a file: a sweep writes a directory (one file per swept value)`);
  }
  const entries = existsSync(dir) ? entriesOf(dir) : [];
  const found = entries.length > 0 ? readManifest(dir) : undefined;
  let run = parsed;
  if (found && opts.force) {
    checkWritableDir(dir);
    for (const f of ownFiles(found)) {
      const path = join(dir, f);
      if (existsSync(path)) onOutput(path, () => unlinkSync(path));
    }
    const plots = join(dir, PLOTS_DIR);
    if (existsSync(plots) && readdirSync(plots).length === 0) onOutput(plots, () => rmdirSync(plots));
  } else if (entries.length > 0) {
    if (opts.force) {
      throw new ResumeError(`--force: ${dir} holds files setsim did not write (${listed(entries)}) and no sweep of its own; nothing was deleted: choose another directory`);
    }
    const flag = opts.only ? "--shard" : "--resume";
    if (!opts.resume && !opts.only) throw new ResumeError(`--out ${dir} is not empty: choose another directory, --resume to continue the sweep in it, or --force to restart it`);
    if (!found) throw new ResumeError(`${flag}: ${dir} holds no ${MANIFEST} (it is not a setsim sweep): ${listed(entries)}; nothing was changed`);
    if (!sameConfig(found, parsed)) {
      throw new ResumeError(`${flag}: ${dir} holds a sweep of a different config (${MANIFEST} differs); nothing was changed`);
    }
    // a shard shares the directory with its siblings: their values are not in its way, its own are
    const blockers = opts.only && !opts.resume ? shardBlockers(entries, MANIFEST, opts.only.map((i) => valueNames(found)[i])) : [];
    if (blockers.length > 0) throw new ResumeError(`--out ${dir} already holds ${listed(blockers)}: use --resume to continue this shard, or another directory`);
    run = found;
  }
  checkWritableDir(dir);
  const all = valueNames(run);
  const names = opts.only ? opts.only.map((i) => all[i]) : all;
  const done = opts.force ? [] : finishedValues(dir, names, opts.format);
  if (!existsSync(join(dir, MANIFEST))) writeFileAtomicSync(join(dir, MANIFEST), manifestText(run));
  const own = new Set(ownFiles(run).map((f) => f.split("/")[0]));
  const foreign = onOutput(dir, () => readdirSync(dir)).filter((n) => !own.has(n) && n !== PLOTS_DIR && !isTempName(n));
  return { parsed: run, done, foreign };
}
