// gather-basis.wgsl — assembles the eigenbasis estimate X̂ of accurate mode from two Jacobi runs per
// block: eigenvectors of C for the lower part of its spectrum and of 1 − C for the upper part (each
// run is accurate, in the graded sense, only near its own eigenvalue 0). The host picks the columns
// from the Jacobi eigenvalues.
//
// Buffers:
//   @binding(0) v:    array<vec2f>  [2·batch, n, n] Jacobi eigenvectors (columns) of C (matrix 2b)
//                                   and of 1 − C (matrix 2b + 1), row-major (re, im) — read
//   @binding(1) pick: array<u32>    [batch, n]: pick[b·n + c] = s·n + col, column col of matrix 2b + s — read
//   @binding(2) x:    array<vec2f>  [batch, n, n] X̂, row-major (re, im) — written
//   @binding(3) params: { n: u32 } — uniform
// Workgroup: (TILE, TILE, 1) over (column c, row i, block b); TILE is an override constant.

override TILE: u32 = 8u;

struct Params {
  n: u32,
}

@group(0) @binding(0) var<storage, read> v: array<vec2f>;
@group(0) @binding(1) var<storage, read> pick: array<u32>;
@group(0) @binding(2) var<storage, read_write> x: array<vec2f>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let n = params.n;
  let c = gid.x;
  let i = gid.y;
  if (i >= n || c >= n) { return; }
  let b = gid.z;
  let p = pick[b * n + c];
  let s = p / n;
  let col = p % n;
  x[(b * n + i) * n + c] = v[((2u * b + s) * n + i) * n + col];
}
