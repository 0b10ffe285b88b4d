/**
 * The CLI's files of many pure states: from the seeds' own result files (read back, so that a
 * resumed sweep sees exactly what a fresh one does), the statistics per time and column and of the
 * regime-III averages (statistics.json, statistics.csv, average-statistics.csv), and their Fig. 8
 * plots (plots/typicality-*.svg).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomicSync } from "../io/atomic-write.ts";
import { parseResultJson } from "../io/format.ts";
import { plotTypicality } from "../io/seed-plots.ts";
import { formatAverageStatisticsCsv, formatStatisticsCsv, formatStatisticsJson } from "../io/statistics-format.ts";
import { seedStatistics } from "./seed-statistics.ts";

/** The file names a seed sweep adds to its directory (`--force` clears them with the rest). */
export const SEED_FILES = /^(statistics|average-statistics)\.(json|csv)$/;

/**
 * Writes the statistics of the seeds whose result files are `files` (in the order of `seeds`) into
 * `dir`, and their plots unless `plots` is false. Returns the paths written.
 */
export function writeSeedStatistics(dir: string, seeds: readonly number[], files: readonly string[], plots = true): string[] {
  const stats = seedStatistics(seeds, files.map((f) => parseResultJson(readFileSync(f, "utf8"))));
  const out: Array<[string, string]> = [
    ["statistics.json", formatStatisticsJson(stats)],
    ["statistics.csv", formatStatisticsCsv(stats)],
  ];
  if (stats.average) out.push(["average-statistics.csv", formatAverageStatisticsCsv(stats)]);
  if (plots) {
    mkdirSync(join(dir, "plots"), { recursive: true });
    for (const p of plotTypicality(stats, "pure states")) out.push([join("plots", `${p.name}.svg`), p.svg]);
  }
  return out.map(([name, text]) => {
    writeFileAtomicSync(join(dir, name), text);
    return join(dir, name);
  });
}
