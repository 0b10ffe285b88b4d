/** Macroscopic state of one bath from its mode occupations: E_ν, N_ν, β*_ν, μ*_ν and Sπ_ν (eqs. 5–7, 11). */
import { type GrandCanonical, matchGrandCanonical, matchedOccupations } from "./beta-star.ts";
import { binaryEntropy, entropyOfOccupations, fermiEntropy } from "./fermi.ts";

export interface BathThermo extends GrandCanonical {
  /** bare energy Σ ε_k C_kk */
  E: number;
  /** particle number Σ C_kk */
  N: number;
  /** Sπ_ν: entropy of the matched grand canonical state */
  Spi: number;
  /** Σ_k h(C_kk): entropy of the product of the modes' marginals */
  Smodes: number;
}

export function bathThermo(levels: Float64Array, occ: ArrayLike<number>): BathThermo {
  let E = 0;
  let N = 0;
  for (let k = 0; k < levels.length; k++) {
    E += levels[k] * occ[k];
    N += occ[k];
  }
  const gc = matchGrandCanonical(levels, E, N);
  return { ...gc, E, N, Spi: grandCanonicalEntropy(levels, gc, N), Smodes: entropyOfOccupations(occ) };
}

/**
 * Σ_k h(f(βε_k − α)), evaluated from βε − α directly where finite (keeps tails of 1e−30; at β = 0 it
 * is K·h(N/K), and it stays continuous as β* crosses 0).
 */
export function grandCanonicalEntropy(levels: Float64Array, gc: GrandCanonical, N: number): number {
  let s = 0;
  if (Number.isFinite(gc.beta)) {
    for (let k = 0; k < levels.length; k++) s += fermiEntropy(gc.beta * levels[k] - gc.alpha);
    return s;
  }
  for (const f of matchedOccupations(levels, gc, N)) s += binaryEntropy(f);
  return s;
}
