/**
 * Where regimes I, II and III begin in a trace (Fig. 1 of the paper: β*_ν(t) stays at its initial
 * value, moves, and settles), measured against the infinite-time state rather than drawn by eye. The
 * end of each bath's way is β*_ν(∞) = meta.betaνinf, the value of the dephased state that the
 * regime-III averages converge to; the global Gibbs values (betaLgg, betaRgg) are not where the baths
 * go at strong coupling (README, "Reference states"), so measuring against them never found regime III
 * there. One rule, shared by the CLI's SVG plots (src/io/plots.ts) and the demo page.
 */
import type { Meta, Row } from "./columns.ts";

/** Regime II starts when a β*_ν has covered this fraction of its way from β*_ν(0) to β*_ν(∞). */
export const REGIME_II_FRACTION = 0.05;
/** Regime III: both β*_ν, as running medians, within this fraction of their way from β*_ν(∞) … */
export const REGIME_III_FRACTION = 0.1;
/** … but never tighter than this fraction of |β*_ν(∞)| … */
export const REGIME_III_FLOOR = 0.02;
/**
 * … the median taken over t_j within this many decades of t on either side (one decade in all):
 * β* fluctuates around β*_ν(∞) at finite K (by ~0.05 at K = 200 in case (b)), and a single
 * excursion pushed regime III to t ≈ 8e7 when raw values were tested.
 */
export const REGIME_III_HALF_WINDOW = 0.5;

/**
 * The rule in words, pre-wrapped for a legend column (~30 characters a line).
 * @example REGIME_RULE.join(" ") // "regimes (dotted lines): II once a β*_ν …"
 */
export const REGIME_RULE: readonly string[] = [
  "regimes (vertical dotted lines):",
  `II once a β*_ν has covered ${100 * REGIME_II_FRACTION} %`,
  "of its way β*_ν(0) → β*_ν(∞);",
  "III once both β*_ν, as medians",
  `over ${2 * REGIME_III_HALF_WINDOW === 1 ? "one decade" : `${2 * REGIME_III_HALF_WINDOW} decades`} of t, stay`,
  `within ${100 * REGIME_III_FRACTION} % of that way`,
  `(≥ ${100 * REGIME_III_FLOOR} % of β*_ν(∞)) of β*_ν(∞)`,
  "up to the last time.",
  "β*_ν(∞): infinite-time state",
];

export interface Regimes {
  /** first time of regime II, of regime III (undefined when the trace does not reach it) */
  II?: number;
  III?: number;
}

interface Way {
  key: "betaL" | "betaR";
  start: number;
  end: number;
}

/** The baths that have somewhere to go: finite ends, and a way longer than 1e-3·max(|β*(∞)|, 1). */
function ways(meta: Meta): Way[] {
  const all: Way[] = [
    { key: "betaL", start: meta.betaL0, end: meta.betaLinf },
    { key: "betaR", start: meta.betaR0, end: meta.betaRinf },
  ];
  return all.filter((w) => Number.isFinite(w.start) && Number.isFinite(w.end) && Math.abs(w.end - w.start) >= 1e-3 * Math.max(Math.abs(w.end), 1));
}

/**
 * The regimes of a trace by the rule above, from its rows at t > 0 (in time order) and its meta.
 * No marks when neither bath has a way to go (or the references are not finite).
 *
 * @example
 * findRegimes(result.rows, result.meta); // { II: 0.63, III: 2.5e4 }
 */
export function findRegimes(rows: readonly Row[], meta: Meta): Regimes {
  const timed = rows.filter((r) => r.t > 0);
  const ws = ways(meta);
  if (ws.length === 0 || timed.length === 0) return {};
  const out: Regimes = {};
  const moved = (r: Row) => ws.some((w) => Math.abs(r[w.key] - w.start) >= REGIME_II_FRACTION * Math.abs(w.end - w.start));
  const iII = timed.findIndex(moved);
  if (iII < 0) return out;
  out.II = timed[iII].t;
  const medians = ws.map((w) => runningMedian(timed, w.key));
  const settled = (i: number) => ws.every((w, k) => {
    const tol = Math.max(REGIME_III_FRACTION * Math.abs(w.end - w.start), REGIME_III_FLOOR * Math.abs(w.end));
    // a non-finite β*(t) is never settled, whatever its neighbours say
    return Number.isFinite(timed[i][w.key]) && Math.abs(medians[k][i] - w.end) <= tol;
  });
  let lastOff = -1;
  for (let i = 0; i < timed.length; i++) if (!settled(i)) lastOff = i;
  // regime III needs a time left after the last unsettled one, and starts no earlier than II
  const iIII = Math.max(lastOff + 1, iII);
  if (lastOff + 1 < timed.length) out.III = timed[iIII].t;
  return out;
}

/** Median of the finite β*(t_j) with |log10(t_j/t_i)| ≤ REGIME_III_HALF_WINDOW, for each row i (rows in time order). */
function runningMedian(rows: readonly Row[], key: "betaL" | "betaR"): number[] {
  const logs = rows.map((r) => Math.log10(r.t));
  const out: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < rows.length; i++) {
    while (logs[i] - logs[lo] > REGIME_III_HALF_WINDOW + 1e-9) lo++;
    while (hi + 1 < rows.length && logs[hi + 1] - logs[i] <= REGIME_III_HALF_WINDOW + 1e-9) hi++;
    const w = rows.slice(lo, hi + 1).map((r) => r[key]).filter(Number.isFinite).sort((a, b) => a - b);
    const n = w.length;
    out.push(n === 0 ? NaN : n % 2 ? w[(n - 1) / 2] : 0.5 * (w[n / 2 - 1] + w[n / 2]));
  }
  return out;
}

/** Vertical boundaries (with the label of the region to their right) for a chart of the trace. */
export function regimeBoundaries(r: Regimes): Array<{ x: number; label: string }> {
  const b: Array<{ x: number; label: string }> = [];
  // III at II's time: regime II is shorter than the time grid's step, one boundary says so
  if (r.II !== undefined) b.push({ x: r.II, label: r.III === r.II ? "II→III" : "II" });
  if (r.III !== undefined && r.III !== r.II) b.push({ x: r.III, label: "III" });
  return b;
}
