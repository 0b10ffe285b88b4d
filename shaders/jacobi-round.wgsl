// jacobi-round.wgsl — one round of parallel cyclic Jacobi on a batch of complex Hermitian matrices.
//
// Computes A' = J† A J, where J is block-diagonal over the n/2 disjoint index pairs of round r of
// the round-robin ordering: partner(i) = (2r − i) mod (n−1), except that i = r pairs with n−1
// (n even; callers pad with zero rows/columns, whose eigenvalue 0 carries no entropy). Every pair
// (p < q) uses the 2×2 rotation that zeroes A_pq:
//   b = A_pq = |b| e^{iφ}, τ = (A_qq − A_pp)/(2|b|), t = sign(τ)/(|τ| + √(1+τ²)), c = 1/√(1+t²), s = t·c,
//   J_pp = e^{iφ} c, J_pq = e^{iφ} s, J_qp = −s, J_qq = c   (J = diag(e^{iφ}, 1)·[[c, s], [−s, c]]).
// Each invocation recomputes the two rotations it needs (cheap), so a round is a single dispatch.
// After enough rounds (n−1 per sweep, ~8 sweeps in f32) the diagonal holds the eigenvalues.
//
// Buffers:
//   @binding(0) src: array<vec2f>  [batch, n, n] row-major, (re, im) interleaved — read
//   @binding(1) dst: array<vec2f>  same layout — written (ping-pong with src)
//   @binding(2) params: { n: u32, round: u32 } — uniform, one 256-byte slot per round (dynamic offset)
// Workgroup: (TILE, TILE, 1) over (column j, row i, matrix b); TILE is an override constant.

override TILE: u32 = 16u;

struct Params {
  n: u32,
  round: u32,
}

@group(0) @binding(0) var<storage, read> src: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec2f>;
@group(0) @binding(2) var<uniform> params: Params;

fn partner(i: u32, r: u32, n: u32) -> u32 {
  let m = n - 1u;
  if (i == m) { return r; }
  if (i == r) { return m; }
  return (2u * r + m - i) % m;
}

// conj(x)·y and x·y for complex numbers stored as vec2f
fn cmul(x: vec2f, y: vec2f) -> vec2f { return vec2f(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x); }
fn cconj(x: vec2f) -> vec2f { return vec2f(x.x, -x.y); }

struct Rotation {
  // column `own` of J restricted to rows (own, other): J[own][own], J[other][own]
  self_coef: vec2f,
  other_coef: vec2f,
}

// The column of J belonging to index `i` (paired with `k`), as coefficients on rows i and k.
fn rotation_column(base: u32, n: u32, i: u32, k: u32) -> Rotation {
  let p = min(i, k);
  let q = max(i, k);
  let app = src[base + p * n + p].x;
  let aqq = src[base + q * n + q].x;
  let b = src[base + p * n + q];
  // |b| and its phase from b scaled to O(1): length(b) of a tiny b underflows in f32, and a phase
  // with |e^{iφ}| ≠ 1 would make J non-unitary and corrupt the spectrum once Jacobi has converged
  let bmax = max(abs(b.x), abs(b.y));
  var c = 1.0;
  var s = 0.0;
  var ph = vec2f(1.0, 0.0);
  if (bmax > 1e-30 * (abs(app) + abs(aqq)) && bmax > 0.0) {
    let bs = b / bmax;
    let bl = length(bs);
    let babs = bmax * bl;
    ph = bs / bl;
    let tau = (aqq - app) / (2.0 * babs);
    var t: f32;
    if (abs(tau) > 1e18) {
      t = 0.5 / tau;
    } else {
      t = select(-1.0, 1.0, tau >= 0.0) / (abs(tau) + sqrt(1.0 + tau * tau));
    }
    c = inverseSqrt(1.0 + t * t);
    s = t * c;
  }
  var r: Rotation;
  if (i == p) {
    // column p of J: (J_pp, J_qp) = (e^{iφ} c, −s)
    r.self_coef = ph * c;
    r.other_coef = vec2f(-s, 0.0);
  } else {
    // column q of J: (J_qq, J_pq) = (c, e^{iφ} s)
    r.self_coef = vec2f(c, 0.0);
    r.other_coef = ph * s;
  }
  return r;
}

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
  // A'_ij = Σ_{k∈{i,ki}} Σ_{l∈{j,kj}} conj(J_ki) A_kl J_lj
  let rowI = cmul(src[base + i * n + j], Rj.self_coef) + cmul(src[base + i * n + kj], Rj.other_coef);
  let rowK = cmul(src[base + ki * n + j], Rj.self_coef) + cmul(src[base + ki * n + kj], Rj.other_coef);
  dst[base + i * n + j] = cmul(cconj(Ri.self_coef), rowI) + cmul(cconj(Ri.other_coef), rowK);
}
