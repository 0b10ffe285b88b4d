/**
 * Typicality over many pure states: per time and column, the statistics of the values that the
 * seeds' runs give (mean, standard deviation, min, max, 10/50/90 % quantiles), and the same for
 * their regime-III averages. Only finite values enter a statistic; the others are counted, apart
 * for the seeds whose bath starts extremal (β*_ν(0) = ±∞ or undefined, where σ and D^eq_env are).
 */
import { ROW_COLUMNS, type RowColumn, type RunResult } from "../observables/columns.ts";

/** The statistics of one column at one time (or of one column's regime-III averages) over the seeds. */
export interface Statistic {
  /** finite values, all of which enter the statistics below */
  n: number;
  /** values left out because their seed's bath starts extremal (β*_ν(0) = ±∞: σ, D^eq undefined) */
  extremal: number;
  /** other non-finite values left out (e.g. β*_ν(t) = ±∞ of a state extremal at that time) */
  nonFinite: number;
  mean: number;
  /** sample standard deviation (n − 1 in the denominator; 0 for one value) */
  std: number;
  min: number;
  max: number;
  /** quantiles by linear interpolation between order statistics (numpy's default, Hyndman–Fan 7) */
  q10: number;
  q50: number;
  q90: number;
}

/** The columns that get statistics: every row column but the time. */
export const STATISTIC_COLUMNS = ROW_COLUMNS.filter((c) => c !== "t") as Exclude<RowColumn, "t">[];
export type StatisticColumn = (typeof STATISTIC_COLUMNS)[number];

export interface SeedStatistics {
  seeds: number[];
  /** the seeds whose bath ν starts extremal (its β*_ν(0) is not finite) */
  extremal: { L: number[]; R: number[] };
  /** the times of the trace (every seed's rows have these times) */
  times: number[];
  /** per column, one statistic per time */
  trace: Record<StatisticColumn, Statistic[]>;
  /** per column, the statistic of the seeds' regime-III averages (where the config asks for them) */
  average?: Record<StatisticColumn, Statistic>;
}

/**
 * The p-quantile of ascending `sorted` values (0 ≤ p ≤ 1) by linear interpolation between order
 * statistics: position p·(n − 1).
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = p * (sorted.length - 1);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The statistics of `values`, of which those at `fromExtremal` indices belong to seeds with an
 * extremal initial bath. Non-finite values are left out and counted; with no finite value every
 * statistic is NaN.
 *
 * @example
 * statisticOf([1, 2, NaN, 4], new Set([2])); // { n: 3, extremal: 1, nonFinite: 0, mean: 2.33…, … }
 */
export function statisticOf(values: readonly number[], fromExtremal: ReadonlySet<number> = new Set()): Statistic {
  const finite: number[] = [];
  let extremal = 0;
  let nonFinite = 0;
  values.forEach((v, i) => {
    if (Number.isFinite(v)) finite.push(v);
    else if (fromExtremal.has(i)) extremal++;
    else nonFinite++;
  });
  const n = finite.length;
  const sorted = [...finite].sort((a, b) => a - b);
  let sum = 0;
  for (const v of finite) sum += v;
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (const v of finite) ss += (v - mean) ** 2;
  return {
    n, extremal, nonFinite, mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : n === 1 ? 0 : NaN,
    min: n > 0 ? sorted[0] : NaN,
    max: n > 0 ? sorted[n - 1] : NaN,
    q10: quantile(sorted, 0.1),
    q50: quantile(sorted, 0.5),
    q90: quantile(sorted, 0.9),
  };
}

/**
 * The statistics over many pure states: `results[i]` is the run of `seeds[i]` (all with the same
 * times). A seed counts as extremal when β*_L(0) or β*_R(0) (its `meta`) is not finite.
 *
 * @example
 * const s = await sweep({ ...config, initial: { kind: "pure", seeds: { from: 1, count: 20 } } });
 * s.statistics!.trace.Sigma.map((x) => [x.q10, x.q50, x.q90]);
 */
export function seedStatistics(seeds: readonly number[], results: readonly RunResult[]): SeedStatistics {
  const extremalL = new Set<number>();
  const extremalR = new Set<number>();
  results.forEach((r, i) => {
    if (!Number.isFinite(r.meta.betaL0)) extremalL.add(i);
    if (!Number.isFinite(r.meta.betaR0)) extremalR.add(i);
  });
  const extremal = new Set([...extremalL, ...extremalR]);
  const times = results.length > 0 ? results[0].rows.map((r) => r.t) : [];
  const trace = {} as SeedStatistics["trace"];
  for (const c of STATISTIC_COLUMNS) {
    trace[c] = times.map((_, k) => statisticOf(results.map((r) => r.rows[k][c]), extremal));
  }
  const out: SeedStatistics = {
    seeds: [...seeds],
    extremal: { L: [...extremalL].map((i) => seeds[i]), R: [...extremalR].map((i) => seeds[i]) },
    times,
    trace,
  };
  if (results.length > 0 && results.every((r) => r.average)) {
    out.average = {} as NonNullable<SeedStatistics["average"]>;
    for (const c of STATISTIC_COLUMNS) out.average[c] = statisticOf(results.map((r) => r.average![c]), extremal);
  }
  return out;
}
