/**
 * The end of a sweep: the table of regime-III averages with its plots, written from the values'
 * results by both `setsim run` (unsharded) and `setsim merge`, hence the same bytes.
 */
import { join } from "node:path";
import { type ParsedConfig, problemFor } from "../config/schema.ts";
import type { RunResult } from "../observables/columns.ts";
import { checkWritableDir, writeFileAtomicSync } from "../io/atomic-write.ts";
import { formatAveragesCsv, formatAveragesJson } from "../io/format.ts";
import { plotAverages } from "../io/plots.ts";
import { AVERAGE_FILES, PLOTS_DIR } from "./sweep-dir.ts";
import { writeSeedStatistics } from "./seed-files.ts";

/** Writes each plot atomically as `<dir>/<name>.svg` (the directory checked writable first); returns the paths. */
export function writePlots(dir: string, plots: { name: string; svg: string }[]): string[] {
  checkWritableDir(dir);
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
  // many pure states: their statistics come first (they hold with or without averages)
  const seedFiles = sweep.field === "seed" ? writeSeedStatistics(dir, sweep.values, results, plots) : [];
  const summary = writeAverages(dir, parsed, results, plots);
  return { files: [...seedFiles, ...summary.files], plots: summary.plots };
}

function writeAverages(dir: string, parsed: ParsedConfig, results: readonly RunResult[], plots: boolean): { files: string[]; plots: string[] } {
  const sweep = parsed.sweep!;
  const averaged = sweep.values
    .map((value, i) => ({ value, average: results[i].average }))
    .filter((r) => r.average) as { value: number; average: NonNullable<RunResult["average"]> }[];
  if (averaged.length === 0) return { files: [], plots: [] };
  const [json, csv] = AVERAGE_FILES.map((f) => join(dir, f));
  writeFileAtomicSync(json, formatAveragesJson(sweep.field, averaged));
  writeFileAtomicSync(csv, formatAveragesCsv(sweep.field, averaged));
  const files = [json, csv];
  if (!plots) return { files, plots: [] };
  const p = problemFor(parsed, sweep.values[0]);
  return { files, plots: writePlots(join(dir, PLOTS_DIR), plotAverages(sweep.field, averaged, { KL: p.KL, KR: p.KR })) };
}
