// jacobi-round.wgsl — one round of parallel cyclic Jacobi on a batch of complex Hermitian matrices.
//
// Computes A' = J† A J, where J is block-diagonal over the n/2 disjoint index pairs of round r of
// the round-robin ordering: partner(i) = (2r − i) mod (n−1), except that i = r pairs with n−1
// (n even; callers pad with zero rows/columns, whose eigenvalue 0 carries no entropy). Every pair
// (p < q) uses the 2×2 rotation that zeroes A_pq (jacobi-rotation.wgsl, prepended to this file).
// Each invocation recomputes the two rotations it needs (cheap), so a round is a single dispatch.
// After enough rounds (n−1 per sweep, ~8 sweeps in f32) the diagonal holds the eigenvalues.
//
// Buffers:
//   @binding(0) src: array<vec2f>  [batch, n, n] row-major, (re, im) interleaved — read
//   @binding(1) dst: array<vec2f>  same layout — written (ping-pong with src)
//   @binding(2) params: { n: u32, round: u32 } — uniform, one 256-byte slot per round (bound at its offset)
// Workgroup: (TILE, TILE, 1) over (column j, row i, matrix b); TILE is an override constant.

override TILE: u32 = 16u;

struct Params {
  n: u32,
  round: u32,
}

@group(0) @binding(0) var<storage, read> src: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec2f>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let n = params.n;
  let j = gid.x;
  let i = gid.y;
  if (i >= n || j >= n) { return; }
  let base = gid.z * n * n;
  let r = params.round;
  let ki = partner(i, r, n);
  let kj = partner(j, r, n);
  let Ri = rotation_column(base, n, i, ki);
  let Rj = rotation_column(base, n, j, kj);
  if (i == j) {
    // the diagonal by the 2×2 update A'_ii = A_ii ∓ t|b|: fewer roundings than the general product
    dst[base + i * n + i] = vec2f(src[base + i * n + i].x + Ri.shift, 0.0);
    return;
  }
  // A'_ij = Σ_{k∈{i,ki}} Σ_{l∈{j,kj}} conj(J_ki) A_kl J_lj
  let rowI = cmul(src[base + i * n + j], Rj.self_coef) + cmul(src[base + i * n + kj], Rj.other_coef);
  let rowK = cmul(src[base + ki * n + j], Rj.self_coef) + cmul(src[base + ki * n + kj], Rj.other_coef);
  dst[base + i * n + j] = cmul(cconj(Ri.self_coef), rowI) + cmul(cconj(Ri.other_coef), rowK);
}
