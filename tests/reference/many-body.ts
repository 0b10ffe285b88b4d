// Many-body exact-diagonalization reference (Fock space of at most 2^7 states), independent of src/, for checking the correlation-matrix engine.
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

export interface ManyBodyRow {
  t: number;
  SS: number;
  SL: number;
  SR: number;
  SB: number;
  Stot: number;
  occupations: number[];
  energy: number;
  number: number;
  /** Tr ρ(t), exposed so the self-test can check normalization. */
  trace: number;
}

const MAX_MODES = 7;

// Mode 0 is the most significant bit, so a contiguous run of modes is a contiguous run of bits
// and the partial trace below is a plain reshape.
const bitOf = (N: number, i: number): number => 1 << (N - 1 - i);

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** Jordan–Wigner sign of c_i acting on basis state s: (−1)^(number of occupied modes before i). */
function jwSign(s: number, N: number, i: number): number {
  const before = ((1 << N) - 1) ^ ((bitOf(N, i) << 1) - 1);
  return popcount(s & before) % 2 === 0 ? 1 : -1;
}

/** ⟨s'|Σ_ij h_ij c_i† c_j|s⟩ as a dense row-major D×D array. */
function manyBodyHamiltonian(h: number[][], N: number): Float64Array {
  const D = 1 << N;
  const H = new Float64Array(D * D);
  for (let s = 0; s < D; s++) {
    for (let j = 0; j < N; j++) {
      if (!(s & bitOf(N, j))) continue;
      const sj = jwSign(s, N, j);
      const s1 = s ^ bitOf(N, j);
      for (let i = 0; i < N; i++) {
        if (h[i][j] === 0 || s1 & bitOf(N, i)) continue;
        const s2 = s1 | bitOf(N, i);
        H[s2 * D + s] += h[i][j] * sj * jwSign(s1, N, i);
      }
    }
  }
  return H;
}

/** A·B for row-major n×n arrays; transA / transB select Aᵀ / Bᵀ. */
function matmul(A: Float64Array, B: Float64Array, n: number, transA = false, transB = false): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const a = transA ? A[k * n + i] : A[i * n + k];
      if (a === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += a * (transB ? B[j * n + k] : B[k * n + j]);
    }
  }
  return out;
}

function symmetricEigen(M: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(M.subarray(i * n, (i + 1) * n)));
  const eig = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const V = eig.eigenvectorMatrix;
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vectors[i * n + j] = V.get(i, j);
  return { values: eig.realEigenvalues, vectors };
}

const xlnx = (x: number): number => {
  const c = Math.min(1, Math.max(0, x));
  return c > 0 ? -c * Math.log(c) : 0;
};

/** Von Neumann entropy of the Hermitian d×d matrix re + i·im. */
function vonNeumann(re: Float64Array, im: Float64Array, d: number): number {
  // The real embedding [[A,−B],[B,A]] has the spectrum of A+iB, each eigenvalue twice.
  const n = 2 * d;
  const E = new Float64Array(n * n);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const a = re[i * d + j];
      const b = im[i * d + j];
      E[i * n + j] = a;
      E[(i + d) * n + j + d] = a;
      E[i * n + j + d] = -b;
      E[(i + d) * n + j] = b;
    }
  }
  const values = symmetricEigen(E, n).values.slice().sort((x, y) => x - y);
  let S = 0;
  for (let k = 0; k < n; k += 2) S += xlnx(values[k]);
  return S;
}

/** Ordinary partial trace onto modes [a, b) of the N-mode state re + i·im. */
function partialTrace(re: Float64Array, im: Float64Array, N: number, a: number, b: number) {
  const D = 1 << N;
  const d = 1 << (b - a);
  const nl = 1 << a;
  const nr = 1 << (N - b);
  const outRe = new Float64Array(d * d);
  const outIm = new Float64Array(d * d);
  for (let l = 0; l < nl; l++) {
    for (let r = 0; r < nr; r++) {
      const base = (l << (N - a)) | r;
      for (let g = 0; g < d; g++) {
        const s = base | (g << (N - b));
        for (let g2 = 0; g2 < d; g2++) {
          const s2 = base | (g2 << (N - b));
          outRe[g * d + g2] += re[s * D + s2];
          outIm[g * d + g2] += im[s * D + s2];
        }
      }
    }
  }
  return { re: outRe, im: outIm, d };
}

/**
 * h: N×N real symmetric single-particle Hamiltonian (index 0 = dot, 1..KL = left bath,
 * KL+1..N-1 = right bath). occ: initial occupations, C(0) = diag(occ) as a product state.
 * Returns per time the many-body entropies of S = {0}, L, R, B = L∪R and the whole system,
 * the single-mode occupations, ⟨H⟩ and ⟨N⟩.
 */
export function manyBodyEvolution(h: number[][], occ: number[], KL: number, times: number[]): ManyBodyRow[] {
  const N = occ.length;
  if (N < 1 || N > MAX_MODES) throw new Error(`manyBodyEvolution: N = ${N} outside 1..${MAX_MODES}`);
  if (h.length !== N || h.some((row) => row.length !== N)) throw new Error("manyBodyEvolution: h must be N×N");
  if (!(KL >= 0 && KL <= N - 1)) throw new Error(`manyBodyEvolution: KL = ${KL} outside 0..${N - 1}`);
  const D = 1 << N;

  const H = manyBodyHamiltonian(h, N);
  const { values: E, vectors: V } = symmetricEigen(H, D);

  const p = new Float64Array(D);
  for (let s = 0; s < D; s++) {
    let w = 1;
    for (let i = 0; i < N; i++) w *= s & bitOf(N, i) ? occ[i] : 1 - occ[i];
    p[s] = w;
  }
  // ρ(0) in the eigenbasis of H: W = Vᵀ diag(p) V, real.
  const pV = new Float64Array(D * D);
  for (let s = 0; s < D; s++) for (let a = 0; a < D; a++) pV[s * D + a] = p[s] * V[s * D + a];
  const W = matmul(V, pV, D, true);

  return times.map((t) => {
    // In the eigenbasis ρ_ab(t) = W_ab e^{−i(E_a−E_b)t}; rotate back with V (real) for re and im separately.
    const Xre = new Float64Array(D * D);
    const Xim = new Float64Array(D * D);
    for (let a = 0; a < D; a++) {
      for (let b = 0; b < D; b++) {
        const w = W[a * D + b];
        const phase = (E[a] - E[b]) * t;
        Xre[a * D + b] = w * Math.cos(phase);
        Xim[a * D + b] = -w * Math.sin(phase);
      }
    }
    const re = matmul(matmul(V, Xre, D), V, D, false, true);
    const im = matmul(matmul(V, Xim, D), V, D, false, true);

    const occupations = new Array<number>(N).fill(0);
    let number = 0;
    let energy = 0;
    let trace = 0;
    for (let s = 0; s < D; s++) {
      const ps = re[s * D + s];
      trace += ps;
      number += ps * popcount(s);
      for (let i = 0; i < N; i++) if (s & bitOf(N, i)) occupations[i] += ps;
      // Tr(Hρ) with H real symmetric: only Re ρ contributes.
      for (let s2 = 0; s2 < D; s2++) energy += H[s * D + s2] * re[s2 * D + s];
    }

    const entropyOf = (a: number, b: number): number => {
      const r = partialTrace(re, im, N, a, b);
      return vonNeumann(r.re, r.im, r.d);
    };
    return {
      t,
      SS: entropyOf(0, 1),
      SL: entropyOf(1, 1 + KL),
      SR: entropyOf(1 + KL, N),
      SB: entropyOf(1, N),
      Stot: vonNeumann(re, im, D),
      occupations,
      energy,
      number,
      trace,
    };
  });
}
