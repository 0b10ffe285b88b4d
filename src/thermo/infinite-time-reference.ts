/**
 * The infinite-time references of `meta`: β*_ν, μ*_ν, S_ν, S_B and I_L−R of the dephased state C̄
 * (the time average of C(t), src/propagation/dephased-state.ts). β*_ν, μ*_ν of C̄ match the exact
 * long-time averages of E_ν and N_ν, so regime-III traces settle on them, where the global Gibbs
 * references (App. B) need not: the model is integrable and relaxes to its diagonal ensemble.
 */
import type { Arrowhead } from "../model/hamiltonian.ts";
import type { ArrowheadEigen } from "../spectrum/arrowhead.ts";
import { dephasedState } from "../propagation/dephased-state.ts";
import { symmetricEigenvalues } from "../spectrum/symmetric-eigenvalues.ts";
import { deletedRowEntropyChange } from "../spectrum/deleted-row.ts";
import { spectrumEntropy } from "../observables/block-entropy.ts";
import { type BathThermo, bathThermo } from "./bath-thermo.ts";

export interface InfiniteTimeReference {
  /** the baths' β*, μ* (and E, N, Sπ) in C̄ */
  L: BathThermo;
  R: BathThermo;
  /** entropies of C̄'s blocks: bath L, bath R, both baths */
  SL: number;
  SR: number;
  SB: number;
  /** I_L−R = S_L + S_R − S_B of C̄ */
  ILR: number;
}

/**
 * @param n C(0) = diag(n), length N; @param KL size of bath L.
 *
 * @example
 * const h = hamiltonian(p);
 * infiniteTimeReference(h, arrowheadEigen(h), initialOccupations(p), p.KL).L.beta; // β*_L(∞)
 */
export function infiniteTimeReference(h: Arrowhead, e: ArrowheadEigen, n: Float64Array, KL: number): InfiniteTimeReference {
  const c = dephasedState(h, e, n, KL);
  const KR = e.N - 1 - KL;
  const SL = spectrumEntropy(symmetricEigenvalues(c.LL, KL));
  const SR = spectrumEntropy(symmetricEigenvalues(c.RR, KR));
  // S_B from C̄'s own spectrum with the dot row deleted: O(N²), no (N−1)² eigenproblem
  const SB = spectrumEntropy(c.theta) + deletedRowEntropyChange(c.theta, c.dotWeights);
  return {
    L: bathThermo(h.d.subarray(0, KL), c.diag.subarray(1, 1 + KL)),
    R: bathThermo(h.d.subarray(KL), c.diag.subarray(1 + KL)),
    SL, SR, SB, ILR: SL + SR - SB,
  };
}
