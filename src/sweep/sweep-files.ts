/**
 * The files of a sweep directory and the end of a sweep: the manifest, one file per swept value
 * (`NNN_<field>=<value>.json|csv`), and the table of regime-III averages with its plots, written from
 * the values' results by both `setsim run` (unsharded) and `setsim merge`, hence the same bytes.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type ParsedConfig, problemFor } from "../config/schema.ts";
import type { RunResult } from "../observables/columns.ts";
import { writeFileAtomicSync } from "../io/atomic-write.ts";
import { formatAveragesCsv, formatAveragesJson } from "../io/format.ts";
import { plotAverages } from "../io/plots.ts";

/** The manifest of a sweep directory: the raw config, proof of which sweep the directory holds. */
export const MANIFEST = "sweep.json";

/** The manifest's text for `parsed` (compared byte for byte on --resume and by `setsim merge`). */
export function manifestText(parsed: ParsedConfig): string {
  return JSON.stringify({ config: parsed.raw }, null, 2) + "\n";
}

/**
 * The file stem of each swept value, in value order: `NNN_<field>=<value>` (add `.json` / `.csv`).
 *
 * @example
 * valueFileStems(parseConfig({ ...base, Gamma: [1, 3] })); // ["000_Gamma=1", "001_Gamma=3"]
 */
export function valueFileStems(parsed: ParsedConfig): string[] {
  const sweep = parsed.sweep;
  if (!sweep) return [];
  return sweep.values.map((v, i) => `${String(i).padStart(3, "0")}_${sweep.field}=${v}`);
}

/** Writes each plot atomically as `<dir>/<name>.svg`; returns the paths. */
export function writePlots(dir: string, plots: { name: string; svg: string }[]): string[] {
  mkdirSync(dir, { recursive: true });
  return plots.map((p) => {
    const file = join(dir, `${p.name}.svg`);
    writeFileAtomicSync(file, p.svg);
    return file;
  });
}

/**
 * The end of a sweep: from every value's result (in value order, as read back from its file), writes
 * `averages.json`, `averages.csv` and (unless `plots` is false) `plots/*.svg` into `dir`, when the
 * config asks for averages. Returns the files written.
 */
export function writeSweepSummary(dir: string, parsed: ParsedConfig, results: readonly RunResult[], plots: boolean): { files: string[]; plots: string[] } {
  const sweep = parsed.sweep!;
  const averaged = sweep.values
    .map((value, i) => ({ value, average: results[i].average }))
    .filter((r) => r.average) as { value: number; average: NonNullable<RunResult["average"]> }[];
  if (averaged.length === 0) return { files: [], plots: [] };
  writeFileAtomicSync(join(dir, "averages.json"), formatAveragesJson(sweep.field, averaged));
  writeFileAtomicSync(join(dir, "averages.csv"), formatAveragesCsv(sweep.field, averaged));
  const files = [join(dir, "averages.json"), join(dir, "averages.csv")];
  if (!plots) return { files, plots: [] };
  const p = problemFor(parsed, sweep.values[0]);
  return { files, plots: writePlots(join(dir, "plots"), plotAverages(sweep.field, averaged, { KL: p.KL, KR: p.KR })) };
}
