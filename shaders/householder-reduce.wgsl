// householder-reduce.wgsl — what both Householder tridiagonalization kernels (householder-tridiagonal.wgsl,
// fused; householder-column.wgsl, the sequential part of the split) use within one workgroup per
// matrix: the workgroup's max and complex df64 sum, and the df64 square root of a reflector's norm.
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
