// householder-back.wgsl — the eigenvectors of a batch of complex Hermitian matrices A from those of
// their real tridiagonal forms T = D†Q†AQD (householder-f32.wgsl): V = Q·D·Z = H_0 H_1 ⋯ H_{m−2}·D·Z,
// in f32. Column k of V is D·(column k of Z) with the reflectors H_j = I − τ_j u_j u_j† applied
// last one first: y ← y − τ_j u_j (u_j†y). Columns are independent: one thread per column, the
// threads of a workgroup on consecutive columns (coalesced rows of V); every thread reads the same
// u_j (a broadcast).
//
// Numerics: each H_j is unitary to f32 rounding (u_j, τ_j of a norm taken after power-of-two
// scaling), so V†V = I to ~m·u and V†AV = diag to ~m·u·‖A‖; the dot u_j†y is a plain f32 sum.
// Flops: 16 per reflector entry per column (u†y and the update, 8 each), ~8m³ a matrix; V is
// streamed three times per reflector (read for u†y, read and written for the update): 12m³ bytes a
// matrix (12 GB at m = 1000; householder-back-blocked.wgsl streams it 16× less often).
//
// Buffers:
//   @binding(0) a:      array<vec2f> [B, m, m] householder-f32.wgsl's output (KEEP): u_j at
//                       a[(b·m + j)·m + i], i = j+1…m−1 — read
//   @binding(1) refl:   array<vec4f> [B, m] (τ_j, 0, δ_j.re, δ_j.im) — read
//   @binding(2) z:      array<f32> [B, m, m] row-major, z[(b·m + r)·m + k] = component r of T's
//                       eigenvector k — read
//   @binding(3) v:      array<vec2f> [B, m, m] row-major complex, v[(b·m + r)·m + k] = component r
//                       of A's eigenvector k — written
//   @binding(4) params: { m: u32 } — uniform
// Workgroup: (WG, 1, 1) over columns k; workgroup y = b. WG is an override constant.

override WG: u32 = 64u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read> a: array<vec2f>;
@group(0) @binding(1) var<storage, read> refl: array<vec4f>;
@group(0) @binding(2) var<storage, read> z: array<f32>;
@group(0) @binding(3) var<storage, read_write> v: array<vec2f>;
@group(0) @binding(4) var<uniform> params: Params;

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let m = params.m;
  let k = gid.x;
  let b = gid.y;
  if (k >= m) { return; }
  let M0 = b * m * m;
  // y = D·z_k
  for (var r = 0u; r < m; r++) {
    let d = refl[b * m + r].zw;
    v[M0 + r * m + k] = d * z[M0 + r * m + k];
  }
  // y ← H_j y, j = m−2 … 0
  for (var jj = 1u; jj < m; jj++) {
    let j = m - 1u - jj;
    let tau = refl[b * m + j].x;
    if (tau == 0.0) { continue; }
    let U0 = M0 + j * m;
    var s = vec2f(0.0);
    for (var i = j + 1u; i < m; i++) {
      let u = a[U0 + i];
      let y = v[M0 + i * m + k];
      // conj(u)·y
      s += vec2f(u.x * y.x + u.y * y.y, u.x * y.y - u.y * y.x);
    }
    s *= tau;
    for (var i = j + 1u; i < m; i++) {
      let u = a[U0 + i];
      let at = M0 + i * m + k;
      v[at] -= vec2f(u.x * s.x - u.y * s.y, u.x * s.y + u.y * s.x);
    }
  }
}
