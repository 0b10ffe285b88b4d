// ritz-blocks.wgsl — T̃ of fast mode's two tiny Ritz blocks (src/spectrum/graded-ritz.ts,
// tinyRitzBlock): T̃ = (3I − M)/2 (one Newton–Schulz step: f32 vectors are orthonormal only to ~u·√K,
// which would shift every value relatively by as much) on matrix b's leading lo×lo and trailing hi×hi
// blocks of M = V†V, in place, and nothing elsewhere (the ranged products formed M there only). Each
// block lies in one group (λ < τ < θ, λ > 1 − τ), so no group's boundary crosses it.
//
// Buffers (complex as vec2f (re, im), [B, n, n] row-major):
//   @binding(0) sizes:  array<u32>   [2B]: lo = sizes[b], hi = sizes[B + b] (ritz-sizes.wgsl) — read
//   @binding(1) t:      array<vec2f> M on the two blocks — read, overwritten there by T̃
//   @binding(2) params: { n: u32, B: u32 } — uniform
// Workgroup: (TILE, TILE, 1) over (column j, row i, matrix b); TILE is an override constant.

override TILE: u32 = 8u;

struct Params {
  n: u32,
  B: u32,
}

@group(0) @binding(0) var<storage, read> sizes: array<u32>;
@group(0) @binding(1) var<storage, read_write> t: array<vec2f>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let n = params.n;
  let j = gid.x;
  let i = gid.y;
  let b = gid.z;
  if (i >= n || j >= n) { return; }
  let lo = sizes[b];
  let first = n - sizes[params.B + b];
  let inside = (i < lo && j < lo) || (i >= first && j >= first);
  if (!inside) { return; }
  let at = (b * n + i) * n + j;
  t[at] = select(vec2f(0.0), vec2f(1.5, 0.0), i == j) - 0.5 * t[at];
}
