/**
 * How long a job takes on the CPU engine in a page, said before it starts: a point costs two complex
 * K_ν×K_ν eigenproblems (O(K³), the Householder reduction), plus O(N²) for the vectors of C(t) and
 * S_B; a value adds its meta (two real K³ blocks of the infinite-time state). Calibration (2-core VM,
 * one thread): headless Chromium at K = 200, 21–43 ms a point (README's preset timings, machine
 * loaded); Node at K = 500, 0.26 s a point. The constants sit at the slow end: 35 ms and 0.46 s.
 */
import { type ParsedConfig, problemFor } from "../../src/config/schema.ts";
import { pointsPerValue } from "../../src/sweep/run-value.ts";
import { ensembleRuns } from "./ensemble.ts";

/** seconds per K³ of one complex Hermitian block (S_L or S_R) */
export const SECONDS_PER_K3 = 1.6e-9;
/** seconds per N² of the O(N²) share of a point */
export const SECONDS_PER_N2 = 6e-8;
/** seconds per K³ of one real block of the infinite-time state (once per value) */
export const META_SECONDS_PER_K3 = 6e-10;
/** from this bath size on the page warns before a CPU run */
export const LARGE_K = 500;

export interface Estimate {
  seconds: number;
  points: number;
  largestK: number;
}

/** Seconds the CPU engine needs for every value (and the ensemble run when asked) of a parsed config. */
export function cpuEstimate(parsed: ParsedConfig, ensemble: boolean): Estimate {
  const values = parsed.sweep ? parsed.sweep.values : [undefined];
  const twins = ensembleRuns(parsed, ensemble);
  const runs = twins === "per-value" ? 2 : 1;
  // many pure states share one ensemble run: that of the first value's problem
  const runsOf = (i: number) => runs + (twins === "once" && i === 0 ? 1 : 0);
  let seconds = 0;
  let largestK = 0;
  values.forEach((v, i) => {
    const p = problemFor(parsed, v);
    const N = 1 + p.KL + p.KR;
    const k3 = p.KL ** 3 + p.KR ** 3;
    largestK = Math.max(largestK, p.KL, p.KR);
    seconds += runsOf(i) * (pointsPerValue(parsed) * (SECONDS_PER_K3 * k3 + SECONDS_PER_N2 * N * N) + META_SECONDS_PER_K3 * k3);
  });
  return { seconds, points: (values.length * runs + (twins === "once" ? 1 : 0)) * pointsPerValue(parsed), largestK };
}

/** "about 7 min" / "about 40 s" / "under a second". */
export function roughDuration(s: number): string {
  if (s < 1) return "under a second";
  if (s < 90) return `about ${Math.round(s)} s`;
  if (s < 5400) return `about ${Math.round(s / 60)} min`;
  return `about ${(s / 3600).toFixed(1)} h`;
}
