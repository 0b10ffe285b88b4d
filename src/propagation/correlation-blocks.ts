/**
 * The parts of C(t) = e^{iℋt} C(0) e^{−iℋt} (eq. 19) that the observables need, in O(N²) per time
 * for diagonal C(0): the diagonal, the dot weights |U_k0|² of the evolved modes, and the L and R
 * blocks. U = e^{−iℋt} is never stored: its entries have closed Cauchy forms in the arrowhead
 * eigenpairs, and the bath blocks follow from the rank-2 commutator [ℋ, C(t)] = U†[ℋ, C(0)]U
 * (displacement structure): C_ij = (M_ij − z_i C_0j + z_j C_i0)/(ε_i − ε_j) for i ≠ j in one bath.
 */
import type { Arrowhead } from "../model/hamiltonian.ts";
import { type ArrowheadEigen, gapToPole } from "../spectrum/arrowhead.ts";

/** What one time point yields. Complex blocks are split re/im, row-major, full (both triangles). */
export interface CorrelationBlocks {
  /** C_ii(t), length N */
  diag: Float64Array;
  /** |U_k0(t)|²: weight of initial mode k on the dot (sums to 1), length N */
  dotWeights: Float64Array;
  /** C_LL(t), K_L×K_L */
  LL: { re: Float64Array; im: Float64Array };
  /** C_RR(t), K_R×K_R */
  RR: { re: Float64Array; im: Float64Array };
  /** Re C_0k(t), Im C_0k(t) (row 0), length N */
  row0: { re: Float64Array; im: Float64Array };
}

/**
 * The O(N) vectors from which the diagonal, the dot weights and every bath-block entry of C(t)
 * follow: r = row 0 of U = e^{−iℋt}, q = U†a (a_k = z_k(n_k − n_0), so that [ℋ, C(t)] = U†[ℋ, C(0)]U
 * is rank 2 in r and q), and row 0 of C(t). Computing them costs O(N²); each block entry is then O(1)
 * (`bathBlock` here, or shaders/form-blocks.wgsl on the GPU).
 */
export interface BlockVectors {
  /** C_ii(t), length N */
  diag: Float64Array;
  /** |U_k0(t)|², length N */
  dotWeights: Float64Array;
  r: { re: Float64Array; im: Float64Array };
  q: { re: Float64Array; im: Float64Array };
  /** C_0k(t), length N */
  row0: { re: Float64Array; im: Float64Array };
}

/**
 * @param h ℋ, @param e its spectrum, @param n C(0) = diag(n) (length N), @param KL size of bath L.
 * cos/sin reduce λ·t mod 2π in f64.
 */
export function correlationBlocks(
  h: Arrowhead, e: ArrowheadEigen, n: Float64Array, KL: number, t: number,
): CorrelationBlocks {
  const v = blockVectors(h, e, n, t);
  const m = e.N - 1;
  return { diag: v.diag, dotWeights: v.dotWeights, row0: v.row0, LL: bathBlock(h, v, 1, KL), RR: bathBlock(h, v, 1 + KL, m - KL) };
}

/** The vectors of BlockVectors at time t, O(N²). */
export function blockVectors(h: Arrowhead, e: ArrowheadEigen, n: Float64Array, t: number): BlockVectors {
  const N = e.N;
  const m = N - 1;
  const f = factorVectors(e, t);
  const { rr, ri } = f;
  // a_k = z_k (n_k − n_0): [ℋ, C(0)] = e_0 aᵀ − a e_0ᵀ
  const a = new Float64Array(N);
  for (let k = 0; k < m; k++) a[k + 1] = h.z[k] * (n[k + 1] - n[0]);

  const diag = new Float64Array(N);
  const qr = new Float64Array(N);
  const qi = new Float64Array(N);
  const c0r = new Float64Array(N);
  const c0i = new Float64Array(N);
  // column j of U, streamed: U_kj for k = 0..N−1
  const colr = new Float64Array(N);
  const coli = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    fillColumn(e, j, f, colr, coli);
    let dsum = 0, sqr = 0, sqi = 0, scr = 0, sci = 0;
    for (let k = 0; k < N; k++) {
      const ur = colr[k];
      const ui = coli[k];
      dsum += n[k] * (ur * ur + ui * ui);
      sqr += a[k] * ur;
      sqi += a[k] * ui;
      // n_k conj(r_k) U_kj
      const xr = n[k] * rr[k];
      const xi = -n[k] * ri[k];
      scr += xr * ur - xi * ui;
      sci += xr * ui + xi * ur;
    }
    diag[j] = dsum;
    qr[j] = sqr;
    qi[j] = sqi;
    c0r[j] = scr;
    c0i[j] = sci;
  }
  const dotWeights = new Float64Array(N);
  for (let k = 0; k < N; k++) dotWeights[k] = rr[k] * rr[k] + ri[k] * ri[k];
  return { diag, dotWeights, r: { re: rr, im: ri }, q: { re: qr, im: qi }, row0: { re: c0r, im: c0i } };
}

/**
 * The block of C(t) over the bath modes start..start+size−1 (indices of C), from the displacement
 * structure: C_ij = (M_ij − z_i C_0j + z_j conj(C_0i))/(ε_i − ε_j), M_ij = conj(r_i) q_j − conj(q_i) r_j.
 */
export function bathBlock(h: Arrowhead, v: BlockVectors, start: number, size: number): { re: Float64Array; im: Float64Array } {
  const { diag, r: { re: rr, im: ri }, q: { re: qr, im: qi }, row0: { re: c0r, im: c0i } } = v;
  const re = new Float64Array(size * size);
  const im = new Float64Array(size * size);
  for (let x = 0; x < size; x++) {
    const i = start + x;
    re[x * size + x] = diag[i];
    for (let y = 0; y < x; y++) {
      const j = start + y;
      // M_ij = conj(r_i) q_j − conj(q_i) r_j
      const mr = rr[i] * qr[j] + ri[i] * qi[j] - (qr[i] * rr[j] + qi[i] * ri[j]);
      const mi = rr[i] * qi[j] - ri[i] * qr[j] - (qr[i] * ri[j] - qi[i] * rr[j]);
      const zi = h.z[i - 1];
      const zj = h.z[j - 1];
      // − z_i C_0j + z_j conj(C_0i)
      const nr = mr - zi * c0r[j] + zj * c0r[i];
      const ni = mi - zi * c0i[j] - zj * c0i[i];
      const inv = 1 / (h.d[i - 1] - h.d[j - 1]);
      re[x * size + y] = nr * inv;
      im[x * size + y] = ni * inv;
      re[y * size + x] = nr * inv;
      im[y * size + x] = -ni * inv;
    }
  }
  return { re, im };
}

/**
 * The O(N·G) part of U = e^{−iℋt} at one time, from which every entry of U follows in O(1)
 * (`fillColumn` here, shaders/form-factor.wgsl on the GPU): per coupled group g, with p_n = e^{−iλ_n t},
 * G_g = Ẑ_g Σ_n p_n s_n²/(λ_n − D_g), H_g = Ẑ_g² Σ_n p_n s_n²/(λ_n − D_g)², P_g = e^{−iD_g t};
 * per bath mode k, Q_k = e^{−id_k t} where k is uncoupled (group −1; else 0); row 0 of U. f64, re/im split.
 */
export interface FactorVectors {
  /** length G each */
  Gr: Float64Array; Gi: Float64Array; Hr: Float64Array; Hi: Float64Array; Pr: Float64Array; Pi: Float64Array;
  /** length N − 1 (bath modes) */
  Qr: Float64Array; Qi: Float64Array;
  /** U_0k = U_k0, length N */
  rr: Float64Array; ri: Float64Array;
}

/** FactorVectors at time t, O(N·G); cos/sin of λ·t, D·t and d·t in f64. */
export function factorVectors(e: ArrowheadEigen, t: number): FactorVectors {
  const N = e.N;
  const G = e.D.length;
  const nc = e.lambda.length;
  // p_n s_n² for coupled eigenvectors
  const ar = new Float64Array(nc);
  const ai = new Float64Array(nc);
  let u00r = 0;
  let u00i = 0;
  for (let j = 0; j < nc; j++) {
    const ph = e.lambda[j] * t;
    ar[j] = Math.cos(ph) * e.s2[j];
    ai[j] = -Math.sin(ph) * e.s2[j];
    u00r += ar[j];
    u00i += ai[j];
  }
  const Gr = new Float64Array(G);
  const Gi = new Float64Array(G);
  const Hr = new Float64Array(G);
  const Hi = new Float64Array(G);
  const Pr = new Float64Array(G);
  const Pi = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let gr = 0, gi = 0, hr = 0, hi = 0;
    for (let j = 0; j < nc; j++) {
      const inv = 1 / gapToPole(e, j, g);
      gr += ar[j] * inv;
      gi += ai[j] * inv;
      hr += ar[j] * inv * inv;
      hi += ai[j] * inv * inv;
    }
    const Z = e.Zhat[g];
    Gr[g] = gr * Z;
    Gi[g] = gi * Z;
    Hr[g] = hr * Z * Z;
    Hi[g] = hi * Z * Z;
    Pr[g] = Math.cos(e.D[g] * t);
    Pi[g] = -Math.sin(e.D[g] * t);
  }
  // row 0 of U (= column 0, U is symmetric); the phases of uncoupled modes
  const rr = new Float64Array(N);
  const ri = new Float64Array(N);
  const Qr = new Float64Array(N - 1);
  const Qi = new Float64Array(N - 1);
  rr[0] = u00r;
  ri[0] = u00i;
  for (let k = 0; k < N - 1; k++) {
    const g = e.group[k];
    if (g >= 0) {
      rr[k + 1] = e.u[k] * Gr[g];
      ri[k + 1] = e.u[k] * Gi[g];
    } else {
      Qr[k] = Math.cos(e.d[k] * t);
      Qi[k] = -Math.sin(e.d[k] * t);
    }
  }
  return { Gr, Gi, Hr, Hi, Pr, Pi, Qr, Qi, rr, ri };
}

/**
 * The bath factor of a block (fast mode, src/spectrum/graded-ritz.ts): rows start..start+size−1 of
 * conj(U), U = e^{−iℋt}, so that C_GG = B·diag(n)·B† (U is symmetric). [size, N] row-major, f64,
 * O(size·N) from the time's FactorVectors (O(N·G), made here unless given); re/im split.
 */
export function bathFactor(
  e: ArrowheadEigen, t: number, start: number, size: number, v: FactorVectors = factorVectors(e, t),
): { re: Float64Array; im: Float64Array } {
  const N = e.N;
  const re = new Float64Array(size * N);
  const im = new Float64Array(size * N);
  const cr = new Float64Array(N);
  const ci = new Float64Array(N);
  for (let x = 0; x < size; x++) {
    fillColumn(e, start + x, v, cr, ci);
    for (let k = 0; k < N; k++) {
      re[x * N + k] = cr[k];
      im[x * N + k] = -ci[k];
    }
  }
  return { re, im };
}

/** Column j of U = e^{−iℋt} from the closed forms (see ArrowheadEigen and FactorVectors). */
function fillColumn(e: ArrowheadEigen, j: number, v: FactorVectors, outr: Float64Array, outi: Float64Array): void {
  const N = e.N;
  const { rr, ri, Gr, Gi, Hr, Hi, Pr, Pi } = v;
  outr[0] = rr[j];
  outi[0] = ri[j];
  if (j === 0) {
    for (let k = 1; k < N; k++) {
      outr[k] = rr[k];
      outi[k] = ri[k];
    }
    return;
  }
  const l = j - 1;
  const h = e.group[l];
  if (h < 0) {
    outr.fill(0, 1);
    outi.fill(0, 1);
    outr[j] = v.Qr[l];
    outi[j] = v.Qi[l];
    return;
  }
  const ul = e.u[l];
  const Dh = e.D[h];
  const Zh = e.Zhat[h];
  for (let k = 0; k < N - 1; k++) {
    const g = e.group[k];
    let vr = 0;
    let vi = 0;
    if (g === h) {
      const uu = e.u[k] * ul;
      vr = uu * Hr[g] + Pr[g] * ((k === l ? 1 : 0) - uu);
      vi = uu * Hi[g] + Pi[g] * ((k === l ? 1 : 0) - uu);
    } else if (g >= 0) {
      const c = (e.u[k] * ul) / (e.D[g] - Dh);
      vr = c * (Zh * Gr[g] - e.Zhat[g] * Gr[h]);
      vi = c * (Zh * Gi[g] - e.Zhat[g] * Gi[h]);
    }
    outr[k + 1] = vr;
    outi[k + 1] = vi;
  }
}
