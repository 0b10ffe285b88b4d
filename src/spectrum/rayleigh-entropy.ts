/**
 * S = Σ h(λ) over the spectrum of a Hermitian block A, refined from an approximate eigenbasis X̂
 * (from f32 Jacobi) and the two small matrices S = X̂†AX̂ and G = X̂†X̂, both computed in extended
 * precision (double-float on the GPU). The accurate mode of the WebGPU engine rests on this.
 *
 * Why it works: the spectrum of A is that of the pencil (S, G), i.e. of B = G^{−1/2} S G^{−1/2}.
 * With F = G − I and E = S − diag(S) both O(ε_f32), B to second order is
 *   B_ii = d_i(1 − F_ii) − Re Σ_{j≠i} F_ij E_ji + ¾ d_i Σ_j |F_ij|² + ¼ Σ_j |F_ij|² d_j,
 *   B_ij = E_ij − F_ij (d_i + d_j)/2,
 * and Tr h(B) to second order in the off-diagonal part (Daleckii–Krein) is
 *   Σ_i h(B_ii) + ½ Σ_{i≠j} |B_ij|² · (h'(B_ii) − h'(B_jj))/(B_ii − B_jj).
 * The divided difference is bounded by sup|h''| between the two values, whatever the gap, so near
 * degenerate pairs (which f32 Jacobi mixes freely) are handled; what is left is O(K·ε³). Everything
 * here is O(K²), against O(K³) for the products that the GPU forms.
 */
import { binaryEntropy } from "../thermo/fermi.ts";

/** A complex n×n matrix, re/im split, row-major. */
export interface ComplexMatrix {
  re: Float64Array;
  im: Float64Array;
  n: number;
}

/** h'(x) = ln((1 − x)/x), for x strictly inside (0, 1). */
const dh = (x: number) => Math.log1p(-x) - Math.log(x);

/** (h'(x) − h'(y))/(x − y), by h'' at the midpoint where the difference would cancel. */
function dividedDifference(x: number, y: number, dhx: number, dhy: number): number {
  const m = 0.5 * (x + y);
  if (Math.abs(x - y) < 1e-5 * Math.min(m, 1 - m)) return -1 / (m * (1 - m));
  return (dhx - dhy) / (x - y);
}

/** Keeps h' finite: eigenvalues are clamped into [0, 1] anyway (SPEC §2). */
const inside = (x: number) => Math.min(Math.max(x, 1e-300), 1 - 2 ** -53);

/**
 * Σ h(λ) over the eigenvalues of the pencil (S, G), G ≈ I.
 * @param S X̂†AX̂, Hermitian, @param G X̂†X̂, Hermitian (same size).
 */
export function rayleighEntropy(S: ComplexMatrix, G: ComplexMatrix): number {
  const n = S.n;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = S.re[i * n + i];
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let cross = 0;
    let fsq = 0;
    let fsqd = 0;
    for (let j = 0; j < n; j++) {
      const ij = i * n + j;
      const fr = G.re[ij] - (i === j ? 1 : 0);
      const fi = G.im[ij];
      const f2 = fr * fr + fi * fi;
      fsq += f2;
      fsqd += f2 * d[j];
      if (j !== i) {
        const ji = j * n + i;
        cross += fr * S.re[ji] - fi * S.im[ji];
      }
    }
    const fii = G.re[i * n + i] - 1;
    b[i] = d[i] * (1 - fii) - cross + 0.75 * d[i] * fsq + 0.25 * fsqd;
  }
  let s = 0;
  const x = new Float64Array(n);
  const dhx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s += binaryEntropy(b[i]);
    x[i] = inside(b[i]);
    dhx[i] = dh(x[i]);
  }
  // ½ Σ_{i≠j} = Σ_{i<j}
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ij = i * n + j;
      const half = 0.5 * (d[i] + d[j]);
      const br = S.re[ij] - G.re[ij] * half;
      const bi = S.im[ij] - G.im[ij] * half;
      // Cauchy–Schwarz for the PSD matrices B and 1 − B: rounding must not make a tiny pair explode
      const cap = Math.min(x[i] * x[j], (1 - x[i]) * (1 - x[j]));
      const b2 = Math.min(br * br + bi * bi, cap);
      s += b2 * dividedDifference(x[i], x[j], dhx[i], dhx[j]);
    }
  }
  return s;
}
