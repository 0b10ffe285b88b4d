// ritz-blocks.wgsl — step 3 of fast mode's graded Rayleigh–Ritz (src/spectrum/graded-ritz.ts,
// ritzBlocks): from C's f32 values λ_i, each index's group — low
// (λ < θ), middle, high (λ > 1 − θ) — and, per matrix b, in place:
//   G ← Gc: G on low×low and middle×middle, Ḡ on high×high, 0 across groups;
//   M ← T̃: (3I − M)/2 on the same blocks, 0 across (M = V†V; one Newton–Schulz step).
//
// Buffers (complex as vec2f (re, im), [batch, n, n] row-major):
//   @binding(0) values: array<f32> [batch, n] C's f32 eigenvalues (tridiagonal-ql.wgsl) — read
//   @binding(1) g:    array<vec2f> G = P·diag(n)·P† — read, overwritten by Gc
//   @binding(2) gbar: array<vec2f> Ḡ = P·diag(1 − n)·P† — read
//   @binding(3) t:    array<vec2f> M = V†·V — read, overwritten by T̃
//   @binding(4) params: { n: u32, theta: f32 } — uniform
// Workgroup: (TILE, TILE, 1) over (column j, row i, matrix b); TILE is an override constant.

override TILE: u32 = 8u;

struct Params {
  n: u32,
  theta: f32,
}

@group(0) @binding(0) var<storage, read> values: array<f32>;
@group(0) @binding(1) var<storage, read_write> g: array<vec2f>;
@group(0) @binding(2) var<storage, read> gbar: array<vec2f>;
@group(0) @binding(3) var<storage, read_write> t: array<vec2f>;
@group(0) @binding(4) var<uniform> params: Params;

fn group_of(b: u32, i: u32) -> u32 {
  let x = values[b * params.n + i];
  if (x < params.theta) { return 0u; }
  if (x > 1.0 - params.theta) { return 2u; }
  return 1u;
}

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let n = params.n;
  let j = gid.x;
  let i = gid.y;
  if (i >= n || j >= n) { return; }
  let base = gid.z * n * n;
  let at = base + i * n + j;
  let gi = group_of(gid.z, i);
  if (gi != group_of(gid.z, j)) {
    g[at] = vec2f(0.0);
    t[at] = vec2f(0.0);
    return;
  }
  if (gi == 2u) { g[at] = gbar[at]; }
  t[at] = select(vec2f(0.0), vec2f(1.5, 0.0), i == j) - 0.5 * t[at];
}
