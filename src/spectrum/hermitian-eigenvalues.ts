/**
 * Eigenvalues of a dense complex Hermitian matrix: Householder reduction to real symmetric
 * tridiagonal form (lower triangle only, rows contiguous), then implicit QL. O(n³), in place.
 */

/**
 * @param re, im  the matrix, row-major n×n; only the lower triangle (j ≤ i) is read. Overwritten.
 * @returns the n eigenvalues, ascending.
 */
export function hermitianEigenvalues(re: Float64Array, im: Float64Array, n: number): Float64Array {
  const diag = new Float64Array(n);
  const off = new Float64Array(n); // off[i] = |T_{i,i−1}|, off[0] unused
  tridiagonalize(re, im, n, diag, off);
  return tridiagonalEigenvalues(diag, off);
}

/**
 * Householder reduction of the Hermitian n×n (re, im) (lower triangle read, overwritten) to the real
 * symmetric tridiagonal T with diag[i] = T_ii, off[i] = |T_{i,i−1}| (off[0] unused).
 */
export function tridiagonalize(re: Float64Array, im: Float64Array, n: number, diag: Float64Array, off: Float64Array) {
  const vr = new Float64Array(n);
  const vi = new Float64Array(n);
  const pr = new Float64Array(n);
  const pi = new Float64Array(n);
  for (let k = 0; k < n - 1; k++) {
    diag[k] = re[k * n + k];
    const s = k + 1; // reflector acts on rows/cols s..n−1 and annihilates A[s+1.., k]
    let norm2 = 0;
    for (let i = s; i < n; i++) norm2 += re[i * n + k] ** 2 + im[i * n + k] ** 2;
    const x0r = re[s * n + k];
    const x0i = im[s * n + k];
    const x0abs = Math.hypot(x0r, x0i);
    const xnorm = Math.sqrt(norm2);
    if (xnorm === 0 || xnorm === x0abs && s === n - 1) {
      off[s] = x0abs;
      continue;
    }
    // v = x + e^{iθ}‖x‖ e_1 with e^{iθ} = x0/|x0|, so that H x = −e^{iθ}‖x‖ e_1 and |T_{s,k}| = ‖x‖
    const cr = x0abs > 0 ? x0r / x0abs : 1;
    const ci = x0abs > 0 ? x0i / x0abs : 0;
    for (let i = s; i < n; i++) {
      vr[i] = re[i * n + k];
      vi[i] = im[i * n + k];
    }
    vr[s] += cr * xnorm;
    vi[s] += ci * xnorm;
    let vnorm2 = 0;
    for (let i = s; i < n; i++) vnorm2 += vr[i] * vr[i] + vi[i] * vi[i];
    const beta = 2 / vnorm2;
    off[s] = xnorm;
    // p = β A v over the trailing block, from its lower triangle
    for (let i = s; i < n; i++) {
      pr[i] = 0;
      pi[i] = 0;
    }
    // two rows per pass, as in the update below
    let i = s;
    for (; i + 1 < n; i += 2) {
      const r0 = i * n;
      const r1 = r0 + n;
      const v0r = vr[i], v0i = vi[i], v1r = vr[i + 1], v1i = vi[i + 1];
      let a0r = re[r0 + i] * v0r;
      let a0i = re[r0 + i] * v0i;
      let a1r = re[r1 + i + 1] * v1r;
      let a1i = re[r1 + i + 1] * v1i;
      for (let j = s; j < i; j++) {
        const xr = re[r0 + j], xi = im[r0 + j], yr = re[r1 + j], yi = im[r1 + j];
        const vjr = vr[j], vji = vi[j];
        // A_ij v_j into p_i; conj(A_ij) v_i into p_j (rows i and i+1)
        a0r += xr * vjr - xi * vji;
        a0i += xr * vji + xi * vjr;
        a1r += yr * vjr - yi * vji;
        a1i += yr * vji + yi * vjr;
        pr[j] += xr * v0r + xi * v0i + yr * v1r + yi * v1i;
        pi[j] += xr * v0i - xi * v0r + yr * v1i - yi * v1r;
      }
      // A_{i+1,i}
      const yr = re[r1 + i], yi = im[r1 + i];
      a1r += yr * v0r - yi * v0i;
      a1i += yr * v0i + yi * v0r;
      pr[i] += a0r + yr * v1r + yi * v1i;
      pi[i] += a0i + yr * v1i - yi * v1r;
      pr[i + 1] += a1r;
      pi[i + 1] += a1i;
    }
    for (; i < n; i++) {
      const row = i * n;
      let accr = re[row + i] * vr[i];
      let acci = re[row + i] * vi[i];
      const vir = vr[i];
      const vii = vi[i];
      for (let j = s; j < i; j++) {
        const ar = re[row + j];
        const ai = im[row + j];
        accr += ar * vr[j] - ai * vi[j];
        acci += ar * vi[j] + ai * vr[j];
        pr[j] += ar * vir + ai * vii;
        pi[j] += ar * vii - ai * vir;
      }
      pr[i] += accr;
      pi[i] += acci;
    }
    let vpr = 0;
    let vpi = 0;
    for (let i = s; i < n; i++) {
      pr[i] *= beta;
      pi[i] *= beta;
      vpr += vr[i] * pr[i] + vi[i] * pi[i];
      vpi += vr[i] * pi[i] - vi[i] * pr[i];
    }
    // w = p − (β/2)(v†p) v ; A ← A − v w† − w v†
    const hr = 0.5 * beta * vpr;
    const hi = 0.5 * beta * vpi;
    for (let i = s; i < n; i++) {
      pr[i] -= hr * vr[i] - hi * vi[i];
      pi[i] -= hr * vi[i] + hi * vr[i];
    }
    // two rows per pass: each v_j, w_j loaded once for both
    i = s;
    for (; i + 1 < n; i += 2) {
      const r0 = i * n;
      const r1 = r0 + n;
      const v0r = vr[i], v0i = vi[i], w0r = pr[i], w0i = pi[i];
      const v1r = vr[i + 1], v1i = vi[i + 1], w1r = pr[i + 1], w1i = pi[i + 1];
      for (let j = s; j <= i; j++) {
        const wjr = pr[j], wji = pi[j], vjr = vr[j], vji = vi[j];
        re[r0 + j] -= v0r * wjr + v0i * wji + w0r * vjr + w0i * vji;
        im[r0 + j] -= v0i * wjr - v0r * wji + w0i * vjr - w0r * vji;
        re[r1 + j] -= v1r * wjr + v1i * wji + w1r * vjr + w1i * vji;
        im[r1 + j] -= v1i * wjr - v1r * wji + w1i * vjr - w1r * vji;
      }
      const j = i + 1;
      re[r1 + j] -= v1r * pr[j] + v1i * pi[j] + w1r * vr[j] + w1i * vi[j];
      im[r1 + j] -= v1i * pr[j] - v1r * pi[j] + w1i * vr[j] - w1r * vi[j];
    }
    for (; i < n; i++) {
      const row = i * n;
      const vir = vr[i];
      const vii = vi[i];
      const wir = pr[i];
      const wii = pi[i];
      for (let j = s; j <= i; j++) {
        re[row + j] -= vir * pr[j] + vii * pi[j] + wir * vr[j] + wii * vi[j];
        im[row + j] -= vii * pr[j] - vir * pi[j] + wii * vr[j] - wir * vi[j];
      }
    }
  }
  diag[n - 1] = re[(n - 1) * n + n - 1];
}

/** √(a² + b²): Math.hypot costs more than the rest of a QL step in V8; it is kept for the scales where the squares would leave the f64 range. */
function hypot(a: number, b: number): number {
  const s = a * a + b * b;
  return s > 1e-290 && s < 1e290 ? Math.sqrt(s) : Math.hypot(a, b);
}

/**
 * Implicit QL with Wilkinson shifts on the symmetric tridiagonal (d, e), e[i] coupling i−1 and i
 * (e[0] unused); d is overwritten. Ascending eigenvalues.
 */
export function tridiagonalEigenvalues(d: Float64Array, eIn: Float64Array): Float64Array {
  const n = d.length;
  const e = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i - 1] = eIn[i];
  // Deflation is tested against the matrix norm as well (as EISPACK's tql1 does), not only against
  // the two diagonal entries: a cluster of eigenvalues at rounding level (the exact zeros of a pure
  // state's block come out as ±1e-15 noise) otherwise needs |e| ≤ 1e-31 and QL can stall on it.
  // Dropping an |e| ≤ ε‖T‖ moves eigenvalues by no more than the reduction's own rounding.
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]));
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * Math.max(dd, norm)) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error("tridiagonal QL did not converge");
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i];
        const b = c * e[i];
        r = hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = 0;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return Float64Array.from(d).sort();
}
