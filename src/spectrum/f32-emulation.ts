/**
 * f32 emulation (Float32Array storage, Math.fround on every product and sum) of what fast mode's GPU
 * kernels do: cyclic Jacobi eigenpairs of a complex Hermitian matrix with the rotation of
 * shaders/jacobi-rotation.wgsl, and the f32 products of shaders/f32-gemm.wgsl. For pinning the
 * numbers of src/spectrum/graded-ritz.ts on the CPU at sizes SwiftShader cannot run.
 */
const f = Math.fround;

/** A complex matrix, rows × cols, row-major, re/im split, f32. */
export interface F32Matrix {
  rows: number;
  cols: number;
  re: Float32Array;
  im: Float32Array;
}

export function f32Matrix(rows: number, cols: number): F32Matrix {
  return { rows, cols, re: new Float32Array(rows * cols), im: new Float32Array(rows * cols) };
}

/**
 * Z = X·diag(w)·Y† (`conjY`; Y is [cols, depth]) or X·diag(w)·Y (Y is [depth, cols]), X [rows, depth],
 * w (length depth; omitted: ones), with one compensated f32 sum per entry in order of depth, as one
 * thread of shaders/f32-gemm.wgsl accumulates it: fl(x·w), then the complex product, then the sum.
 */
export function f32Gemm(X: F32Matrix, Y: F32Matrix, conjY: boolean, w?: Float32Array): F32Matrix {
  const rows = X.rows, depth = X.cols;
  const cols = conjY ? Y.rows : Y.cols;
  const out = f32Matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      // compensated (Kahan) sums: a plain f32 sum over N = 2001 terms errs by ~u·√N relatively, which
      // costs 6e-5 in S at K = 1000 (2e-5 at K = 512; 1e-6 with exact sums)
      let sr = 0, si = 0, cr = 0, ci = 0;
      for (let k = 0; k < depth; k++) {
        let ar = X.re[i * depth + k], ai = X.im[i * depth + k];
        if (w) {
          ar = f(ar * w[k]);
          ai = f(ai * w[k]);
        }
        const ya = conjY ? j * depth + k : k * cols + j;
        const br = Y.re[ya], bi = conjY ? -Y.im[ya] : Y.im[ya];
        const yr = f(f(f(ar * br) - f(ai * bi)) - cr);
        const yi = f(f(f(ar * bi) + f(ai * br)) - ci);
        const tr = f(sr + yr), ti = f(si + yi);
        cr = f(f(tr - sr) - yr);
        ci = f(f(ti - si) - yi);
        sr = tr;
        si = ti;
      }
      out.re[i * cols + j] = sr;
      out.im[i * cols + j] = si;
    }
  }
  return out;
}

/**
 * Cyclic Jacobi on the Hermitian n×n matrix `a` (overwritten) in f32; returns the diagonal (the
 * eigenvalues, unsorted) and, with `vectors`, V (column i: the eigenvector of value i). Stops after
 * `sweeps` sweeps, or earlier once no off-diagonal entry exceeded `tol` in a sweep (a GPU runs all
 * its sweeps; later ones change the entries by less than `tol`).
 */
export function f32Jacobi(a: F32Matrix, sweeps: number, vectors: boolean, tol = 1e-12): { values: Float64Array; V?: F32Matrix; sweeps: number } {
  const n = a.rows;
  const { re, im } = a;
  const V = vectors ? f32Matrix(n, n) : undefined;
  if (V) for (let i = 0; i < n; i++) V.re[i * n + i] = 1;
  let done = 0;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let big = 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const br = re[p * n + q], bi = im[p * n + q];
        const app = re[p * n + p], aqq = re[q * n + q];
        const bmax = Math.max(Math.abs(br), Math.abs(bi));
        big = Math.max(big, bmax);
        if (!(bmax > 1e-30 * (Math.abs(app) + Math.abs(aqq)) && bmax > 0)) continue;
        // jacobi-rotation.wgsl, in f32
        const sr = f(br / bmax), si = f(bi / bmax);
        const bl = f(Math.sqrt(f(f(sr * sr) + f(si * si))));
        const babs = f(bmax * bl);
        const phr = f(sr / bl), phi = f(si / bl);
        const tau = f(f(aqq - app) / f(2 * babs));
        const t = Math.abs(tau) > 1e18 ? f(0.5 / tau) : f((tau >= 0 ? 1 : -1) / f(Math.abs(tau) + f(Math.sqrt(f(1 + f(tau * tau))))));
        const c = f(1 / Math.sqrt(f(1 + f(t * t))));
        const s = f(t * c);
        const tb = f(t * babs);
        // columns p, q of A·J, J = diag(e^{iφ}, 1)·[[c, s], [−s, c]] (rows follow by symmetry):
        // e^{iφ}c·x − s·y, e^{iφ}s·x + c·y, as jacobi-round.wgsl and jacobi-vectors.wgsl write it
        // (when c rounds to 1 this grows norms by 1 + t²; graded-ritz.ts's T̃ takes that out)
        const cr = f(phr * c), ci = f(phi * c), er = f(phr * s), ei = f(phi * s);
        const rotate = (M: F32Matrix, k: number, stride: number) => {
          const xr = M.re[k * stride + p], xi = M.im[k * stride + p], yr = M.re[k * stride + q], yi = M.im[k * stride + q];
          M.re[k * stride + p] = f(f(f(cr * xr) - f(ci * xi)) - f(s * yr));
          M.im[k * stride + p] = f(f(f(cr * xi) + f(ci * xr)) - f(s * yi));
          M.re[k * stride + q] = f(f(f(er * xr) - f(ei * xi)) + f(c * yr));
          M.im[k * stride + q] = f(f(f(er * xi) + f(ei * xr)) + f(c * yi));
        };
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          rotate(a, k, n);
          re[p * n + k] = re[k * n + p];
          im[p * n + k] = -im[k * n + p];
          re[q * n + k] = re[k * n + q];
          im[q * n + k] = -im[k * n + q];
        }
        re[p * n + p] = f(app - tb);
        re[q * n + q] = f(aqq + tb);
        re[p * n + q] = im[p * n + q] = re[q * n + p] = im[q * n + p] = 0;
        if (V) for (let k = 0; k < n; k++) rotate(V, k, n);
      }
    }
    done = sweep + 1;
    if (big <= tol) break;
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = re[i * n + i];
  return { values, V, sweeps: done };
}
