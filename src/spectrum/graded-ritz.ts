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
 * 2. P = R·B; G = P·diag(n)·P† and Ḡ = P·diag(1 − n)·P† (the Ritz matrices V†CV and V†(1 − C)V,
 *    formed from the factor: entry (i, j) has error ~u·√(G_ii·G_jj), so a Ritz vector with a small
 *    value keeps a small absolute error).
 * 3. Groups by C's f32 value λ_i: low (λ < θ), middle, high (λ > 1 − θ). Gc = G on low×low and
 *    middle×middle, Ḡ on high×high, 0 across groups; T̃ = (3I − R·R†)/2 on the same blocks, 0 across
 *    (one Newton–Schulz step: f32 vectors are orthonormal only to ~u·√K, which would shift every
 *    value relatively by as much).
 * 4. H = T̃·Gc·T̃ holds the Ritz values λ of the low and middle groups and 1 − λ of the high group:
 *    its diagonal, except in the two tiny blocks (λ < τ, λ > 1 − τ: see GradedRitzOptions.tiny), whose
 *    eigenvalues come from an f32 Householder reduction of each block alone, each to ~u times its own
 *    norm. S = Σ h over them (h(λ) = h(1 − λ)), summed in f64.
 * Every product sums in f32 with compensation (f32Gemm): plain f32 sums over N = 2001 terms cost
 * 6e−5 in S at K = 1000, compensated ones 1e−6.
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

/** Group of C's f32 value: 0 low, 1 middle, 2 high (shaders/ritz-blocks.wgsl). */
export const ritzGroup = (x: number, theta: number) => (x < theta ? 0 : x > 1 - theta ? 2 : 1);

/** B rounded to f32 ([K, N] f64 in, re/im split). */
export function f32Factor(B: { re: Float64Array; im: Float64Array }, K: number, N: number): F32Matrix {
  return { rows: K, cols: N, re: Float32Array.from(B.re), im: Float32Array.from(B.im) };
}

/** Step 3: Gc and T̃ from G, Ḡ, M = R·R† and the groups (in place of G and M). */
export function ritzBlocks(G: F32Matrix, Gbar: F32Matrix, M: F32Matrix, group: Int32Array): void {
  const K = G.rows;
  const f = Math.fround;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const at = i * K + j;
      const same = group[i] === group[j];
      if (same && group[i] === 2) {
        G.re[at] = Gbar.re[at];
        G.im[at] = Gbar.im[at];
      } else if (!same) {
        G.re[at] = G.im[at] = 0;
      }
      M.re[at] = same ? f((i === j ? 1.5 : 0) - f(0.5 * M.re[at])) : 0;
      M.im[at] = same ? f(-0.5 * M.im[at]) : 0;
    }
  }
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
  const G = f32Gemm(P, P, true, w);
  const Gbar = f32Gemm(P, P, true, wbar);
  const M = f32Gemm(R, R, true);
  const group = Int32Array.from(first.values, (x) => ritzGroup(x, o.theta));
  for (const g of group) stats[(["low", "middle", "high"] as const)[g]]++;
  ritzBlocks(G, Gbar, M, group);
  const H = f32Gemm(f32Gemm(M, G, false), M, true);
  const { values, lo, hi } = ritzValues(H, first.values, o.tiny);
  stats.tinyLow = lo;
  stats.tinyHigh = H.rows - hi;
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

/** H's values (see `tiny`): C's values `lambda` ascending, so the two tiny blocks are H's leading [0, lo) and trailing [hi, K) ones. */
function ritzValues(H: F32Matrix, lambda: Float64Array, tiny: number): { values: Float64Array; lo: number; hi: number } {
  const K = H.rows;
  const values = Float64Array.from({ length: K }, (_, i) => H.re[i * K + i]);
  let lo = 0;
  while (lo < K && lambda[lo] < tiny) lo++;
  let hi = K;
  while (hi > lo && lambda[hi - 1] > 1 - tiny) hi--;
  for (const [from, to] of [[0, lo], [hi, K]]) {
    const n = to - from;
    if (n === 0) continue;
    const block = f32Matrix(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        block.re[i * n + j] = H.re[(from + i) * K + from + j];
        block.im[i * n + j] = H.im[(from + i) * K + from + j];
      }
    }
    values.set(f32TridiagonalValues(block), from);
  }
  return { values, lo, hi };
}

/** Eigenvalues by an f32 tridiagonalization, then those of T exactly (the GPU's df64 bisection). */
function f32TridiagonalValues(A: F32Matrix): Float64Array {
  const { d, e } = f32Tridiagonal(A, false);
  const shifted = new Float64Array(d.length);
  for (let i = 1; i < d.length; i++) shifted[i] = e[i - 1];
  return tridiagonalEigenvalues(Float64Array.from(d), shifted);
}
