// householder-wy.wgsl — the compact-WY factor of each block of NB consecutive Householder reflectors
// (householder-f32.wgsl's, kept), for the blocked back-transformation (householder-back-blocked.wgsl):
// H_{j0} H_{j0+1} ⋯ H_{j0+NB−1} = I − Y T Y†, Y = [u_{j0} … u_{j0+NB−1}] (m × NB), T upper triangular:
// T_ii = τ_i and, column by column (forward, as LAPACK's larft), T_{0..i−1, i} = −τ_i T_{0..i−1, 0..i−1} G_{0..i−1, i}
// with the Gram matrix G = Y†Y (f32 sums over the rows). Reflectors j ≥ m, and those with τ = 0,
// give zero columns of T.
//
// Buffers:
//   @binding(0) a:      array<vec2f> [B, m, m]: u_j at a[(b·m + j)·m + i], i = j+1…m−1 — read
//   @binding(1) refl:   array<vec4f> [B, m] (τ_j, 0, δ_j.re, δ_j.im) — read
//   @binding(2) wy:     array<vec2f> [B, ⌈m/NB⌉, NB, NB]: T of block (b, blk) row-major — written
//   @binding(3) params: { m: u32 } — uniform
// Workgroup: (NB·NB, 1, 1), one per block: thread (l, i) = (tid / NB, tid % NB) makes G_li; workgroup
// x = blk, y = b. NB is fixed at 16 (householder-back-blocked.wgsl keeps NB values a thread in registers).

const NB: u32 = 16u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read> a: array<vec2f>;
@group(0) @binding(1) var<storage, read> refl: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> wy: array<vec2f>;
@group(0) @binding(3) var<uniform> params: Params;

// NB rows of Y at a time, [row][l]
var<workgroup> ys: array<vec2f, NB * NB>;
var<workgroup> gs: array<vec2f, NB * NB>;
var<workgroup> ts: array<vec2f, NB * NB>;

fn c_mul(x: vec2f, y: vec2f) -> vec2f {
  return vec2f(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x);
}

@compute @workgroup_size(NB * NB, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let m = params.m;
  let blk = wid.x;
  let b = wid.y;
  let tid = lid.x;
  let j0 = blk * NB;
  let l = tid / NB;
  let i = tid % NB;
  // G_li = u_l†u_i for l < i, over the rows > j0
  var g = vec2f(0.0);
  for (var r0 = j0 + 1u; r0 < m; r0 += NB) {
    // thread tid loads row r0 + tid % NB of u_{j0 + tid / NB}: consecutive threads, consecutive rows
    let r = r0 + i;
    let j = j0 + l;
    var y = vec2f(0.0);
    if (j < m && r > j && r < m) { y = a[(b * m + j) * m + r]; }
    ys[i * NB + l] = y;
    workgroupBarrier();
    if (l < i) {
      for (var rr = 0u; rr < NB; rr++) {
        let x = ys[rr * NB + l];
        g += c_mul(vec2f(x.x, -x.y), ys[rr * NB + i]);
      }
    }
    workgroupBarrier();
  }
  gs[tid] = g;
  var tau = 0.0;
  if (j0 + i < m) { tau = refl[b * m + j0 + i].x; }
  ts[tid] = select(vec2f(0.0), vec2f(tau, 0.0), l == i);
  workgroupBarrier();
  // T column by column; thread l < c makes T_lc (T is upper triangular: the sum runs over l ≤ k < c)
  for (var c = 1u; c < NB; c++) {
    if (tid < c) {
      var s = vec2f(0.0);
      for (var k = tid; k < c; k++) {
        s += c_mul(ts[tid * NB + k], gs[k * NB + c]);
      }
      ts[tid * NB + c] = -s * ts[c * NB + c].x;
    }
    workgroupBarrier();
  }
  let nblocks = (m + NB - 1u) / NB;
  wy[(b * nblocks + blk) * NB * NB + tid] = ts[tid];
}
