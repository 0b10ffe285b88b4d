/**
 * O(N²) eigendecomposition of the arrowhead ℋ = [[α, zᵀ], [z, diag(d)]] (SPEC §1): deflation of
 * uncoupled and degenerate bath levels, the secular equation for the rest, and Löwner-corrected
 * couplings so that the eigenvectors are orthogonal to working precision.
 */
import type { Arrowhead } from "../model/hamiltonian.ts";
import { secularRoot } from "./secular.ts";

const EPS = Number.EPSILON;

/**
 * The spectrum in structured form. Bath levels with equal energy form a group g with pole D_g; only
 * the combination u (unit vector over the group's members) couples to the dot, with strength Ẑ_g.
 * Eigenvectors:
 * - coupled, n = 0..G: v_n(0) = s_n, v_n(k) = s_n Ẑ_g u_k / (λ_n − D_g) for bath mode k in group g;
 * - decoupled: the complement of u inside each group, eigenvalue D_g, zero on the dot;
 * - uncoupled modes (z_k = 0, group −1): e_k with eigenvalue d_k.
 */
export interface ArrowheadEigen {
  /** matrix size N = 1 + number of bath modes */
  N: number;
  /** ℋ_00 = ε_d */
  alpha: number;
  /** coupled group poles, ascending, length G */
  D: Float64Array;
  /** Löwner couplings of the groups, length G */
  Zhat: Float64Array;
  /** coupled eigenvalues, ascending, length G+1; λ_n = D[origin_n] + tau_n (origin −1: λ = α) */
  lambda: Float64Array;
  origin: Int32Array;
  tau: Float64Array;
  /** squared dot components s_n² of the coupled eigenvectors */
  s2: Float64Array;
  /** per bath mode: its group (−1 when uncoupled) and its weight u_k in the coupled combination */
  group: Int32Array;
  u: Float64Array;
  /** the bath levels */
  d: Float64Array;
}

/** λ_n − D_g, accurate even when λ_n lies within rounding of D_g. */
export function gapToPole(e: ArrowheadEigen, n: number, g: number): number {
  const o = e.origin[n];
  return o < 0 ? e.lambda[n] - e.D[g] : e.tau[n] + (e.D[o] - e.D[g]);
}

export function arrowheadEigen(h: Arrowhead): ArrowheadEigen {
  const m = h.d.length;
  let zNorm2 = 0;
  let dMax = Math.abs(h.alpha);
  for (let k = 0; k < m; k++) {
    zNorm2 += h.z[k] * h.z[k];
    dMax = Math.max(dMax, Math.abs(h.d[k]));
  }
  const scale = dMax + Math.sqrt(zNorm2);
  const tolZ = EPS * scale;
  const tolD = 8 * EPS * scale;

  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) => h.d[a] - h.d[b]);
  const group = new Int32Array(m).fill(-1);
  const u = new Float64Array(m);
  const poles: number[] = [];
  const weights: number[] = [];
  for (let start = 0; start < m; ) {
    let end = start + 1;
    while (end < m && h.d[order[end]] - h.d[order[start]] <= tolD) end++;
    let norm2 = 0;
    for (let i = start; i < end; i++) norm2 += h.z[order[i]] ** 2;
    const norm = Math.sqrt(norm2);
    if (norm > tolZ) {
      const g = poles.length;
      poles.push(h.d[order[start]]);
      weights.push(norm2);
      for (let i = start; i < end; i++) {
        group[order[i]] = g;
        u[order[i]] = h.z[order[i]] / norm;
      }
    }
    start = end;
  }

  const G = poles.length;
  const D = Float64Array.from(poles);
  const w = Float64Array.from(weights);
  const lambda = new Float64Array(G + 1);
  const origin = new Int32Array(G + 1);
  const tau = new Float64Array(G + 1);
  if (G === 0) {
    lambda[0] = h.alpha;
    origin[0] = -1;
  } else {
    const radius = Math.sqrt(zNorm2);
    for (let j = -1; j < G; j++) {
      const r = secularRoot(D, w, 1, -h.alpha, j, radius);
      origin[j + 1] = r.origin;
      tau[j + 1] = r.tau;
      lambda[j + 1] = D[r.origin] + r.tau;
    }
  }
  const e: ArrowheadEigen = {
    N: m + 1, alpha: h.alpha, D, Zhat: new Float64Array(G), lambda, origin, tau, s2: new Float64Array(G + 1),
    group, u, d: Float64Array.from(h.d),
  };
  loewnerCouplings(e);
  for (let n = 0; n <= G; n++) {
    let sum = 1;
    for (let g = 0; g < G; g++) sum += (e.Zhat[g] / gapToPole(e, n, g)) ** 2;
    e.s2[n] = 1 / sum;
  }
  return e;
}

/**
 * Ẑ_g² = −Π_i (D_g − λ_i) / Π_{h≠g} (D_g − D_h): the couplings for which the computed λ are exact
 * eigenvalues. Factors are paired so that every ratio stays near 1 (no overflow at N = 10⁴).
 */
function loewnerCouplings(e: ArrowheadEigen): void {
  const G = e.D.length;
  for (let g = 0; g < G; g++) {
    // λ_g < D_g < λ_{g+1}
    let z2 = -gapToPole(e, g, g) * gapToPole(e, g + 1, g);
    for (let h = 0; h < G; h++) {
      if (h === g) continue;
      const n = h < g ? h : h + 1;
      z2 *= -gapToPole(e, n, g) / (e.D[g] - e.D[h]);
    }
    e.Zhat[g] = Math.sqrt(Math.max(z2, 0));
  }
}

/** All N eigenvalues, ascending (coupled ones, then each group's decoupled copies and uncoupled levels). */
export function allEigenvalues(e: ArrowheadEigen): Float64Array {
  const out: number[] = Array.from(e.lambda);
  const seen = new Int32Array(e.D.length);
  for (let k = 0; k < e.d.length; k++) {
    const g = e.group[k];
    if (g < 0) out.push(e.d[k]);
    else if (seen[g]++ > 0) out.push(e.D[g]);
  }
  return Float64Array.from(out).sort();
}
