/**
 * One row of SPEC §2 from the entropies and occupations at time t: the mutual informations
 * (eqs. 8–10), local athermality (11), Σ (7), heat and σ (13), the finite-bath effect (14).
 */
import type { Row } from "./columns.ts";
import type { BathThermo } from "../thermo/bath-thermo.ts";
import { binaryEntropy } from "../thermo/fermi.ts";

/** What does not change with t: the initial state's entropies and the baths' initial β*, μ*. */
export interface InitialReference {
  /** S_tot = Σ_i h(C_ii(0)) */
  Stot: number;
  /** S_S(0) = h(n_d) */
  SS0: number;
  L0: BathThermo;
  R0: BathThermo;
  /** C_kk(0) of each bath */
  nL0: Float64Array;
  nR0: Float64Array;
  levelsL: Float64Array;
  levelsR: Float64Array;
}

export interface TimeSlice {
  t: number;
  /** C_00(t) */
  nd: number;
  /** C_kk(t) of each bath */
  nL: Float64Array;
  nR: Float64Array;
  L: BathThermo;
  R: BathThermo;
  /** S_L, S_R: entropies of the blocks C_LL, C_RR */
  SL: number;
  SR: number;
  /** S_B − S_tot, computed without forming either (see deletedRowEntropyChange) */
  SBminusStot: number;
}

/** Q_ν = −Σ_k [C_kk(t) − C_kk(0)](ε_k − μ*_ν(0)); undefined (NaN) where μ*_ν(0) is (β*_ν(0) = 0). */
function heat(levels: Float64Array, n: Float64Array, n0: Float64Array, mu0: number): number {
  let q = 0;
  for (let k = 0; k < levels.length; k++) {
    const dn = n[k] - n0[k];
    if (dn !== 0) q -= dn * (levels[k] - mu0);
  }
  return q;
}

/**
 * β*_ν(0)·Q_ν, the bath's share of σ. Where β*_ν(0) is finite it is summed as −Σ Δn_k (β ε_k − α),
 * which stays finite and continuous through β*_ν(0) = 0 (μ undefined, α finite); where it is ±∞
 * (a ground or highest state) it is β·Q, and 0 when nothing has moved (Q = 0 exactly, e.g. at t = 0).
 */
function betaHeat(levels: Float64Array, n: Float64Array, n0: Float64Array, b0: BathThermo, Q: number): number {
  if (Number.isFinite(b0.beta)) {
    let bq = 0;
    for (let k = 0; k < levels.length; k++) {
      const dn = n[k] - n0[k];
      if (dn !== 0) bq -= dn * (b0.beta * levels[k] - b0.alpha);
    }
    return bq;
  }
  return Q === 0 ? 0 : b0.beta * Q;
}

/** D[ρ_ν‖π_ν]/Sπ_ν; 0/0 (a pure bath matched by a pure state) is undefined, not −∞ from rounding. */
const relativeAthermality = (Spi: number, S: number) => (Spi > 0 ? (Spi - S) / Spi : NaN);

export function decompose(s: TimeSlice, ref: InitialReference): Row {
  const SS = binaryEntropy(s.nd);
  const SB = ref.Stot + s.SBminusStot;
  const QL = heat(ref.levelsL, s.nL, ref.nL0, ref.L0.mu);
  const QR = heat(ref.levelsR, s.nR, ref.nR0, ref.R0.mu);
  const Sigma = SS - ref.SS0 + (s.L.Spi - ref.L0.Spi) + (s.R.Spi - ref.R0.Spi);
  const sigma = SS - ref.SS0 - betaHeat(ref.levelsL, s.nL, ref.nL0, ref.L0, QL) - betaHeat(ref.levelsR, s.nR, ref.nR0, ref.R0, QR);
  return {
    t: s.t,
    nd: s.nd,
    EL: s.L.E, ER: s.R.E, NL: s.L.N, NR: s.R.N,
    betaL: s.L.beta, muL: s.L.mu, betaR: s.R.beta, muR: s.R.mu,
    SS, SL: s.SL, SR: s.SR, SB,
    ISB: SS + s.SBminusStot,
    ILR: s.SL + s.SR - SB,
    IoL: s.L.Smodes - s.SL,
    IoR: s.R.Smodes - s.SR,
    Dstar: s.L.Spi - s.L.Smodes + (s.R.Spi - s.R.Smodes),
    Sigma, QL, QR, sigma,
    Deq: sigma - Sigma,
    DrelL: relativeAthermality(s.L.Spi, s.SL),
    DrelR: relativeAthermality(s.R.Spi, s.SR),
  };
}
