// ritz-diagonal.wgsl — fast mode's Ritz values outside the tiny blocks (src/spectrum/graded-ritz.ts,
// ritzDiagonal): H's diagonal without H. With T̃ = (3I − M)/2 and Gc (G = P·diag(n)·P† on the low and
// middle groups, Ḡ = P·diag(1 − n)·P† on the high one), H_ii = (T̃·Gc·T̃)_ii = T̃_ii²·Gc_ii up to terms
// second order in u (graded-ritz.ts gives the bounds), so per matrix b and index i:
//   G_ii = Σ_k |P_ik|²·n_k, Ḡ_ii = Σ_k |P_ik|²·(1 − n_k) (k < D), M_ii = Σ_k |V_ki|² (k < n),
//   diag[b, i] = (3/2 − M_ii/2)²·(Ḡ_ii where λ_i > 1 − θ, else G_ii).
// Numerics: each sum is one thread's, in order of k, compensated (Kahan) as f32-gemm.wgsl's, the new
// sum through fma(s, one, y) with a 1 the compiler cannot see; |P_ik|² of a term below ~1e−19 flushes
// to 0, but outside the tiny blocks every G_ii (Ḡ_ii) is ≳ τ, so such terms are far below its rounding.
// The values inside the tiny blocks are written too, and replaced by the blocks' own eigenvalues.
//
// Buffers (complex as vec2f (re, im), row-major):
//   @binding(0) values: array<f32>   [B, n] C's f32 values (the groups) — read
//   @binding(1) P:      array<vec2f> [B, n, D] P = V†·B — read
//   @binding(2) V:      array<vec2f> [B, n, n] C's f32 eigenvectors (columns) — read
//   @binding(3) wn:     array<f32>   [B, D] n — read
//   @binding(4) wbar:   array<f32>   [B, D] 1 − n — read
//   @binding(5) diag:   array<f32>   [B, n] — written
//   @binding(6) params: { n: u32, D: u32, theta: f32 } — uniform
// Workgroup: (WG, 1, 1) consecutive indices i of one matrix (grid (⌈n/WG⌉, B)); WG is an override
// constant.

override WG: u32 = 64u;

struct Params {
  n: u32,
  D: u32,
  theta: f32,
}

@group(0) @binding(0) var<storage, read> values: array<f32>;
@group(0) @binding(1) var<storage, read> P: array<vec2f>;
@group(0) @binding(2) var<storage, read> V: array<vec2f>;
@group(0) @binding(3) var<storage, read> wn: array<f32>;
@group(0) @binding(4) var<storage, read> wbar: array<f32>;
@group(0) @binding(5) var<storage, read_write> diag: array<f32>;
@group(0) @binding(6) var<uniform> params: Params;

// 1, from the dispatch size at run time: no algebraic identity holds across a product with it
var<private> one: f32 = 0.0;

// a compensated sum: (sum, correction)
fn add(a: vec2f, y: f32) -> vec2f {
  let z = y - a.y;
  let t = fma(a.x, one, z);
  return vec2f(t, (t - a.x) - z);
}

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  one = f32(min(nwg.x, 1u));
  let n = params.n;
  let D = params.D;
  let i = gid.x;
  let b = gid.y;
  if (i >= n) { return; }
  var g = vec2f(0.0);
  var gbar = vec2f(0.0);
  let row = (b * n + i) * D;
  for (var k = 0u; k < D; k++) {
    let p = P[row + k];
    let a = p.x * p.x + p.y * p.y;
    g = add(g, a * wn[b * D + k]);
    gbar = add(gbar, a * wbar[b * D + k]);
  }
  var m = vec2f(0.0);
  for (var k = 0u; k < n; k++) {
    let v = V[(b * n + k) * n + i];
    m = add(m, v.x * v.x + v.y * v.y);
  }
  let t = 1.5 - 0.5 * m.x;
  let gc = select(g.x, gbar.x, values[b * n + i] > 1.0 - params.theta);
  diag[b * n + i] = t * t * gc;
}
