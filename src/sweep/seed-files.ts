/**
 * The CLI's files of many pure states: from the seeds' own result files (read back, so that a
 * resumed sweep sees exactly what a fresh one does), the statistics per time and column and of the
 * regime-III averages (statistics.json, statistics.csv, average-statistics.csv), and their Fig. 8
 * plots (plots/typicality-*.svg).
 */
import { join } from "node:path";
import type { RunResult } from "../observables/columns.ts";
import { checkWritableDir, writeFileAtomicSync } from "../io/atomic-write.ts";
import { plotTypicality, TYPICALITY_PANELS } from "../io/seed-plots.ts";
import { formatAverageStatisticsCsv, formatStatisticsCsv, formatStatisticsJson } from "../io/statistics-format.ts";
import { seedStatistics } from "./seed-statistics.ts";
import { PLOTS_DIR } from "./sweep-dir.ts";

/** The files a seed sweep adds to its directory, plots (`plots/…`) included (`--force` clears them with the rest). */
export function seedFiles(): string[] {
  return ["statistics.json", "statistics.csv", "average-statistics.csv", ...TYPICALITY_PANELS.map((p) => join(PLOTS_DIR, `typicality-${p.name}.svg`))];
}

/**
 * Writes the statistics of the seeds' results (in the order of `seeds`, as read back from their
 * files) into `dir`, and their plots unless `plots` is false. Returns the paths written.
 */
export function writeSeedStatistics(dir: string, seeds: readonly number[], results: readonly RunResult[], plots = true): string[] {
  const stats = seedStatistics(seeds, results);
  const out: Array<[string, string]> = [
    ["statistics.json", formatStatisticsJson(stats)],
    ["statistics.csv", formatStatisticsCsv(stats)],
  ];
  if (stats.average) out.push(["average-statistics.csv", formatAverageStatisticsCsv(stats)]);
  if (plots) {
    checkWritableDir(join(dir, PLOTS_DIR));
    for (const p of plotTypicality(stats, "pure states")) out.push([join(PLOTS_DIR, `${p.name}.svg`), p.svg]);
  }
  return out.map(([name, text]) => {
    writeFileAtomicSync(join(dir, name), text);
    return join(dir, name);
  });
}
