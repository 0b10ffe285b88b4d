/**
 * `setsim merge DIR`: the end of a sharded sweep. Checks that DIR holds every value of the sweep in
 * its manifest and nothing of another config, then writes the averages and plots exactly as an
 * unsharded `setsim run` would (the same function, from the same files' text: the same bytes).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ParsedConfig, parseConfig } from "../config/schema.ts";
import type { RunResult } from "../observables/columns.ts";
import { MergeError, ResultFormatError, ResumeError } from "../errors.ts";
import { parseResultJson } from "../io/format.ts";
import { valueConfig } from "./run-value.ts";
import { writeSweepSummary } from "./sweep-files.ts";
import { MANIFEST, readManifest, valueNames } from "./sweep-dir.ts";
import { sameConfig } from "./same-config.ts";

export interface MergeSummary {
  /** the sweep's config, as read from the manifest */
  parsed: ParsedConfig;
  /** every value's JSON file, then the averages files (if the config asks for averages) */
  files: string[];
  plots: string[];
}

/** The most missing or foreign values a message names before it says "and N more". */
const NAMED = 12;

function listed(items: string[]): string {
  return items.length <= NAMED ? items.join(", ") : `${items.slice(0, NAMED).join(", ")} and ${items.length - NAMED} more`;
}

/** The sweep config of DIR's manifest. */
function readSweepManifest(dir: string): ParsedConfig {
  let parsed: ParsedConfig | undefined;
  try {
    parsed = readManifest(dir);
  } catch (e) {
    if (e instanceof ResumeError) throw new MergeError(e.message);
    throw e;
  }
  if (!parsed) throw new MergeError(`${dir} has no ${MANIFEST}: not a sweep directory written by setsim run`);
  if (!parsed.sweep) throw new MergeError(`${join(dir, MANIFEST)}: not a sweep config (it sweeps nothing)`);
  return parsed;
}

/** One value's result from its file, refused unless it is that value of this config. */
function readValue(dir: string, parsed: ParsedConfig, stem: string, value: number): RunResult {
  const file = `${stem}.json`;
  let result: RunResult;
  try {
    result = parseResultJson(readFileSync(join(dir, file), "utf8"));
  } catch (e) {
    if (e instanceof ResultFormatError) throw new MergeError(`${join(dir, file)}: ${e.message}`);
    throw e;
  }
  if (!isConfigOf(result.config, parsed, value)) {
    throw new MergeError(`${dir} mixes configs: ${file} was computed for another config than the sweep in ${MANIFEST}; nothing was written`);
  }
  return result;
}

/** Whether a value file's config is this sweep's at `value` (compared parsed: key order does not matter). */
function isConfigOf(config: Record<string, unknown>, parsed: ParsedConfig, value: number): boolean {
  try {
    return sameConfig(parseConfig(config), parseConfig(valueConfig(parsed, value)));
  } catch {
    return false;
  }
}

/**
 * Merges the sweep in `dir`: refuses (MergeError, exit 2, one line) a directory without a manifest,
 * with a value file of another config (a foreign file name, or a `config` that is not this value's),
 * or with values missing (named, with their file index); else writes `averages.json`,
 * `averages.csv` and (unless `plots` is false) `plots/*.svg`, byte-identical to an unsharded run.
 *
 * @example
 * mergeSweep("results/fig6", { plots: true }); // after `setsim run fig6.json --out results/fig6 --shard I/4` for I = 0..3
 */
export function mergeSweep(dir: string, opts: { plots?: boolean } = {}): MergeSummary {
  const parsed = readSweepManifest(dir);
  const sweep = parsed.sweep!;
  const stems = valueNames(parsed);
  const expected = new Set(stems.flatMap((s) => [`${s}.json`, `${s}.csv`]));
  const foreign = readdirSync(dir).filter((f) => /^\d{3}_.*\.(json|csv)$/.test(f) && !expected.has(f));
  if (foreign.length > 0) {
    throw new MergeError(`${dir} mixes configs: ${listed(foreign)} ${foreign.length > 1 ? "are not values" : "is not a value"} of the sweep in ${MANIFEST}; nothing was written`);
  }
  // every value present is checked first: a directory mixing configs is refused as such
  const results = stems.map((s, i) => (existsSync(join(dir, `${s}.json`)) ? readValue(dir, parsed, s, sweep.values[i]) : undefined));
  const missing = stems.flatMap((s, i) => (results[i] ? [] : [`${sweep.field}=${sweep.values[i]} (${s.slice(0, 3)})`]));
  if (missing.length > 0) {
    throw new MergeError(`${dir} lacks ${missing.length} of ${stems.length} values: ${listed(missing)}; run their shards again (--resume keeps the others)`);
  }
  const summary = writeSweepSummary(dir, parsed, results as RunResult[], opts.plots !== false);
  return { parsed, files: [...stems.map((s) => join(dir, `${s}.json`)), ...summary.files], plots: summary.plots };
}
