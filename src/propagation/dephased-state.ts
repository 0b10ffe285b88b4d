/**
 * The infinite-time (dephased) state: C̄ = lim_{T→∞} (1/T) ∫₀ᵀ C(t) dt = Σ_c P_c C(0) P_c, with P_c
 * the spectral projectors of ℋ (every coherence between different eigenvalues averages out; inside a
 * degenerate eigenspace nothing rotates, so its whole block stays). This is the state the regime-III
 * averages converge to; an integrable model relaxes to it, not to a Gibbs state.
 *
 * Built from the arrowhead structure in O(N²) plus O(K²) per block, never from dense eigenvectors:
 * - coupled eigenvectors v_n (simple eigenvalues λ_n) keep ν_n = v_nᵀ C(0) v_n;
 * - the decoupled space of a group of equal bath levels (eigenvalue D_g, zero on the dot) keeps its
 *   block P_g C(0) P_g, closed form n_k δ_kl + u_k u_l (ñ_g − n_k − n_l), ñ_g = Σ_{k∈g} u_k² n_k;
 * - uncoupled modes keep their occupations (C(0) is diagonal: no coherence to keep).
 * Bath entries of different levels follow from [ℋ, C̄] = 0 (as C(t)'s blocks follow from the
 * rank-2 commutator in correlation-blocks.ts). Eigenvalues that differ by less than the rounding of ℋ
 * (8ε‖ℋ‖, the tolerance at which arrowhead.ts merges bath levels) count as one eigenspace: such a
 * cluster of coupled and decoupled vectors keeps its cross terms too, added explicitly.
 */
import type { Arrowhead } from "../model/hamiltonian.ts";
import { type ArrowheadEigen, gapToPole } from "../spectrum/arrowhead.ts";
import { smallSymmetricEigen } from "../spectrum/small-symmetric.ts";

/** What the infinite-time references need of C̄. */
export interface DephasedState {
  /** C̄_ii, length N (dot first) */
  diag: Float64Array;
  /** C̄_LL and C̄_RR: real symmetric, row-major K_ν×K_ν, both triangles */
  LL: Float64Array;
  RR: Float64Array;
  /** the N eigenvalues of C̄ and the squared dot components of their eigenvectors (sum 1): S_B by the deleted-row secular equation */
  theta: Float64Array;
  dotWeights: Float64Array;
}

/** A coupled eigenvector n, or the decoupled space of group g (at least two members). */
type Entry = { kind: "c"; n: number; value: number } | { kind: "d"; g: number; value: number };

/** Orthonormal basis of the decoupled space of a group (m × (m−1), column-major per vector): columns 2..m of the reflector H e_1 = u. */
function decoupledBasis(e: ArrowheadEigen, ks: number[]): number[][] {
  const r = ks.map((k, i) => (i === 0 ? 1 : 0) - e.u[k]);
  const rn = Math.hypot(...r);
  for (let i = 0; i < r.length; i++) r[i] = rn > 0 ? r[i] / rn : 0;
  const out: number[][] = [];
  for (let col = 1; col < ks.length; col++) out.push(ks.map((_, i) => (i === col ? 1 : 0) - 2 * r[i] * r[col]));
  return out;
}

/** The dense vectors (length N) spanning an entry's eigenspace. */
function entryVectors(e: ArrowheadEigen, members: number[][], x: Entry): Float64Array[] {
  const N = e.N;
  if (x.kind === "d") {
    return decoupledBasis(e, members[x.g]).map((b) => {
      const v = new Float64Array(N);
      members[x.g].forEach((k, i) => (v[k + 1] = b[i]));
      return v;
    });
  }
  const v = new Float64Array(N);
  const s = Math.sqrt(e.s2[x.n]);
  v[0] = s;
  for (let k = 0; k < e.d.length; k++) {
    const g = e.group[k];
    if (g >= 0) v[k + 1] = (s * e.Zhat[g] * e.u[k]) / gapToPole(e, x.n, g);
  }
  return [v];
}

/**
 * C̄ for ℋ with spectrum `e` and diagonal C(0) = diag(n).
 * @param KL size of bath L (bath R is the rest).
 */
export function dephasedState(h: Arrowhead, e: ArrowheadEigen, n: Float64Array, KL: number): DephasedState {
  const N = e.N;
  const m = N - 1;
  const KR = m - KL;
  const G = e.D.length;
  const nc = e.lambda.length;
  const members: number[][] = Array.from({ length: G }, () => []);
  const nt = new Float64Array(G);
  for (let k = 0; k < m; k++) {
    const g = e.group[k];
    if (g < 0) continue;
    members[g].push(k);
    nt[g] += e.u[k] ** 2 * n[k + 1];
  }
  // ν_n = s_n² [n_0 + Σ_g Ẑ_g² ñ_g / (λ_n − D_g)²]
  const nu = new Float64Array(nc);
  for (let j = 0; j < nc; j++) {
    let s = n[0];
    for (let g = 0; g < G; g++) s += (e.Zhat[g] ** 2 * nt[g]) / gapToPole(e, j, g) ** 2;
    nu[j] = e.s2[j] * s;
  }
  // Ḡ_g = Ẑ_g Σ ν s²/(λ − D_g) (C̄_0k = u_k Ḡ_g), H̄_g = Ẑ_g² Σ ν s²/(λ − D_g)²
  const Gb = new Float64Array(G);
  const Hb = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < nc; j++) {
      const w = (nu[j] * e.s2[j]) / gapToPole(e, j, g);
      a += w;
      b += w / gapToPole(e, j, g);
    }
    Gb[g] = e.Zhat[g] * a;
    Hb[g] = e.Zhat[g] ** 2 * b;
  }
  const diag = new Float64Array(N);
  for (let j = 0; j < nc; j++) diag[0] += nu[j] * e.s2[j];
  for (let k = 0; k < m; k++) {
    const g = e.group[k];
    const u2 = e.u[k] ** 2;
    diag[k + 1] = g < 0 ? n[k + 1] : u2 * Hb[g] + n[k + 1] + u2 * (nt[g] - 2 * n[k + 1]);
  }
  const entry = (k: number, l: number): number => {
    if (k === l) return diag[k + 1];
    const g = e.group[k];
    const hh = e.group[l];
    if (g < 0 || hh < 0) return 0;
    const uu = e.u[k] * e.u[l];
    if (g === hh) return uu * (Hb[g] + nt[g] - n[k + 1] - n[l + 1]);
    return (uu * (e.Zhat[hh] * Gb[g] - e.Zhat[g] * Gb[hh])) / (e.D[g] - e.D[hh]);
  };
  const block = (start: number, size: number) => {
    const out = new Float64Array(size * size);
    for (let x = 0; x < size; x++) {
      for (let y = 0; y <= x; y++) out[x * size + y] = out[y * size + x] = entry(start + x, start + y);
    }
    return out;
  };
  const LL = block(0, KL);
  const RR = block(KL, KR);
  const { theta, dotWeights } = spectrumWithClusters(h, e, n, members, nu, { diag, LL, RR, KL });
  return { diag, LL, RR, theta, dotWeights };
}

/** 8ε‖ℋ‖-style scale of ℋ: below it two eigenvalues cannot be told apart (arrowhead.ts's tolD). */
function degeneracyTolerance(h: Arrowhead): number {
  let zNorm2 = 0;
  let dMax = Math.abs(h.alpha);
  for (let k = 0; k < h.d.length; k++) {
    zNorm2 += h.z[k] ** 2;
    dMax = Math.max(dMax, Math.abs(h.d[k]));
  }
  return 8 * Number.EPSILON * (dMax + Math.sqrt(zNorm2));
}

/**
 * C̄'s eigenvalues and dot weights, and the cross terms of near-degenerate clusters added into
 * `out` (diag and blocks). Entries that stand alone contribute their own closed forms.
 */
function spectrumWithClusters(
  h: Arrowhead, e: ArrowheadEigen, n: Float64Array, members: number[][], nu: Float64Array,
  out: { diag: Float64Array; LL: Float64Array; RR: Float64Array; KL: number },
): { theta: Float64Array; dotWeights: Float64Array } {
  const theta: number[] = [];
  const weights: number[] = [];
  const entries: Entry[] = [];
  for (let j = 0; j < e.lambda.length; j++) entries.push({ kind: "c", n: j, value: e.lambda[j] });
  members.forEach((ks, g) => {
    if (ks.length >= 2) entries.push({ kind: "d", g, value: e.D[g] });
  });
  entries.sort((a, b) => a.value - b.value);
  const tol = degeneracyTolerance(h);
  for (let i = 0; i < entries.length; ) {
    let j = i + 1;
    while (j < entries.length && entries[j].value - entries[j - 1].value <= tol) j++;
    const cluster = entries.slice(i, j);
    i = j;
    if (cluster.length > 1 && cluster.some((x) => x.kind === "c")) {
      addCluster(e, n, members, cluster, out, theta, weights);
      continue;
    }
    for (const x of cluster) {
      if (x.kind === "c") {
        theta.push(nu[x.n]);
        weights.push(e.s2[x.n]);
      } else {
        for (const v of blockEigenvalues(entryVectors(e, members, x), n)) {
          theta.push(v);
          weights.push(0);
        }
      }
    }
  }
  // uncoupled modes: eigenvectors e_k, nothing on the dot
  for (let k = 0; k < e.d.length; k++) {
    if (e.group[k] >= 0) continue;
    theta.push(n[k + 1]);
    weights.push(0);
  }
  return { theta: Float64Array.from(theta), dotWeights: Float64Array.from(weights) };
}

/** M = Vᵀ diag(n) V for the columns V of an eigenspace. */
function projectedBlock(vs: Float64Array[], n: Float64Array): Float64Array {
  const r = vs.length;
  const M = new Float64Array(r * r);
  for (let a = 0; a < r; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n.length; i++) s += vs[a][i] * n[i] * vs[b][i];
      M[a * r + b] = M[b * r + a] = s;
    }
  }
  return M;
}

function blockEigenvalues(vs: Float64Array[], n: Float64Array): Float64Array {
  return vs.length === 1 ? Float64Array.of(projectedBlock(vs, n)[0]) : smallSymmetricEigen(projectedBlock(vs, n), vs.length).values;
}

/** A cluster of near-equal eigenvalues with a coupled vector in it: its cross terms, its eigenvalues and dot weights. */
function addCluster(
  e: ArrowheadEigen, n: Float64Array, members: number[][], cluster: Entry[],
  out: { diag: Float64Array; LL: Float64Array; RR: Float64Array; KL: number }, theta: number[], weights: number[],
): void {
  const vs: Float64Array[] = [];
  const owner: number[] = [];
  cluster.forEach((x, i) => {
    for (const v of entryVectors(e, members, x)) {
      vs.push(v);
      owner.push(i);
    }
  });
  const r = vs.length;
  const M = projectedBlock(vs, n);
  const { KL } = out;
  const KR = e.N - 1 - KL;
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < a; b++) {
      const c = M[a * r + b];
      if (owner[a] === owner[b] || c === 0) continue;
      // C̄ += c (v_a v_bᵀ + v_b v_aᵀ): the coherence that the cluster's common eigenvalue keeps
      const x = vs[a];
      const y = vs[b];
      for (let i = 0; i < e.N; i++) out.diag[i] += 2 * c * x[i] * y[i];
      for (const [blk, start, size] of [[out.LL, 1, KL], [out.RR, 1 + KL, KR]] as const) {
        for (let p = 0; p < size; p++) {
          const xp = x[start + p];
          const yp = y[start + p];
          if (xp === 0 && yp === 0) continue;
          for (let q = 0; q < size; q++) blk[p * size + q] += c * (xp * y[start + q] + yp * x[start + q]);
        }
      }
    }
  }
  const { values, vectors } = smallSymmetricEigen(M, r);
  for (let j = 0; j < r; j++) {
    let w0 = 0;
    for (let a = 0; a < r; a++) w0 += vs[a][0] * vectors[a * r + j];
    theta.push(values[j]);
    weights.push(w0 * w0);
  }
}
