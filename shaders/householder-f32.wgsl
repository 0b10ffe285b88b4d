// householder-f32.wgsl — reduces a batch of complex Hermitian matrices to real symmetric tridiagonal
// form T = D†Q†AQD by Householder reflections, all in f32, and keeps what the back-transformation
// (householder-back.wgsl) needs: the reflectors u_j, their scales τ_j and the diagonal phases δ_j.
// Q = H_0 H_1 ⋯ H_{m−2}, H_j = I − τ_j u_j u_j†; D = diag(δ) makes T's off-diagonal real and ≥ 0.
// Fast mode's graded Rayleigh–Ritz: C's eigenvectors are V = Q·D·Z with Z those of T
// (tridiagonal-ql.wgsl), H's eigenvalues those of T (tridiagonal-bisection.wgsl, df64).
//
// Numerics: x (the column below the diagonal) is scaled by a power of two to max |x_i| ~ 1 before
// its norm is taken: graded blocks have columns of 1e−15 and less, whose f32 squares would flush to
// zero; u_j and τ_j are those of the scaled x (τ u u† is the same). An all-zero column gives e_j = 0
// and τ_j = 0 (the identity), so a block-diagonal matrix with exact zeros across stays block-diagonal
// and each block keeps its own relative accuracy (~1e−7 of its norm, not of ‖A‖). δ is renormalized
// every step, so that D stays unitary to f32 rounding however many phases it multiplies.
// Same conventions as src/spectrum/f32-emulation.ts's f32HouseholderQL: u_j = x + (x_0/|x_0|)σ e_1
// (x_0/|x_0| = 1 where x_0 = 0), so H_j x = −(x_0/|x_0|)σ e_1; e_j = σ; δ_0 = 1,
// δ_{j+1} = −δ_j·x_0/|x_0| (δ_{j+1} = δ_j where σ = 0).
//
// Step j (A^{(j)} = A after j reflections, p_j = τ_j A^{(j)} u_j, w_j = p_j − (τ_j/2)(u_j†p_j) u_j, so
// that A^{(j+1)} = A^{(j)} − u_j w_j† − w_j u_j†), as householder-tridiagonal.wgsl (df64) does it:
//   1. row j of A^{(j)} from A^{(j−1)} and (u_{j−1}, w_{j−1}): its conjugate is column j, x = A_{j+1.., j};
//   2. σ = ‖x‖ (workgroup reductions), u_j, τ_j = 1/(σ(σ + |x_0|)), δ_{j+1};
//   3. one pass over the trailing block (rows and columns > j) that both applies step j−1's rank-2
//      update and accumulates p_j: the matrix is read and written once per step;
//   4. w_j from p_j and the reduction u_j†p_j; with KEEP, u_j goes to row j of `a` (free by now).
// Flops: 24 per trailing element per step (3 complex multiply–adds), 8m³ a matrix; the trailing
// block is read and written once a step: 16m³/3 bytes a matrix (5.3 GB at m = 1000).
//
// Buffers:
//   @binding(0) a:      array<vec2f> [B, m, m] row-major complex (re, im), matrix b at b·m·m; all B
//                       of size m (zero padding is harmless: its rows give d = e = 0, τ = 0) — read;
//                       overwritten: with KEEP, row j's entries j+1…m−1 hold u_j (the rest is scratch)
//   @binding(1) vecs:   array<vec2f> [B, 4, m] scratch: u of even and odd steps, w, p — written
//   @binding(2) tri:    array<vec4f> [B, m] (d_j, 0, e_j, 0), d_j = T_jj, e_j = T_{j+1,j} ≥ 0,
//                       e_{m−1} = 0 (tridiagonal-bisection.wgsl's df64 layout, low words 0) — written
//   @binding(3) refl:   array<vec4f> [B, m] (τ_j, 0, δ_j.re, δ_j.im); τ_{m−1} = 0; written with KEEP
//   @binding(4) params: { m: u32 } — uniform
//   @binding(5) sizes:  array<u32> [B] n_b ≤ m: only matrix b's leading n_b×n_b block is reduced (tri
//                       entries j ≥ n_b untouched) — fast mode's tiny blocks of H (ritz-tiny.wgsl) — read
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b); WG (a power of two) and KEEP are overrides.

override WG: u32 = 256u;
override KEEP: bool = true;

// columns each thread carries through a pass: independent loads in flight per row
const CPT: u32 = 4u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read_write> a: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> vecs: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> tri: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> refl: array<vec4f>;
@group(0) @binding(4) var<uniform> params: Params;
@group(0) @binding(5) var<storage, read> sizes: array<u32>;

var<workgroup> red: array<f32, WG>;
var<workgroup> x0shared: vec2f;

// x·conj(y)
fn c_mul_conj(x: vec2f, y: vec2f) -> vec2f {
  return vec2f(x.x * y.x + x.y * y.y, x.y * y.x - x.x * y.y);
}

fn c_mul(x: vec2f, y: vec2f) -> vec2f {
  return vec2f(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x);
}

// |z| without squaring tiny or huge parts
fn c_abs(z: vec2f) -> f32 {
  let s = max(abs(z.x), abs(z.y));
  if (s == 0.0) { return 0.0; }
  let t = z / s;
  return s * sqrt(dot(t, t));
}

// max (op 0) or sum (op 1) over the workgroup of each thread's v; every thread gets it
fn reduce(v: f32, op: u32, tid: u32) -> f32 {
  red[tid] = v;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (tid < s) {
      red[tid] = select(red[tid] + red[tid + s], max(red[tid], red[tid + s]), op == 0u);
    }
    workgroupBarrier();
  }
  let r = red[0];
  workgroupBarrier();
  return r;
}

@compute @workgroup_size(WG, 1, 1)
fn main(
  @builtin(workgroup_id) wid: vec3u,
  @builtin(local_invocation_id) lid: vec3u,
) {
  let m = params.m;
  let b = wid.x;
  let n = sizes[b];
  let tid = lid.x;
  let A0 = b * m * m;
  let V0 = b * 4u * m;
  let wp = V0 + 2u * m;
  let pp = V0 + 3u * m;
  for (var i = tid; i < 4u * m; i += WG) {
    vecs[V0 + i] = vec2f(0.0);
  }
  storageBarrier();
  workgroupBarrier();

  var delta = vec2f(1.0, 0.0); // δ_j (the same in every thread)
  for (var j = 0u; j < n; j++) {
    let up = V0 + ((j + 1u) % 2u) * m; // u_{j−1}
    let uc = V0 + (j % 2u) * m; // u_j, over u_{j−2}
    // 1. row j of A^{(j)}; its conjugate is column j: d_j and x
    let uj = vecs[up + j];
    let wj = vecs[wp + j];
    var xmax = 0.0;
    var dj = 0.0;
    for (var i = j + tid; i < n; i += WG) {
      let r = a[A0 + j * m + i] - (c_mul_conj(uj, vecs[wp + i]) + c_mul_conj(wj, vecs[up + i]));
      let x = vec2f(r.x, -r.y);
      if (i == j) {
        dj = x.x;
      } else {
        vecs[uc + i] = x;
        xmax = max(xmax, max(abs(x.x), abs(x.y)));
        if (i == j + 1u) { x0shared = x; }
      }
    }
    // 2. the reflector, from x scaled to max |x_i| in [1/2, 1)
    let mx = reduce(xmax, 0u, tid);
    var scale = 0.0;
    var unscale = 0.0;
    var norm2 = 0.0;
    if (mx > 0.0) {
      let ex = frexp(mx).exp;
      scale = ldexp(1.0, -ex);
      unscale = ldexp(1.0, ex);
      // (each thread rescales the entries it wrote in 1.: no storage barrier needed in between)
      for (var i = j + tid; i < n; i += WG) {
        if (i > j) {
          let x = vecs[uc + i] * scale;
          vecs[uc + i] = x;
          norm2 += dot(x, x);
        }
      }
    }
    let sigma2 = reduce(norm2, 1u, tid);
    // orders the scaling write of x_0 above before thread 0 replaces it by u_0 below
    storageBarrier();
    var tau = 0.0;
    var e = 0.0;
    if (mx > 0.0) {
      let x0 = x0shared * scale;
      let sigma = sqrt(sigma2);
      e = sigma * unscale;
      let x0abs = c_abs(x0);
      tau = 1.0 / (sigma * (sigma + x0abs));
      var phase = vec2f(1.0, 0.0);
      if (x0abs > 0.0) { phase = x0 / x0abs; }
      if (tid == 0u) { vecs[uc + j + 1u] = x0 + phase * sigma; }
      // T'_{j+1,j} = −phase·σ: δ_{j+1} = δ_j·(−phase), kept of modulus 1
      let next = -c_mul(delta, phase);
      if (KEEP && tid == 0u) { refl[b * m + j] = vec4f(tau, 0.0, delta); }
      delta = next / c_abs(next);
    } else if (KEEP && tid == 0u) {
      refl[b * m + j] = vec4f(0.0, 0.0, delta);
    }
    if (tid == 0u) {
      tri[b * m + j] = vec4f(dj, 0.0, e, 0.0);
      // u_j and w_j vanish at indices ≤ j (u_{j−2} and w_{j−1} reached down to j − 1 and j)
      vecs[uc + j] = vec2f(0.0);
      if (j > 0u) { vecs[uc + j - 1u] = vec2f(0.0); }
    }
    storageBarrier();
    workgroupBarrier();

    // 3. A^{(j)} over the trailing block, and p_j = τ A^{(j)} u_j; the dot u_j†p_j on the way
    var dt = 0.0;
    for (var c0 = j + 1u; c0 < n; c0 += WG * CPT) {
      var p: array<vec2f, CPT>;
      var wi: array<vec2f, CPT>;
      var ui: array<vec2f, CPT>;
      for (var c = 0u; c < CPT; c++) {
        let i = c0 + tid + c * WG;
        p[c] = vec2f(0.0);
        if (i < n) {
          wi[c] = vecs[wp + i];
          ui[c] = vecs[up + i];
        } else {
          wi[c] = vec2f(0.0);
          ui[c] = vec2f(0.0);
        }
      }
      for (var k = j + 1u; k < n; k++) {
        let uk = vecs[up + k];
        let wk = vecs[wp + k];
        let vk = vecs[uc + k];
        for (var c = 0u; c < CPT; c++) {
          let i = c0 + tid + c * WG;
          if (i < n) {
            let at = A0 + k * m + i;
            // A_ki −= u_k conj(w_i) + w_k conj(u_i); p_i += A_ik u_k = u_k conj(A_ki)
            let x = a[at] - (c_mul_conj(uk, wi[c]) + c_mul_conj(wk, ui[c]));
            a[at] = x;
            p[c] += c_mul_conj(vk, x);
          }
        }
      }
      for (var c = 0u; c < CPT; c++) {
        let i = c0 + tid + c * WG;
        if (i < n) {
          let pi = p[c] * tau;
          vecs[pp + i] = pi;
          dt += dot(pi, vecs[uc + i]); // Re(p_i conj(u_i))
        }
      }
    }
    // 4. w_j = p_j − (τ/2)(u_j†p_j) u_j (the reduction's barriers also end every read of w_{j−1});
    // thread tid takes the i it took in 3., so p_i is its own write
    let K = 0.5 * tau * reduce(dt, 1u, tid);
    if (tid == 0u) { vecs[wp + j] = vec2f(0.0); }
    for (var i = j + 1u + tid; i < n; i += WG) {
      let u = vecs[uc + i];
      vecs[wp + i] = vecs[pp + i] - u * K;
      if (KEEP) { a[A0 + j * m + i] = u; }
    }
    storageBarrier();
    workgroupBarrier();
  }
}
