/**
 * f32 emulation (Float32Array storage, Math.fround on every product and sum) of what fast mode's GPU
 * kernels do: the f32 products of shaders/f32-gemm.wgsl, the Householder reduction of
 * shaders/householder-f32.wgsl and the implicit QL of shaders/tridiagonal-ql.wgsl. For pinning the
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
 * Householder reduction of a complex Hermitian matrix to a real symmetric tridiagonal T = Q†AQ in
 * f32 (LAPACK's way; shaders/householder-f32.wgsl on the GPU): d = T's diagonal, e[k] = T_{k+1,k} ≥ 0;
 * with `withQ`, Q (the reflectors accumulated, each off-diagonal's phase moved into Q's columns).
 */
export function f32Tridiagonal(A0: F32Matrix, withQ: boolean): { d: Float32Array; e: Float32Array; Q?: F32Matrix } {
  const n = A0.rows;
  const re = Float32Array.from(A0.re), im = Float32Array.from(A0.im);
  const Q = withQ ? f32Matrix(n, n) : undefined;
  if (Q) for (let i = 0; i < n; i++) Q.re[i * n + i] = 1;
  const d = new Float32Array(n), eRe = new Float32Array(n), eIm = new Float32Array(n);
  const vr = new Float32Array(n), vi = new Float32Array(n), pr = new Float32Array(n), pi = new Float32Array(n);
  for (let k = 0; k < n - 1; k++) {
    // x = A[k+1.., k]
    // σ = ‖x‖ from x scaled by a power of two to max |x_i| ~ 1, as the GPU kernel does: a graded
    // block's columns of 1e−20 would flush to 0 when squared in f32
    let mx = 0;
    for (let i = k + 1; i < n; i++) mx = Math.max(mx, Math.abs(re[i * n + k]), Math.abs(im[i * n + k]));
    const sc = mx > 0 ? 2 ** -(Math.floor(Math.log2(mx)) + 1) : 1;
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) {
      const xr = f(re[i * n + k] * sc), xi = f(im[i * n + k] * sc);
      norm2 = f(norm2 + f(f(xr * xr) + f(xi * xi)));
    }
    const sigma = f(f(Math.sqrt(norm2)) / sc);
    const x0r = re[(k + 1) * n + k], x0i = im[(k + 1) * n + k];
    const x0abs = f(Math.hypot(x0r, x0i));
    if (sigma === 0) { eRe[k] = 0; eIm[k] = 0; continue; }
    const ph_r = x0abs > 0 ? f(x0r / x0abs) : 1, ph_i = x0abs > 0 ? f(x0i / x0abs) : 0;
    // alpha = −phase·σ; v = x − alpha e1 = x + phase·σ e1
    for (let i = 0; i < n; i++) { vr[i] = 0; vi[i] = 0; }
    for (let i = k + 1; i < n; i++) { vr[i] = re[i * n + k]; vi[i] = im[i * n + k]; }
    vr[k + 1] = f(vr[k + 1] + f(ph_r * sigma)); vi[k + 1] = f(vi[k + 1] + f(ph_i * sigma));
    eRe[k] = f(-ph_r * sigma); eIm[k] = f(-ph_i * sigma);
    const tau = f(1 / f(sigma * f(sigma + x0abs))); // H = I − τ v v†
    // p = τ A v (trailing block)
    for (let i = k + 1; i < n; i++) {
      let sr = 0, si = 0;
      for (let j = k + 1; j < n; j++) {
        const ar = re[i * n + j], ai = im[i * n + j];
        sr = f(sr + f(f(ar * vr[j]) - f(ai * vi[j])));
        si = f(si + f(f(ar * vi[j]) + f(ai * vr[j])));
      }
      pr[i] = f(tau * sr); pi[i] = f(tau * si);
    }
    // K = τ/2 v†p (real for Hermitian A)
    let kr = 0;
    for (let i = k + 1; i < n; i++) kr = f(kr + f(f(vr[i] * pr[i]) + f(vi[i] * pi[i])));
    kr = f(f(tau * 0.5) * kr);
    // w = p − K v; A ← A − v w† − w v†
    for (let i = k + 1; i < n; i++) { pr[i] = f(pr[i] - f(kr * vr[i])); pi[i] = f(pi[i] - f(kr * vi[i])); }
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) {
        // v_i conj(w_j) + w_i conj(v_j)
        const ur = f(f(f(vr[i] * pr[j]) + f(vi[i] * pi[j])) + f(f(pr[i] * vr[j]) + f(pi[i] * vi[j])));
        const ui = f(f(f(vi[i] * pr[j]) - f(vr[i] * pi[j])) + f(f(pi[i] * vr[j]) - f(pr[i] * vi[j])));
        re[i * n + j] = f(re[i * n + j] - ur); im[i * n + j] = f(im[i * n + j] - ui);
      }
    }
    if (!Q) continue;
    // Q ← Q (I − τ v v†)
    for (let r = 0; r < n; r++) {
      let sr = 0, si = 0;
      for (let j = k + 1; j < n; j++) {
        const qr = Q.re[r * n + j], qi = Q.im[r * n + j];
        sr = f(sr + f(f(qr * vr[j]) - f(qi * vi[j])));
        si = f(si + f(f(qr * vi[j]) + f(qi * vr[j])));
      }
      sr = f(tau * sr); si = f(tau * si);
      for (let j = k + 1; j < n; j++) {
        // Q_rj −= s conj(v_j)
        Q.re[r * n + j] = f(Q.re[r * n + j] - f(f(sr * vr[j]) + f(si * vi[j])));
        Q.im[r * n + j] = f(Q.im[r * n + j] - f(f(si * vr[j]) - f(sr * vi[j])));
      }
    }
  }
  for (let i = 0; i < n; i++) d[i] = re[i * n + i];
  // make the off-diagonal real: T_{k+1,k} = e_k = |e_k| phase_k; D = diag(δ), δ_0 = 1, δ_{k+1} = δ_k·phase_k
  const e = new Float32Array(n);
  let dr = 1, di = 0;
  const scaleCol = (c: number, ar: number, ai: number) => {
    if (!Q) return;
    for (let r = 0; r < n; r++) {
      const qr = Q.re[r * n + c], qi = Q.im[r * n + c];
      Q.re[r * n + c] = f(f(qr * ar) - f(qi * ai)); Q.im[r * n + c] = f(f(qr * ai) + f(qi * ar));
    }
  };
  for (let k = 0; k < n - 1; k++) {
    const a = f(Math.hypot(eRe[k], eIm[k]));
    e[k] = a;
    const phr = a > 0 ? f(eRe[k] / a) : 1, phi = a > 0 ? f(eIm[k] / a) : 0;
    const nr = f(f(dr * phr) - f(di * phi)), ni = f(f(dr * phi) + f(di * phr));
    dr = nr; di = ni;
    scaleCol(k + 1, dr, di);
  }
  return { d, e, Q };
}

/** f32 unit roundoff, and the floor of tridiagonal-ql.wgsl's deflation test (values far below it deflate too) */
const EPS = f(2 ** -24);
const FLOOR = f(2 ** -63);

/** |(a, b)| in f32 without squaring tiny or huge parts, as tridiagonal-ql.wgsl does */
function hyp(a: number, b: number): number {
  const big = Math.max(Math.abs(a), Math.abs(b));
  const small = Math.min(Math.abs(a), Math.abs(b));
  if (small === 0) return big;
  const q = f(small / big);
  return f(big * f(Math.sqrt(f(1 + f(q * q)))));
}

/** What one QL run did: sweeps, rotations, most sweeps on one value, whether one hit the cap, and each sweep's (l, n, lo). */
export interface QLStats {
  sweeps: number;
  rotations: number;
  most: number;
  failed: boolean;
  spans: [number, number, number][];
}

/**
 * shaders/tridiagonal-ql.wgsl's implicit QL with Wilkinson shifts on the f32 tridiagonal (d, e) (e[k]
 * couples k and k+1; d is overwritten with the values, unsorted): its deflation test
 * |e_k| ≤ ε(|d_k| + |d_{k+1}|) + 2⁻⁶³, its cap of `maxIter` sweeps on one value (then deflated as it
 * stands, `failed`), and its rotations, each applied as σ·z plus an increment (σ = ±1, c − σ =
 * −σs²/(1 + |c|): orthogonal even where c rounds to ±1) to Q's columns where given, which end
 * normalized as the kernel normalizes Z's.
 */
export function f32QL(d: Float32Array, e0: ArrayLike<number>, Q?: F32Matrix, maxIter = 30): QLStats {
  const m = d.length;
  const e = Float32Array.from(e0);
  e[m - 1] = 0;
  const rot = new Float32Array(3 * m); // (s, c − σ, σ) per rotation, as the kernel stores them
  const stats: QLStats = { sweeps: 0, rotations: 0, most: 0, failed: false, spans: [] };
  for (let l = 0; l < m; l++) {
    let iter = 0;
    for (;;) {
      let n = l;
      for (; n + 1 < m; n++) if (Math.abs(e[n]) <= f(f(EPS * f(Math.abs(d[n]) + Math.abs(d[n + 1]))) + FLOOR)) break;
      if (n === l) {
        stats.most = Math.max(stats.most, iter);
        break;
      }
      if (iter === maxIter) {
        stats.failed = true;
        e[l] = 0;
        continue;
      }
      iter++;
      stats.sweeps++;
      let g = f(f(d[l + 1] - d[l]) / f(2 * e[l]));
      let r = hyp(g, 1);
      g = f(f(d[n] - d[l]) + f(e[l] / f(g + (g >= 0 ? r : -r))));
      let s = 1, c = 1, p = 0, lo = l, broken = false;
      for (let i = n; i > l; i--) {
        const k = i - 1;
        const fk = f(s * e[k]);
        const bk = f(c * e[k]);
        r = hyp(fk, g);
        e[i] = r;
        if (r === 0) {
          d[i] = f(d[i] - p);
          e[n] = 0;
          broken = true;
          lo = i;
          break;
        }
        s = f(fk / r);
        c = f(g / r);
        g = f(d[i] - p);
        r = f(f(f(d[k] - g) * s) + f(f(2 * c) * bk));
        p = f(s * r);
        d[i] = f(g + p);
        g = f(f(c * r) - bk);
        const sigma = c >= 0 ? 1 : -1;
        rot[3 * k] = s;
        rot[3 * k + 1] = f(-sigma * f(f(s * s) / f(1 + Math.abs(c))));
        rot[3 * k + 2] = sigma;
      }
      if (!broken) {
        d[l] = f(d[l] - p);
        e[l] = g;
        e[n] = 0;
      }
      stats.rotations += n - lo;
      if (lo < n) stats.spans.push([l, n, lo]);
      // columns lo … n of Q, rotation i = n … lo + 1 in the sweep's order (row by row, as the kernel's threads)
      for (let row = 0; Q && row < m; row++) {
        for (const part of [Q.re, Q.im]) {
          let z1 = part[row * m + n];
          for (let i = n; i > lo; i--) {
            const z0 = part[row * m + i - 1];
            const sn = rot[3 * i - 3], cd = rot[3 * i - 2], sigma = rot[3 * i - 1];
            part[row * m + i] = f(sigma * z1 + f(f(sn * z0) + f(cd * z1)));
            z1 = f(sigma * z0 + f(f(cd * z0) - f(sn * z1)));
          }
          part[row * m + lo] = z1;
        }
      }
    }
  }
  for (let k = 0; Q && k < m; k++) {
    let sum = 0;
    for (let r = 0; r < m; r++) sum += Q.re[r * m + k] ** 2 + Q.im[r * m + k] ** 2;
    const scale = f(1 / f(Math.sqrt(sum)));
    for (let r = 0; r < m; r++) {
      Q.re[r * m + k] = f(Q.re[r * m + k] * scale);
      Q.im[r * m + k] = f(Q.im[r * m + k] * scale);
    }
  }
  return stats;
}

/**
 * Eigenpairs of a complex Hermitian matrix in f32: f32Tridiagonal, then f32QL on Q (the GPU's QL). Values unsorted;
 * V: column i is the eigenvector of value i (~(16/3 + 6)K³ flops against Jacobi's ~48·sweeps·K³).
 */
export function f32HouseholderQL(A0: F32Matrix): { values: Float64Array; V: F32Matrix } {
  const { d, e, Q } = f32Tridiagonal(A0, true);
  f32QL(d, e, Q);
  return { values: Float64Array.from(d), V: Q! };
}
