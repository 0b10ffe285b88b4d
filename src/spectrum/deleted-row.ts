/**
 * Spectrum of a Hermitian matrix C = Σ_k n_k w_k w_k† with one row and column (index 0) deleted:
 * the roots μ of Σ_k |w_k(0)|²/(μ − n_k) = 0, one between each pair of consecutive distinct n
 * (Cauchy interlacing); repeated n_k stay eigenvalues with one copy fewer. Here C = C(t), n = the
 * initial occupations and |w_k(0)|² = |U_k0(t)|², so C_BB(t) costs O(N) per root instead of O(N³).
 */
import { secularRoot } from "./secular.ts";
import { binaryEntropy } from "../thermo/fermi.ts";

/**
 * S(C with row 0 deleted) − S(C), from the roots that moved and the occupations they left. The
 * unmoved copies cancel exactly, so the result keeps full precision even when both entropies are
 * ~10³ and their difference ~1 (this is what makes I_S−B accurate).
 * @param n eigenvalues of C (any order), @param w weights |w_k(0)|² (≥ 0, summing to 1).
 */
export function deletedRowEntropyChange(n: ArrayLike<number>, w: ArrayLike<number>): number {
  const order = Array.from({ length: n.length }, (_, k) => k).sort((a, b) => n[a] - n[b]);
  const poles: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    let wsum = 0;
    const v = n[order[i]];
    while (j < order.length && n[order[j]] - v <= 4 * Number.EPSILON) wsum += w[order[j++]];
    // a value whose modes never reach the deleted site keeps all its copies: nothing moves
    if (wsum > 1e-300) {
      poles.push(v);
      weights.push(wsum);
    }
    i = j;
  }
  const p = Float64Array.from(poles);
  const q = Float64Array.from(weights);
  let change = -binaryEntropy(p[p.length - 1] ?? 0);
  for (let j = 0; j + 1 < p.length; j++) {
    const r = secularRoot(p, q, 0, 0, j);
    change += binaryEntropy(p[r.origin] + r.tau) - binaryEntropy(p[j]);
  }
  return change;
}
