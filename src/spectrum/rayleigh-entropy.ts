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
 * The series in B_ij converges only where |B_ij| is small against |B_ii − B_jj| or against the
 * distance of both to the singularities of h at 0 and 1. Where f32 Jacobi cannot resolve a group of
 * eigenvalues (within ~ε_f32 of each other, as in the near-0 and near-1 clusters of a pure state), it
 * mixes their vectors freely and the series fails; such pairs are joined into clusters, and each
 * cluster's block of B is diagonalized exactly in f64 instead. Cost: O(n²), plus O(n·c²) for the
 * clusters (c modes in all): small for thermal baths, but a pure state's near-0 and near-1 clusters
 * hold about half of the modes each (n = 600: 1.5 s on one core).
 */
import { binaryEntropy } from "../thermo/fermi.ts";
import { hermitianEigenvalues } from "./hermitian-eigenvalues.ts";

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
 * Pairs beyond perturbation: |B_ij| not small against the gap or against the distance of the pair to
 * 0 or 1 (where h' diverges). Such a coupling can move the eigenvalues by O(1) of themselves.
 */
function strong(bi: number, bj: number, b2: number): boolean {
  const reach = Math.min(Math.max(bi, bj), Math.max(1 - bi, 1 - bj));
  const scale = Math.min(Math.abs(bi - bj), reach);
  return b2 > 1e-4 * scale * scale;
}

/** Union–find roots of the clusters that strong pairs join. */
function clusters(n: number): { root: (i: number) => number; join: (i: number, j: number) => void } {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  return { root, join: (i, j) => void (parent[root(i)] = root(j)) };
}

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
  const x = new Float64Array(n);
  const dhx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = inside(b[i]);
    dhx[i] = dh(x[i]);
  }
  /** B_ij to first order */
  const offDiagonal = (i: number, j: number): [number, number] => {
    const ij = i * n + j;
    const half = 0.5 * (d[i] + d[j]);
    return [S.re[ij] - G.re[ij] * half, S.im[ij] - G.im[ij] * half];
  };
  /** B_ij to second order (for the exactly diagonalized cluster blocks, where O(ε²) matters) */
  const offDiagonal2 = (i: number, j: number): [number, number] => {
    let [r, m] = offDiagonal(i, j);
    const w0 = 0.375 * (d[i] + d[j]);
    for (let k = 0; k < n; k++) {
      const ik = i * n + k;
      const kj = k * n + j;
      // F_ik, F_kj (F = G − I) and E_kj, E_ik (E = S off its diagonal)
      const fr = G.re[ik] - (i === k ? 1 : 0), fi = G.im[ik];
      const gr = G.re[kj] - (k === j ? 1 : 0), gi = G.im[kj];
      const er = k === j ? 0 : S.re[kj], ei = k === j ? 0 : S.im[kj];
      const hr = i === k ? 0 : S.re[ik], hi = i === k ? 0 : S.im[ik];
      // −½ (F_ik E_kj + E_ik F_kj) + ⅜ (d_i + d_j) F_ik F_kj + ¼ F_ik d_k F_kj
      r -= 0.5 * (fr * er - fi * ei + hr * gr - hi * gi);
      m -= 0.5 * (fr * ei + fi * er + hr * gi + hi * gr);
      const w = w0 + 0.25 * d[k];
      r += w * (fr * gr - fi * gi);
      m += w * (fr * gi + fi * gr);
    }
    return [r, m];
  };
  const groups = clusters(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [br, bi] = offDiagonal(i, j);
      if (strong(x[i], x[j], br * br + bi * bi)) groups.join(i, j);
    }
  }
  let s = 0;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = groups.root(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  const inCluster = new Uint8Array(n);
  for (const list of members.values()) {
    if (list.length === 1) {
      s += binaryEntropy(b[list[0]]);
      continue;
    }
    for (const i of list) inCluster[i] = 1;
    s += clusterEntropy(list, b, offDiagonal, offDiagonal2, groups.root);
  }
  // ½ Σ_{i≠j} = Σ_{i<j}, over the pairs that no cluster has taken in exactly
  for (let i = 0; i < n; i++) {
    const ri = groups.root(i);
    for (let j = i + 1; j < n; j++) {
      if (groups.root(j) === ri) continue;
      const [br, bi] = offDiagonal(i, j);
      // Cauchy–Schwarz for the PSD matrices B and 1 − B: rounding must not make a tiny pair explode
      const cap = Math.min(x[i] * x[j], (1 - x[i]) * (1 - x[j]));
      const b2 = Math.min(br * br + bi * bi, cap);
      // an uncoupled pair adds nothing (and two modes clamped to the same value would give 0/0)
      if (!(b2 > 0)) continue;
      // a cluster member's own shift is already in its cluster's effective block: only the partner's
      if (inCluster[i] || inCluster[j]) {
        const [own, other] = inCluster[i] ? [j, i] : [i, j];
        if (!inCluster[own] && x[own] !== x[other]) s += (b2 * dhx[own]) / (x[own] - x[other]);
        continue;
      }
      s += b2 * dividedDifference(x[i], x[j], dhx[i], dhx[j]);
    }
  }
  return s;
}

/**
 * Σ h over the eigenvalues of one cluster's block of B, with the second-order pull of every mode
 * outside it folded in (the effective block of quasi-degenerate perturbation theory):
 *   M_pq = B_pq + ½ Σ_k B_pk B_kq [1/(B_pp − B_kk) + 1/(B_qq − B_kk)],  k outside the cluster.
 */
function clusterEntropy(
  list: number[], b: Float64Array,
  offDiagonal: (i: number, j: number) => [number, number], offDiagonal2: (i: number, j: number) => [number, number],
  root: (i: number) => number,
): number {
  const c = list.length;
  const n = b.length;
  const own = root(list[0]);
  const re = new Float64Array(c * c);
  const im = new Float64Array(c * c);
  list.forEach((i, p) => {
    re[p * c + p] = b[i];
    list.forEach((j, q) => {
      if (q <= p) return;
      const [br, bi] = offDiagonal2(Math.min(i, j), Math.max(i, j));
      const sign = i < j ? 1 : -1;
      re[p * c + q] = re[q * c + p] = br;
      im[p * c + q] = sign * bi;
      im[q * c + p] = -sign * bi;
    });
  });
  for (let k = 0; k < n; k++) {
    if (root(k) === own) continue;
    // column k of B restricted to the cluster: B_pk
    const cr = new Float64Array(c);
    const ci = new Float64Array(c);
    list.forEach((i, p) => {
      const [br, bi] = offDiagonal(Math.min(i, k), Math.max(i, k));
      cr[p] = br;
      ci[p] = i < k ? bi : -bi;
    });
    // 1/(B_pp − B_kk), 0 for an uncoupled member (its product below is 0; a gap of 0 would make it NaN)
    const inv = list.map((i, p) => (cr[p] === 0 && ci[p] === 0) || b[i] === b[k] ? 0 : 1 / (b[i] - b[k]));
    for (let p = 0; p < c; p++) {
      if (inv[p] === 0) continue;
      for (let q = p; q < c; q++) {
        if (inv[q] === 0) continue;
        const w = 0.5 * (inv[p] + inv[q]);
        // B_pk B_kq = B_pk conj(B_qk)
        const r = (cr[p] * cr[q] + ci[p] * ci[q]) * w;
        const m = (ci[p] * cr[q] - cr[p] * ci[q]) * w;
        re[p * c + q] += r;
        im[p * c + q] += m;
        if (q !== p) {
          re[q * c + p] += r;
          im[q * c + p] -= m;
        }
      }
    }
  }
  let s = 0;
  for (const lambda of hermitianEigenvalues(re, im, c)) s += binaryEntropy(lambda);
  return s;
}
