/**
 * `setsim reproduce --recheck DIR`: a written reproduction read back from its data/ (every run as
 * `setsim run` writes it) and checks.json (scale, engine, seconds), so that the checks and the report
 * are evaluated again without computing anything — e.g. with a check's tolerance tightened.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SweepResult } from "../api/simulate.ts";
import { parseConfig } from "../config/schema.ts";
import { ResumeError } from "../errors.ts";
import { parseResultJson } from "../io/format.ts";
import { seedStatistics } from "../sweep/seed-statistics.ts";
import { addRun, emptyReproduction, type Reproduction, reproductionConfigs } from "./runs.ts";
import { type Scale, SCALES } from "./scale.ts";

function read(dir: string, rel: string): string {
  const path = join(dir, rel);
  if (!existsSync(path)) throw new ResumeError(`--recheck ${dir}: no ${rel} (give a directory written by setsim reproduce)`);
  return readFileSync(path, "utf8");
}

/** One run read back from data/<name>/: its config (config.json) and one result file per swept value. */
function readRun(dir: string, name: string): { config: Record<string, unknown>; result: SweepResult } {
  const config = JSON.parse(read(dir, `data/${name}/config.json`)) as Record<string, unknown>;
  const parsed = parseConfig(config);
  const s = parsed.sweep;
  if (!s) throw new ResumeError(`--recheck ${dir}: data/${name}/config.json sweeps nothing`);
  // the names report-files.ts gives the values' files
  const results = s.values.map((v, i) => parseResultJson(read(dir, `data/${name}/${String(i).padStart(3, "0")}_${s.field}=${v}.json`)));
  const result: SweepResult = { field: s.field, values: [...s.values], results };
  if (parsed.average) result.averages = s.values.map((value, i) => ({ value, average: results[i].average! }));
  if (s.field === "seed") result.statistics = seedStatistics(s.values, results);
  return { config, result };
}

/**
 * The reproduction written into `dir`, read back (numbers as the JSON files hold them: a non-finite
 * row value reads as NaN).
 *
 * @example
 * const checks = evaluateChecks(readReproduction("paper/"));
 */
export function readReproduction(dir: string): Reproduction {
  const doc = JSON.parse(read(dir, "checks.json")) as { scale?: Scale; engine?: string; seconds?: Record<string, number> };
  if (!doc.scale || !Object.hasOwn(SCALES, doc.scale.name)) throw new ResumeError(`--recheck ${dir}: checks.json names no scale of setsim reproduce`);
  const out = emptyReproduction(doc.scale, doc.engine ?? "unknown");
  for (const r of reproductionConfigs(doc.scale)) {
    const { config, result } = readRun(dir, r.name);
    addRun(out, { ...r, config }, result);
    out.seconds[r.name] = doc.seconds?.[r.name] ?? NaN;
  }
  return out;
}
