/**
 * Spectrum of a Hermitian matrix C = Σ_k n_k w_k w_k† with one row and column (index 0) deleted:
 * the roots μ of Σ_k |w_k(0)|²/(μ − n_k) = 0, one between each pair of consecutive distinct n
 * (Cauchy interlacing); repeated n_k stay eigenvalues with one copy fewer. Here C = C(t), n = the
 * initial occupations and |w_k(0)|² = |U_k0(t)|², so C_BB(t) costs O(N) per root instead of O(N³).
 */
import { secularRoot } from "./secular.ts";
import { binaryEntropy } from "../thermo/fermi.ts";

/**
 * The poles of the deleted-row equation for eigenvalues n: the indices sorted by n (stable), cut
 * into groups of values within 4ε of the group's smallest (taken as the group's value). They depend
 * on n alone, so a run groups C(0)'s occupations once; the GPU engine sums each group's weights and
 * solves the equation on the device (shaders/deleted-row-secular.wgsl) from the same groups.
 */
export interface DeletedRowPoles {
  /** indices of n, ascending in n */
  order: Int32Array;
  /** group g holds order[start[g] .. start[g + 1]); length G + 1 */
  start: Int32Array;
  /** the value of each group, ascending; length G */
  value: Float64Array;
}

export function deletedRowPoles(n: ArrayLike<number>): DeletedRowPoles {
  const order = Int32Array.from({ length: n.length }, (_, k) => k).sort((a, b) => n[a] - n[b] || a - b);
  const start: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < order.length; ) {
    const v = n[order[i]];
    start.push(i);
    value.push(v);
    while (i < order.length && n[order[i]] - v <= 4 * Number.EPSILON) i++;
  }
  start.push(order.length);
  return { order, start: Int32Array.from(start), value: Float64Array.from(value) };
}

/**
 * S(C with row 0 deleted) − S(C), from the roots that moved and the occupations they left. The
 * unmoved copies cancel exactly, so the result keeps full precision even when both entropies are
 * ~10³ and their difference ~1 (this is what makes I_S−B accurate).
 * @param n eigenvalues of C (any order), @param w weights |w_k(0)|² (≥ 0, summing to 1),
 * @param poles n's groups, where already made
 */
export function deletedRowEntropyChange(n: ArrayLike<number>, w: ArrayLike<number>, poles = deletedRowPoles(n)): number {
  const { order, start, value } = poles;
  const p: number[] = [];
  const q: number[] = [];
  for (let g = 0; g < value.length; g++) {
    let wsum = 0;
    for (let i = start[g]; i < start[g + 1]; i++) wsum += w[order[i]];
    // a value whose modes never reach the deleted site keeps all its copies: nothing moves
    if (wsum > 1e-300) {
      p.push(value[g]);
      q.push(wsum);
    }
  }
  const P = Float64Array.from(p);
  const Q = Float64Array.from(q);
  let change = -binaryEntropy(P[P.length - 1] ?? 0);
  for (let j = 0; j + 1 < P.length; j++) {
    const r = secularRoot(P, Q, 0, 0, j);
    change += binaryEntropy(P[r.origin] + r.tau) - binaryEntropy(P[j]);
  }
  return change;
}
