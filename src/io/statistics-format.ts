/**
 * The files of many pure states' statistics (seed-statistics.ts): `statistics.json` (everything),
 * `statistics.csv` (one line per time and column) and `average-statistics.csv` (one line per column
 * of the regime-III averages). Deterministic text, numbers as in format.ts.
 */
import { stringify } from "csv-stringify/sync";
import { csvNumber, jsonNumber, UNITS } from "./format.ts";
import { type SeedStatistics, type Statistic, STATISTIC_COLUMNS } from "../sweep/seed-statistics.ts";

/** The statistics' names, in the order they are written, and what each one is. */
export const STATISTIC_FIELDS = {
  n: "number of finite values over the seeds, which alone enter the statistics",
  extremal: "values left out because their seed's bath starts extremal (beta*_nu(0) = ±inf or undefined: a ground, highest, empty or full state of that bath), where sigma and Deq are undefined",
  nonFinite: "other non-finite values left out",
  mean: "arithmetic mean",
  std: "sample standard deviation (n - 1)",
  min: "smallest value",
  max: "largest value",
  q10: "10 % quantile (linear interpolation between order statistics, numpy's default)",
  q50: "median",
  q90: "90 % quantile",
} satisfies Record<keyof Statistic, string>;

const FIELDS = Object.keys(STATISTIC_FIELDS) as Array<keyof Statistic>;

function numbers(xs: readonly number[]): string {
  return `[${xs.map(jsonNumber).join(",")}]`;
}

/**
 * `{ seeds, extremal, units, statistics, times, trace: { <column>: { n: [...], mean: [...], ... } },
 * average?: { <column>: { n, mean, ... } } }`: one line per column and statistic.
 *
 * @example
 * writeFileAtomicSync("statistics.json", formatStatisticsJson(seedStatistics(seeds, results)));
 */
export function formatStatisticsJson(s: SeedStatistics): string {
  const trace = STATISTIC_COLUMNS.map((c) => {
    const lines = FIELDS.map((f) => `"${f}": ${numbers(s.trace[c].map((x) => x[f]))}`);
    return `"${c}": {\n      ${lines.join(",\n      ")}\n    }`;
  });
  const parts = [
    `"seeds": ${numbers(s.seeds)}`,
    `"extremal": {"L": ${numbers(s.extremal.L)}, "R": ${numbers(s.extremal.R)}}`,
    `"units": ${JSON.stringify({ ...UNITS, statistics: STATISTIC_FIELDS }, null, 2).replace(/\n/g, "\n  ")}`,
    `"times": ${numbers(s.times)}`,
    `"trace": {\n    ${trace.join(",\n    ")}\n  }`,
  ];
  if (s.average) {
    const average = s.average;
    const lines = STATISTIC_COLUMNS.map((c) => `"${c}": {${FIELDS.map((f) => `"${f}":${jsonNumber(average[c][f])}`).join(",")}}`);
    parts.push(`"average": {\n    ${lines.join(",\n    ")}\n  }`);
  }
  return `{\n  ${parts.join(",\n  ")}\n}\n`;
}

/**
 * The trace's statistics as CSV: `t,column,n,extremal,nonFinite,mean,std,min,max,q10,q50,q90`, one
 * line per (time, column).
 */
export function formatStatisticsCsv(s: SeedStatistics): string {
  const records: string[][] = [["t", "column", ...FIELDS]];
  s.times.forEach((t, k) => {
    for (const c of STATISTIC_COLUMNS) records.push([csvNumber(t), c, ...FIELDS.map((f) => csvNumber(s.trace[c][k][f]))]);
  });
  return stringify(records);
}

/** The regime-III averages' statistics as CSV: `column,n,extremal,...,q90`, one line per column. */
export function formatAverageStatisticsCsv(s: SeedStatistics): string {
  const average = s.average;
  if (!average) throw new Error("formatAverageStatisticsCsv: these statistics have no regime-III averages");
  return stringify([["column", ...FIELDS], ...STATISTIC_COLUMNS.map((c) => [c, ...FIELDS.map((f) => csvNumber(average[c][f]))])]);
}
