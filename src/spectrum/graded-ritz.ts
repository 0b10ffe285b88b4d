/**
 * Fast mode's algorithm for a bath block's entropy, all f32 after an f64 set-up (B, n): graded
 * Rayleigh–Ritz from the exact factor of the block, C_GG = B·diag(n)·B†, 1 − C_GG = B·diag(1 − n)·B†
 * (B: rows G of conj(U), [K, N] with orthonormal rows; correlation-blocks.ts, bathFactor). Here in
 * f32 emulation (f32-emulation.ts); the GPU runs the very same steps (engine/webgpu/graded-ritz-gpu.ts):
 *
 * 1. C = B·diag(n)·B†; its eigenpairs by an f32 Householder reduction and implicit QL, ascending;
 *    R = V† (row i: eigenvector i, conjugated). Those values are within ~u‖C‖ absolute: most of a
 *    bath's spectrum lies below 1e−3 or above 1 − 1e−3, where h is steep, and plain f32 misses S by
 *    ~2e−4 at K = 128, ~1e−2 at K = 1000.
 * 2. P = R·B; the Ritz matrices G = P·diag(n)·P† = V†CV and Ḡ = P·diag(1 − n)·P† = V†(1 − C)V
 *    are formed from the factor (entry (i, j) has error ~u·√(G_ii·G_jj), so a Ritz vector with a small
 *    value keeps a small absolute error), but only where they are used below.
 * 3. Groups by C's f32 value λ_i: low (λ < θ), middle, high (λ > 1 − θ). Gc = G on low×low and
 *    middle×middle, Ḡ on high×high, 0 across groups; T̃ = (3I − R·R†)/2 on the same blocks, 0 across
 *    (one Newton–Schulz step: f32 vectors are orthonormal only to ~u·√K, which would shift every
 *    value relatively by as much). H = T̃·Gc·T̃ holds the Ritz values λ of the low and middle groups
 *    and 1 − λ of the high group.
 * 4. Two tiny blocks, λ < τ (leading, lo indices) and λ > 1 − τ (trailing, hi; see
 *    GradedRitzOptions.tiny): there f32 vectors mix freely and H is dense, so each block's H is formed
 *    (from that block's rows of P and R alone: tinyRitzBlock) and its eigenvalues come from an f32
 *    Householder reduction, each to ~u times the block's own norm. Every other value is H_ii, taken as
 *    T̃_ii²·Gc_ii from three diagonals (ritzDiagonal): no m×m product is formed (at K = 1000 that saves
 *    ~40 of a block's ~110 Gflop, more where the tiny blocks are small). S = Σ h over the values
 *    (h(λ) = h(1 − λ)), summed in f64.
 *    What that leaves out, with T̃_ik = −M_ik/2 = O(u) off the diagonal and, outside the tiny blocks,
 *    Gc_ik = O(u·√(Gc_ii·Gc_kk)) (the f32 eigenvectors' residuals and the products' rounding):
 *    - in H_ii: 2·Re Σ_k T̃_ii·Gc_ik·T̃_ki = O(u²·√(λ_i·θ)) and Σ_kl T̃_ik·Gc_kl·T̃_li = O(u²·K·θ)
 *      (low group; middle and high alike with 1 and 1 − λ): second order, below f32's own rounding of
 *      H_ii (u·λ_i), which the full product has as well;
 *    - in a tiny block (which lies in one group, τ < θ), the terms through an inner index k of its
 *      group but outside the block: T̃_ik·Gc_kj·T̃_jj = O(u²·√(θ·τ)) and T̃_ik·Gc_kl·T̃_lj = O(u²·θ), far
 *      below the block's Householder error u·τ.
 *    At K = 128 (f32 emulation, the five SPEC cases of `npm run bench -- graded-k128`) S's error moved from
 *    −7.0e−8, 1.7e−7, 1.3e−7, 1.8e−7, −1.9e−7 (full products) to −2.7e−7, −3.9e−9, −4.3e−8, −2.2e−7,
 *    −1.6e−7: per value the change is f32's rounding of λ (~u·λ), up or down.
 * Every product sums in f32 with compensation (f32Gemm): plain f32 sums over N = 2001 terms cost
 * 6e−5 in S at K = 1000, compensated ones 1e−6. (The GPU sums a Hermitian product's 64 × 64 tiles on
 * and below the diagonal and mirrors them; here every entry is summed: the two differ in the last bit
 * of the entries above the diagonal tiles, not in the algorithm.)
 */
import { binaryEntropy } from "../thermo/fermi.ts";
import { type F32Matrix, f32Gemm, f32HouseholderQL, f32Matrix, f32Tridiagonal } from "./f32-emulation.ts";
import { tridiagonalEigenvalues } from "./hermitian-eigenvalues.ts";

export interface GradedRitzOptions {
  /** group threshold θ; 0: plain f32 eigenvalues of C (no refinement) */
  theta: number;
  /**
   * τ: C's values below τ (and above 1 − τ) are the ones f32 cannot order (a value ~1e−9 errs by
   * ~1e−8), so their f32 vectors mix freely inside that cluster and H is dense there: those two
   * blocks (H's leading and trailing ones, the values being sorted) get their eigenvalues by an f32
   * Householder reduction of each alone (error ~u times the block's own norm, ≤ τ) and bisection;
   * every other value is H's diagonal (a Rayleigh quotient from the factor: the off-diagonal there
   * is ~u and moves values at second order only). At K = 128 (f32 emulation, five SPEC cases):
   * τ = 1e−5 misses S by up to 4e−6 (6.8e−7 on the worst case), 1e−4 by 2.5e−7, 1e−3 by 1.9e−7;
   * H's diagonal alone (τ = 0) by 6.7e−6.
   */
  tiny: number;
}

export const GRADED_DEFAULTS: GradedRitzOptions = { theta: 0.1, tiny: 1e-3 };

/** Group of C's f32 value: 0 low, 1 middle, 2 high (shaders/ritz-diagonal.wgsl). */
export const ritzGroup = (x: number, theta: number) => (x < theta ? 0 : x > 1 - theta ? 2 : 1);

/** B rounded to f32 ([K, N] f64 in, re/im split). */
export function f32Factor(B: { re: Float64Array; im: Float64Array }, K: number, N: number): F32Matrix {
  return { rows: K, cols: N, re: Float32Array.from(B.re), im: Float32Array.from(B.im) };
}

/**
 * H's diagonal outside the tiny blocks (shaders/ritz-diagonal.wgsl): H_ii = T̃_ii²·Gc_ii, T̃_ii = (3 −
 * M_ii)/2, Gc_ii = G_ii (low, middle) or Ḡ_ii (high), from P's rows and V's columns alone:
 * G_ii = Σ_k |P_ik|²·n_k, Ḡ_ii = Σ_k |P_ik|²·(1 − n_k), M_ii = Σ_k |V_ki|², each one compensated f32
 * sum in order of k, as one thread of the kernel makes it.
 * @param P [K, N] f32, @param R = V† [K, K], @param w n, @param wbar 1 − n (f64 rounded to f32)
 */
export function ritzDiagonal(P: F32Matrix, R: F32Matrix, w: Float32Array, wbar: Float32Array, group: Int32Array): Float64Array {
  const f = Math.fround;
  const K = P.rows, N = P.cols;
  const out = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    const g = kahan(), gbar = kahan(), mii = kahan();
    for (let k = 0; k < N; k++) {
      const a = f(f(P.re[i * N + k] * P.re[i * N + k]) + f(P.im[i * N + k] * P.im[i * N + k]));
      g.add(f(a * w[k]));
      gbar.add(f(a * wbar[k]));
    }
    for (let k = 0; k < K; k++) mii.add(f(f(R.re[i * K + k] * R.re[i * K + k]) + f(R.im[i * K + k] * R.im[i * K + k])));
    const t = f(1.5 - f(0.5 * mii.s));
    out[i] = f(f(t * t) * (group[i] === 2 ? gbar.s : g.s));
  }
  return out;
}

/** An f32 sum with Kahan's compensation (as f32Gemm's and the kernels'). */
function kahan(): { s: number; add(y: number): void } {
  const f = Math.fround;
  let c = 0;
  return {
    s: 0,
    add(y) {
      const z = f(y - c);
      const t = f(this.s + z);
      c = f(f(t - this.s) - z);
      this.s = t;
    },
  };
}

/**
 * A tiny block's H from that block alone (rows [from, to) of P and R; the ranged products and
 * shaders/ritz-blocks.wgsl): Gc = P_b·diag(w)·P_b† (w = n on the leading block, 1 − n on the trailing
 * one: the whole block lies in the low, or the high, group), M = R_b·R_b†, T̃ = (3I − M)/2, H = T̃·Gc·T̃†.
 */
export function tinyRitzBlock(P: F32Matrix, R: F32Matrix, from: number, to: number, w: Float32Array): F32Matrix {
  const Pb = rowsOf(P, from, to), Rb = rowsOf(R, from, to);
  const Gc = f32Gemm(Pb, Pb, true, w);
  const T = newtonSchulz(f32Gemm(Rb, Rb, true));
  return f32Gemm(f32Gemm(T, Gc, false), T, true);
}

/** T̃ = (3I − M)/2 of M = R·R† (one Newton–Schulz step), in place. */
export function newtonSchulz(M: F32Matrix): F32Matrix {
  const f = Math.fround;
  const n = M.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      M.re[i * n + j] = f((i === j ? 1.5 : 0) - f(0.5 * M.re[i * n + j]));
      M.im[i * n + j] = f(-0.5 * M.im[i * n + j]);
    }
  }
  return M;
}

function rowsOf(X: F32Matrix, from: number, to: number): F32Matrix {
  const c = X.cols;
  return { rows: to - from, cols: c, re: X.re.slice(from * c, to * c), im: X.im.slice(from * c, to * c) };
}

/** The tiny blocks' sizes: C's values ascending, lo = #{λ < τ} lead, hi = #{λ > 1 − τ} trail (shaders/ritz-sizes.wgsl). */
export function tinySizes(lambda: Float64Array, tiny: number): { lo: number; hi: number } {
  const K = lambda.length;
  let lo = 0;
  while (lo < K && lambda[lo] < tiny) lo++;
  let hi = 0;
  while (hi < K - lo && lambda[K - 1 - hi] > 1 - tiny) hi++;
  return { lo, hi };
}

/** What the refinement did: the group sizes, and the tiny blocks' (within low and high). */
export interface GradedRitzStats {
  low: number;
  middle: number;
  high: number;
  tinyLow: number;
  tinyHigh: number;
}

/**
 * S = Σ h(λ) over the block C_GG = B·diag(n)·B†, by graded Rayleigh–Ritz in f32 emulation.
 * @param B rows of conj(U) ([K, N] f64, bathFactor), @param n C(0)'s diagonal (length N)
 */
export function gradedRitzEntropy(
  B: { re: Float64Array; im: Float64Array }, K: number, n: Float64Array, options: Partial<GradedRitzOptions> = {},
): { S: number; stats: GradedRitzStats } {
  const o = { ...GRADED_DEFAULTS, ...options };
  const N = n.length;
  const Bf = f32Factor(B, K, N);
  const w = Float32Array.from(n);
  const wbar = Float32Array.from(n, (x) => 1 - x);
  const C = f32Gemm(Bf, Bf, true, w);
  const first = sortedPairs(f32HouseholderQL(C));
  const stats: GradedRitzStats = { low: 0, middle: 0, high: 0, tinyLow: 0, tinyHigh: 0 };
  if (o.theta === 0) return { S: first.values.reduce((s, x) => s + binaryEntropy(x), 0), stats };
  const V = first.V;
  // R = V†
  const R = f32Matrix(K, K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      R.re[i * K + j] = V.re[j * K + i];
      R.im[i * K + j] = -V.im[j * K + i];
    }
  }
  const P = f32Gemm(R, Bf, false);
  const group = Int32Array.from(first.values, (x) => ritzGroup(x, o.theta));
  for (const g of group) stats[(["low", "middle", "high"] as const)[g]]++;
  const { lo, hi } = tinySizes(first.values, o.tiny);
  stats.tinyLow = lo;
  stats.tinyHigh = hi;
  const values = ritzDiagonal(P, R, w, wbar, group);
  if (lo > 0) values.set(f32TridiagonalValues(tinyRitzBlock(P, R, 0, lo, w)), 0);
  if (hi > 0) values.set(f32TridiagonalValues(tinyRitzBlock(P, R, K - hi, K, wbar)), K - hi);
  return { S: values.reduce((s, x) => s + binaryEntropy(x), 0), stats };
}

/** Eigenpairs in ascending order of value (V's columns permuted to match), as the GPU's QL leaves them. */
function sortedPairs({ values, V }: { values: Float64Array; V: F32Matrix }): { values: Float64Array; V: F32Matrix } {
  const n = values.length;
  const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  const W = f32Matrix(n, n);
  for (let r = 0; r < n; r++) {
    order.forEach((k, c) => {
      W.re[r * n + c] = V.re[r * n + k];
      W.im[r * n + c] = V.im[r * n + k];
    });
  }
  return { values: Float64Array.from(order, (k) => values[k]), V: W };
}

/** Eigenvalues by an f32 tridiagonalization, then those of T exactly (the GPU's df64 bisection). */
function f32TridiagonalValues(A: F32Matrix): Float64Array {
  const { d, e } = f32Tridiagonal(A, false);
  const shifted = new Float64Array(d.length);
  for (let i = 1; i < d.length; i++) shifted[i] = e[i - 1];
  return tridiagonalEigenvalues(Float64Array.from(d), shifted);
}
