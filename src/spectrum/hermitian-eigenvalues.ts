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

function tridiagonalize(re: Float64Array, im: Float64Array, n: number, diag: Float64Array, off: Float64Array) {
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
    for (let i = s; i < n; i++) {
      const row = i * n;
      let accr = re[row + i] * vr[i];
      let acci = re[row + i] * vi[i];
      const vir = vr[i];
      const vii = vi[i];
      for (let j = s; j < i; j++) {
        const ar = re[row + j];
        const ai = im[row + j];
        // A_ij v_j into p_i; conj(A_ij) v_i into p_j
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
    for (let i = s; i < n; i++) {
      const row = i * n;
      const vir = vr[i];
      const vii = vi[i];
      const wir = pr[i];
      const wii = pi[i];
      for (let j = s; j <= i; j++) {
        // v_i conj(w_j) + w_i conj(v_j)
        re[row + j] -= vir * pr[j] + vii * pi[j] + wir * vr[j] + wii * vi[j];
        im[row + j] -= vii * pr[j] - vir * pi[j] + wii * vr[j] - wir * vi[j];
      }
    }
  }
  diag[n - 1] = re[(n - 1) * n + n - 1];
}

/** Implicit QL with Wilkinson shifts on the symmetric tridiagonal (d, e), e[i] coupling i−1 and i. */
function tridiagonalEigenvalues(d: Float64Array, eIn: Float64Array): Float64Array {
  const n = d.length;
  const e = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i - 1] = eIn[i];
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error("tridiagonal QL did not converge");
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
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
