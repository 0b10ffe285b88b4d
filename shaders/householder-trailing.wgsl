// householder-trailing.wgsl — the O(n²) part of step j of the split Householder tridiagonalization
// (householder-column.wgsl has the rest and the why), over many workgroups per matrix, in double-float
// (df64.wgsl, prepended): a workgroup owns 64 columns i > j of the trailing block and a range of ROWS
// rows k > j, and
//   3. applies step j − 1's rank-2 update there, A_ki −= u_k conj(w_i) + w_k conj(u_i),
//      and forms its part of Σ_k A_ik u_k (u = u_j) for each of its columns,
// as the fused kernel's pass does for whole columns; the next column kernel adds the row ranges'
// parts in order (and scales by τ_j). Both directions split so that one K = 4000 block gives ~1000
// workgroups a step, not 63.
//
// Buffers:
//   @binding(0) a:      array<vec4f> [B, m, m] complex df64 — read, written (the trailing block)
//   @binding(1) sizes:  array<u32> [B] n_b ≤ m — read
//   @binding(2) vecs:   array<vec4f> [B, 4, m] u of even and odd steps, w, p — read
//   @binding(3) parts:  array<vec4f> [B, R, m] row range r's part of Σ_k A_ik u_k at column i — written
//   @binding(4) params: { m, j, R } — uniform (one slot per step)
// Workgroup: (64, 1, 1) over 64 columns; workgroup x = column chunk, y = row range r (< R = ⌈m/ROWS⌉),
// z = matrix b.

const WT: u32 = 64u;
// rows per workgroup (an override constant: tests set fewer to run several row ranges at small m)
override ROWS: u32 = 256u;

struct Params {
  m: u32,
  j: u32,
  R: u32,
}

@group(0) @binding(0) var<storage, read_write> a: array<vec4f>;
@group(0) @binding(1) var<storage, read> sizes: array<u32>;
@group(0) @binding(2) var<storage, read> vecs: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> parts: array<vec4f>;
@group(0) @binding(4) var<uniform> params: Params;

@compute @workgroup_size(WT, 1, 1)
fn main(
  @builtin(workgroup_id) wid: vec3u,
  @builtin(local_invocation_id) lid: vec3u,
  @builtin(num_workgroups) nwg: vec3u,
) {
  df64_init(nwg);
  let m = params.m;
  let j = params.j;
  let b = wid.z;
  let n = sizes[b];
  let i = j + 1u + wid.x * WT + lid.x;
  if (i >= n) { return; }
  let A0 = b * m * m;
  let V0 = b * 4u * m;
  let wp = V0 + 2u * m;
  let up = V0 + ((j + 1u) % 2u) * m; // u_{j−1}
  let uc = V0 + (j % 2u) * m; // u_j
  let wi = vecs[wp + i];
  let ui = vecs[up + i];
  var p = vec4f(0.0);
  // every row range writes its part, an empty one 0, so that the column kernel may add all R
  let k1 = min(n, j + 1u + (wid.y + 1u) * ROWS);
  for (var k = j + 1u + wid.y * ROWS; k < k1; k++) {
    let at = A0 + k * m + i;
    // A_ki −= u_k conj(w_i) + w_k conj(u_i); p_i += A_ik u_k = u_k conj(A_ki)
    let x = c_sub(a[at], c_add(c_mul_conj(vecs[up + k], wi), c_mul_conj(vecs[wp + k], ui)));
    a[at] = x;
    p = c_add(p, c_mul_conj(vecs[uc + k], x));
  }
  parts[(b * params.R + wid.y) * m + i] = p;
}
