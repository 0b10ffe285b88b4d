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

/** Q_ν = −Σ_k [C_kk(t) − C_kk(0)](ε_k − μ*_ν(0)) */
function heat(levels: Float64Array, n: Float64Array, n0: Float64Array, mu0: number): number {
  let q = 0;
  for (let k = 0; k < levels.length; k++) q -= (n[k] - n0[k]) * (levels[k] - mu0);
  return q;
}

export function decompose(s: TimeSlice, ref: InitialReference): Row {
  const SS = binaryEntropy(s.nd);
  const SB = ref.Stot + s.SBminusStot;
  const QL = heat(ref.levelsL, s.nL, ref.nL0, ref.L0.mu);
  const QR = heat(ref.levelsR, s.nR, ref.nR0, ref.R0.mu);
  const Sigma = SS - ref.SS0 + (s.L.Spi - ref.L0.Spi) + (s.R.Spi - ref.R0.Spi);
  const sigma = SS - ref.SS0 - ref.L0.beta * QL - ref.R0.beta * QR;
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
    DrelL: (s.L.Spi - s.SL) / s.L.Spi,
    DrelR: (s.R.Spi - s.SR) / s.R.Spi,
  };
}
