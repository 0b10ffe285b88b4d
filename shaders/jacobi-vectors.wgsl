// jacobi-vectors.wgsl — accumulates the eigenvectors of parallel cyclic Jacobi: V' = V·J, with J the
// rotations of the round that jacobi-round.wgsl applies to the same matrices in the same dispatch
// order (both read `src`, the matrix before the round, and share jacobi-rotation.wgsl, prepended to
// this file). Starting from V = I, the columns of V end as the (f32) eigenvectors.
//
// Buffers:
//   @binding(0) src:  array<vec2f>  [batch, n, n] the matrices before this round — read
//   @binding(1) vsrc: array<vec2f>  [batch, n, n] V before this round, row-major (re, im) — read
//   @binding(2) vdst: array<vec2f>  same layout — written (ping-pong with vsrc)
//   @binding(3) params: { n: u32, round: u32 } — uniform, one 256-byte slot per round (bound at its offset)
// Workgroup: (TILE, TILE, 1) over (column j, row i, matrix b); TILE is an override constant.

override TILE: u32 = 16u;

struct Params {
  n: u32,
  round: u32,
}

@group(0) @binding(0) var<storage, read> src: array<vec2f>;
@group(0) @binding(1) var<storage, read> vsrc: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> vdst: array<vec2f>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let n = params.n;
  let j = gid.x;
  let i = gid.y;
  if (i >= n || j >= n) { return; }
  let base = gid.z * n * n;
  let kj = partner(j, params.round, n);
  let Rj = rotation_column(base, n, j, kj);
  // V'_ij = V_ij J_jj + V_i,kj J_kj,j
  vdst[base + i * n + j] = cmul(vsrc[base + i * n + j], Rj.self_coef) + cmul(vsrc[base + i * n + kj], Rj.other_coef);
}
