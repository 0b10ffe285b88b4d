/**
 * Where regimes I, II and III begin in a trace (the demo page's markers, `setsim reproduce`'s checks).
 * The paper defines them by the bath temperatures (Fig. 1): β*_ν(t) stays at its initial value (I),
 * moves (II), and settles at the global value (III), and marks them by eye. Here: regime II starts when either β*_ν has covered 5 % of its way from
 * β*_ν(0) to its value in the global state (meta.betaLgg/betaRgg), and regime III once both stay
 * within 20 % of the way from the end (20 %, not less: β* fluctuates in regime III at finite K).
 */
import type { Meta, Row } from "./columns.ts";

export interface Regimes {
  /** first time of regime II, of regime III (undefined when the trace does not reach it) */
  II?: number;
  III?: number;
}

/** The fraction of the way from β*(0) to the global value covered at each row, or null if there is no way to go. */
function progress(rows: readonly Row[], start: number, end: number, key: "betaL" | "betaR"): number[] | null {
  const gap = end - start;
  if (!Number.isFinite(gap) || Math.abs(gap) < 1e-3 * Math.max(Math.abs(end), 1)) return null;
  return rows.map((r) => (r[key] - start) / gap);
}

/**
 * The first times of regimes II and III of a trace with its run's meta.
 *
 * @example
 * const { II, III } = findRegimes(result.rows, result.meta); // e.g. { II: 0.063, III: 39.8 }
 */
export function findRegimes(rows: readonly Row[], meta: Meta): Regimes {
  const timed = rows.filter((r) => r.t > 0);
  const ways = [
    progress(timed, meta.betaL0, meta.betaLgg, "betaL"),
    progress(timed, meta.betaR0, meta.betaRgg, "betaR"),
  ].filter((p): p is number[] => p !== null);
  if (ways.length === 0 || timed.length === 0) return {};
  const out: Regimes = {};
  const iII = timed.findIndex((_, i) => ways.some((p) => Math.abs(p[i]) >= 0.05));
  if (iII >= 0) out.II = timed[iII].t;
  // the last time at which some bath is still far from its end; regime III starts after it
  let lastFar = -1;
  for (let i = 0; i < timed.length; i++) if (ways.some((p) => !(Math.abs(1 - p[i]) <= 0.2))) lastFar = i;
  if (lastFar + 1 < timed.length && lastFar >= 0 && iII >= 0) out.III = timed[lastFar + 1].t;
  return out;
}
