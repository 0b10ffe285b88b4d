/** The single-particle Hamiltonian ℋ of SPEC §1 in arrowhead form: dot at index 0, then bath L, then bath R. */
import type { Problem } from "./problem.ts";
import { bathCoupling, bathLevels } from "./levels.ts";

/**
 * ℋ = [[ε_d, zᵀ], [z, diag(d)]] with d the N−1 bath levels (L then R) and z the couplings.
 * Nothing else is stored: every algorithm downstream uses the arrowhead structure.
 */
export interface Arrowhead {
  /** ℋ_00 = ε_d */
  alpha: number;
  /** bath levels ℋ_kk, length N−1 (L levels then R levels) */
  d: Float64Array;
  /** couplings ℋ_0k, length N−1 */
  z: Float64Array;
}

export function hamiltonian(p: Problem): Arrowhead {
  const eL = bathLevels(p.KL, p.W);
  const eR = bathLevels(p.KR, p.W);
  const tL = bathCoupling(p.GammaL, p.KL, p.W);
  const tR = bathCoupling(p.GammaR, p.KR, p.W);
  const m = p.KL + p.KR;
  const d = new Float64Array(m);
  const z = new Float64Array(m);
  d.set(eL, 0);
  d.set(eR, p.KL);
  z.fill(tL, 0, p.KL);
  z.fill(tR, p.KL);
  return { alpha: p.epsD, d, z };
}

/** Dense N×N copy of ℋ, for tests and small reference computations only. */
export function denseHamiltonian(h: Arrowhead): number[][] {
  const N = h.d.length + 1;
  const H = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  H[0][0] = h.alpha;
  for (let k = 0; k < h.d.length; k++) {
    H[k + 1][k + 1] = h.d[k];
    H[0][k + 1] = H[k + 1][0] = h.z[k];
  }
  return H;
}
