// Random test matrices: complex Hermitian blocks and unitaries (for the eigensolver tests).
/** A complex n×n matrix, re/im split, row-major. */
export interface ComplexMatrix {
  re: Float64Array;
  im: Float64Array;
  n: number;
}

/** A random complex Hermitian n×n matrix, diagonal in [0, 1), off-diagonal parts in [−½, ½). */
export function randomHermitian(n: number, rnd: () => number, scale = 1): ComplexMatrix {
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    re[i * n + i] = scale * rnd();
    for (let j = 0; j < i; j++) {
      const a = scale * (rnd() - 0.5);
      const b = scale * (rnd() - 0.5);
      re[i * n + j] = re[j * n + i] = a;
      im[i * n + j] = b;
      im[j * n + i] = -b;
    }
  }
  return { re, im, n };
}

/** A random unitary n×n matrix (columns), by twice-modified Gram–Schmidt of a random complex matrix. */
export function randomUnitary(n: number, rnd: () => number): ComplexMatrix {
  const re = new Float64Array(n * n).map(() => rnd() - 0.5);
  const im = new Float64Array(n * n).map(() => rnd() - 0.5);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < j; k++) {
        let pr = 0, pi = 0; // ⟨col k, col j⟩
        for (let i = 0; i < n; i++) {
          pr += re[i * n + k] * re[i * n + j] + im[i * n + k] * im[i * n + j];
          pi += re[i * n + k] * im[i * n + j] - im[i * n + k] * re[i * n + j];
        }
        for (let i = 0; i < n; i++) {
          re[i * n + j] -= pr * re[i * n + k] - pi * im[i * n + k];
          im[i * n + j] -= pr * im[i * n + k] + pi * re[i * n + k];
        }
      }
      let nrm = 0;
      for (let i = 0; i < n; i++) nrm += re[i * n + j] ** 2 + im[i * n + j] ** 2;
      nrm = Math.sqrt(nrm);
      for (let i = 0; i < n; i++) {
        re[i * n + j] /= nrm;
        im[i * n + j] /= nrm;
      }
    }
  }
  return { re, im, n };
}

/** P†·Q, or P·Q with `adjoint` false, for n×n complex matrices. */
export function matmul(P: ComplexMatrix, Q: ComplexMatrix, adjoint = true): ComplexMatrix {
  const n = P.n;
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0, si = 0;
      for (let k = 0; k < n; k++) {
        const ar = adjoint ? P.re[k * n + i] : P.re[i * n + k];
        const ai = adjoint ? -P.im[k * n + i] : P.im[i * n + k];
        const br = Q.re[k * n + j], bi = Q.im[k * n + j];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      re[i * n + j] = sr;
      im[i * n + j] = si;
    }
  }
  return { re, im, n };
}

/** U diag(lam) U†. */
export function withSpectrum(U: ComplexMatrix, lam: ArrayLike<number>): ComplexMatrix {
  const n = U.n;
  const D = { re: U.re.slice(), im: U.im.slice(), n };
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      D.re[i * n + k] *= lam[k];
      D.im[i * n + k] *= lam[k];
    }
  }
  // (U D)·U† = ((U†)† ...): form U† explicitly
  const Uh = { re: new Float64Array(n * n), im: new Float64Array(n * n), n };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      Uh.re[i * n + j] = U.re[j * n + i];
      Uh.im[i * n + j] = -U.im[j * n + i];
    }
  }
  return matmul(D, Uh, false);
}

/** Interleaved f32 (re, im) of `count` complex entries drawn in [−1, 1]. */
export const randomComplexF32 = (count: number, rnd: () => number) => Float32Array.from({ length: 2 * count }, () => 2 * rnd() - 1);

/**
 * Entry (i, j) of op(X)·diag(w)·op(Y) of matrix b, summed in f64 over the inner index [k0, k1), from
 * X, Y laid out as shaders/f32-gemm.wgsl reads them (op(X) [rows, depth], op(Y) [depth, cols]).
 */
export function gemmEntry(
  x: Float32Array, y: Float32Array, w: Float32Array | undefined,
  s: { rows: number; cols: number; depth: number; conjX: boolean; conjY: boolean },
  b: number, i: number, j: number, k0 = 0, k1 = s.depth,
): [number, number] {
  const { rows, cols, depth, conjX, conjY } = s;
  let sr = 0, si = 0;
  for (let k = k0; k < k1; k++) {
    const xa = 2 * (conjX ? (b * depth + k) * rows + i : (b * rows + i) * depth + k);
    const ya = 2 * (conjY ? (b * cols + j) * depth + k : (b * depth + k) * cols + j);
    const c = w ? w[b * depth + k] : 1;
    const xr = x[xa] * c, xi = (conjX ? -x[xa + 1] : x[xa + 1]) * c;
    const yr = y[ya], yi = conjY ? -y[ya + 1] : y[ya + 1];
    sr += xr * yr - xi * yi;
    si += xr * yi + xi * yr;
  }
  return [sr, si];
}
