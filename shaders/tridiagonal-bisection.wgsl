// tridiagonal-bisection.wgsl — every eigenvalue of a batch of real symmetric tridiagonal matrices
// (householder-tridiagonal.wgsl's output) by bisection on Sturm counts, in double-float
// (df64.wgsl, prepended), one thread per eigenvalue.
//
// The count of eigenvalues below x is the number of negative pivots of T − x (q_0 = d_0 − x,
// q_i = d_i − x − e_i²/q_{i−1}); in df64 it is exact for a matrix within ~2⁻⁴⁶‖T‖ of T (Kahan), so
// the k-th eigenvalue comes out to ~1e−14 absolute, near 0 and 1 alike, after 52 halvings of the
// Gershgorin interval. Why here and not by QL on the host: QL costs ~25 ms of one core per K = 1000
// block, a quarter of the host's share per (Γ, t) point; on the GPU the bisections of a whole batch
// cost less than its reduction.
//
// Buffers:
//   @binding(0) tri:    array<vec4f> [B, m] (d_j.hi, d_j.lo, e_j.hi, e_j.lo), e_j = |T_{j+1,j}| — read
//   @binding(1) sizes:  array<u32> [B] each matrix's own size n_b ≤ m — read
//   @binding(2) eig:    array<vec2f> [B, m] eigenvalue k of matrix b (df64), ascending in k; entries
//                       k ≥ n_b untouched — written
//   @binding(3) params: { m: u32 } — uniform
// Workgroup: (WG, 1, 1) over k; workgroup y = b.

const WG: u32 = 64u;
const HALVINGS: u32 = 52u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read> tri: array<vec4f>;
@group(0) @binding(1) var<storage, read> sizes: array<u32>;
@group(0) @binding(2) var<storage, read_write> eig: array<vec2f>;
@group(0) @binding(3) var<uniform> params: Params;

fn df_lt(a: vec2f, b: vec2f) -> bool {
  return a.x < b.x || (a.x == b.x && a.y < b.y);
}

// the number of eigenvalues of matrix `base` (size n) below x
fn count_below(base: u32, n: u32, x: vec2f, pivmin: f32) -> u32 {
  // each pivot is clamped away from 0 before it is counted and divided by (as LAPACK's dstebz)
  var q = df_add(tri[base].xy, -x);
  if (abs(q.x) < pivmin) { q = vec2f(-pivmin, 0.0); }
  var c = select(0u, 1u, q.x < 0.0);
  for (var i = 1u; i < n; i++) {
    let t = tri[base + i];
    let e = tri[base + i - 1u].zw;
    q = df_add(df_add(t.xy, -x), -df_div(df_mul(e, e), q));
    if (abs(q.x) < pivmin) { q = vec2f(-pivmin, 0.0); }
    c += select(0u, 1u, q.x < 0.0);
  }
  return c;
}

@compute @workgroup_size(WG, 1, 1)
fn main(
  @builtin(global_invocation_id) gid: vec3u,
  @builtin(num_workgroups) nwg: vec3u,
) {
  df64_init(nwg);
  let m = params.m;
  let b = gid.y;
  let k = gid.x;
  let n = sizes[b];
  if (k >= n) { return; }
  let base = b * m;
  // Gershgorin interval, widened a little so that its ends are strict bounds
  var lo = 1e30;
  var hi = -1e30;
  var emax = 0.0;
  for (var i = 0u; i < n; i++) {
    let t = tri[base + i];
    var r = abs(t.z);
    if (i > 0u) { r += abs(tri[base + i - 1u].z); }
    lo = min(lo, t.x - r);
    hi = max(hi, t.x + r);
    emax = max(emax, abs(t.z));
  }
  // (the bounds come from the f32 upper words: pad by far more than the lower words can add)
  let pad = 1e-6 * max(hi - lo, max(abs(lo), abs(hi))) + 1e-30;
  var a = vec2f(lo - pad, 0.0);
  var z = vec2f(hi + pad, 0.0);
  let pivmin = max(1e-36, 1e-30 * emax * emax);
  // invariant: count_below(a) ≤ k < count_below(z)
  for (var it = 0u; it < HALVINGS; it++) {
    let mid = df_mul_f(df_add(a, z), 0.5);
    if (!df_lt(a, mid) || !df_lt(mid, z)) { break; }
    if (count_below(base, n, mid, pivmin) > k) {
      z = mid;
    } else {
      a = mid;
    }
  }
  eig[base + k] = df_mul_f(df_add(a, z), 0.5);
}
