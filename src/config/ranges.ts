/**
 * What f64 can resolve, refused up front (SPEC §3: bad input before any work). The physics depends
 * on ratios (Γ/W, ε_d/W, μ/W, t·W), and the solvers work in absolute f64: these bounds keep every
 * ratio where the arrowhead eigensolver, the β* solver and the phases λt stay accurate.
 */
import type { Problem } from "../model/problem.ts";
import { ConfigError } from "../errors.ts";

/** W within [W_MIN, W_MAX]: rescale the energy unit otherwise. */
export const W_MIN = 1e-6;
export const W_MAX = 1e6;
/** Γ_ν, |ε_d|, |μ_ν| at most RATIO_MAX·W (the paper's largest Γ/W is 100). */
export const RATIO_MAX = 1e4;
/** Largest phase λ·t in radians: f64 reduces it mod 2π to ~2e-4 rad there. */
export const PHASE_MAX = 1e12;

/** An upper bound on the spectral radius of ℋ: max |diagonal| + √(Σ couplings²), Σ t² ≤ (Γ_L+Γ_R)W/π. */
export function spectralBound(p: Problem): number {
  return Math.max(p.W / 2, Math.abs(p.epsD)) + Math.sqrt(((p.GammaL + p.GammaR) * p.W) / Math.PI);
}

const fmt = (x: number) => x.toPrecision(3);
/** 1e-6, 1e12: the bounds as they are written above. */
const sci = (x: number) => x.toExponential().replace("e+", "e");

/**
 * Throws ConfigError for a problem outside what f64 resolves; `fieldOf(name)` names the input field
 * to blame (a swept field, or a shorthand such as Gamma).
 */
export function checkRanges(p: Problem, times: readonly number[], fieldOf: (name: keyof Problem | "times") => string): void {
  if (p.W < W_MIN || p.W > W_MAX) {
    throw new ConfigError(fieldOf("W"), `must be in [${sci(W_MIN)}, ${sci(W_MAX)}] (is ${fmt(p.W)}): rescale the energy unit`);
  }
  const limit = RATIO_MAX * p.W;
  for (const f of ["GammaL", "GammaR", "epsD", "muL", "muR"] as const) {
    if (Math.abs(p[f]) > limit) {
      throw new ConfigError(fieldOf(f), `must be at most ${sci(RATIO_MAX)}·W = ${fmt(limit)} in magnitude (is ${fmt(p[f])}): beyond that f64 cannot resolve the bath levels against it`);
    }
  }
  const tMax = times.length > 0 ? times[times.length - 1] : 0;
  const phase = tMax * spectralBound(p);
  if (phase > PHASE_MAX) {
    throw new ConfigError(fieldOf("times"), `t = ${fmt(tMax)} gives phases λt up to ${fmt(phase)} rad; at most ${sci(PHASE_MAX)} rad (t ≤ ${fmt(PHASE_MAX / spectralBound(p))} here), beyond which f64 loses the phase`);
  }
}
