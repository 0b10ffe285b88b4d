// householder-reduce.wgsl — what both Householder tridiagonalization kernels (householder-tridiagonal.wgsl,
// fused; householder-column.wgsl, the sequential part of the split) use within one workgroup per
// matrix: the workgroup's max and complex df64 sum, the df64 square root of a reflector's norm, and
// the making of a step's reflector (reflect_column).
// Not a kernel: prepended after df64.wgsl. Declares the override WG (threads per matrix, a power of
// two ≤ the device's workgroup size limit) and the workgroup scratch `red`, `x0shared`.

override WG: u32 = 256u;

var<workgroup> red: array<vec4f, WG>;
var<workgroup> x0shared: vec4f;

// √a for df64 a ≥ 0: f32 root, then one Newton step on the df64 remainder
fn df_sqrt(a: vec2f) -> vec2f {
  if (a.x <= 0.0) { return vec2f(0.0); }
  let x = sqrt(a.x);
  let r = df_add(a, -two_prod(x, x));
  return quick_two_sum(x, r.x / (2.0 * x));
}

// max over the workgroup of each thread's v; every thread gets it
fn reduce_max(v: f32, tid: u32) -> f32 {
  red[tid] = vec4f(v, 0.0, 0.0, 0.0);
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (tid < s) {
      red[tid].x = max(red[tid].x, red[tid + s].x);
    }
    workgroupBarrier();
  }
  let r = red[0].x;
  workgroupBarrier();
  return r;
}

// Σ over the workgroup of each thread's v (complex df64); every thread gets the sum
fn reduce(v: vec4f, tid: u32) -> vec4f {
  red[tid] = v;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (tid < s) {
      red[tid] = vec4f(df_add(red[tid].xy, red[tid + s].xy), df_add(red[tid].zw, red[tid + s].zw));
    }
    workgroupBarrier();
  }
  let r = red[0];
  workgroupBarrier();
  return r;
}

// Steps 1 and 2 of step j (householder-tridiagonal.wgsl's numbering), the same in both kernels: row j
// of A^{(j)} from the stored matrix and the L pending rank-2 updates (u_l, w_l) not yet applied to it
// (the fused kernel's panel; the split kernel's one update of step j − 1), pair q's u at
// `ub + q·stride` and w at `wb + q·stride`, gives d_j and x = A_{j+1.., j} (into u_j's slot `uc`);
// the reflector u_j from x scaled by a power of two to max |x_i| ~ 1: the graded blocks have columns
// of 1e−15 and less, whose squares would lose their lower words below the f32 range and leave the
// reflector unitary only to f32 accuracy (the reductions' barriers publish x0shared). Writes (d_j,
// e_j) to `out` and returns τ_j (the same in every thread). Reads the pending vectors at indices ≥ j
// only. Uses the kernel's bindings `a` (matrix b at A0, row stride m), `vecs` and `out`.
fn reflect_column(A0: u32, m: u32, n: u32, j: u32, b: u32, ub: u32, wb: u32, stride: u32, L: u32, uc: u32, tid: u32) -> vec2f {
  // 1. row j of A^{(j)}: A_{ji} − Σ_q (u_q[j] conj(w_q[i]) + w_q[j] conj(u_q[i])); its conjugate is
  // column j: d_j and x
  var xmax = 0.0;
  var dj = vec2f(0.0);
  for (var i = j + tid; i < n; i += WG) {
    var r = a[A0 + j * m + i];
    for (var q = 0u; q < L; q++) {
      let uq = ub + q * stride;
      let wq = wb + q * stride;
      r = c_sub(r, c_add(c_mul_conj(vecs[uq + j], vecs[wq + i]), c_mul_conj(vecs[wq + j], vecs[uq + i])));
    }
    let x = vec4f(r.xy, -r.zw);
    if (i == j) {
      dj = x.xy;
    } else {
      vecs[uc + i] = x;
      xmax = max(xmax, max(abs(x.x), abs(x.z)));
      if (i == j + 1u) { x0shared = x; }
    }
  }
  // 2. the reflector
  let mx = reduce_max(xmax, tid);
  var scale = 0.0;
  var unscale = 0.0;
  var norm2 = vec2f(0.0);
  if (mx > 1e-36) {
    let ex = frexp(mx).exp;
    scale = ldexp(1.0, -ex);
    unscale = ldexp(1.0, ex);
    for (var i = j + tid; i < n; i += WG) {
      if (i > j) {
        let x = vecs[uc + i] * scale;
        vecs[uc + i] = x;
        norm2 = df_add(norm2, df_add(df_mul(x.xy, x.xy), df_mul(x.zw, x.zw)));
      }
    }
  }
  let sigma2 = reduce(vec4f(norm2, 0.0, 0.0), tid).xy;
  // orders the scaling write of x_0 above before thread 0 replaces it by u_0 below
  storageBarrier();
  var tau = vec2f(0.0);
  var e = vec2f(0.0);
  if (j + 1u < n && mx > 1e-36) {
    let x0 = x0shared * scale;
    let sigma = df_sqrt(sigma2);
    e = sigma * unscale;
    let x0abs = df_sqrt(df_add(df_mul(x0.xy, x0.xy), df_mul(x0.zw, x0.zw)));
    tau = df_div(vec2f(1.0, 0.0), df_mul(sigma, df_add(sigma, x0abs)));
    if (tid == 0u) {
      if (x0abs.x > 0.0) {
        vecs[uc + j + 1u] = c_scale(x0, df_add(vec2f(1.0, 0.0), df_div(sigma, x0abs)));
      } else {
        vecs[uc + j + 1u] = vec4f(sigma, 0.0, 0.0);
      }
    }
  }
  if (tid == 0u) {
    out[b * m + j] = vec4f(dj, e);
    // u_j vanishes at indices ≤ j (the split kernel's slot held u_{j−2}, from index j − 1 on; nothing
    // reads u_j lower down)
    vecs[uc + j] = vec4f(0.0);
    if (j > 0u) { vecs[uc + j - 1u] = vec4f(0.0); }
  }
  return tau;
}
