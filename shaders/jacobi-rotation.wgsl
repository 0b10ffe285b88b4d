// jacobi-rotation.wgsl — shared by jacobi-round.wgsl and jacobi-vectors.wgsl (prepended to each; not
// a kernel by itself): the round-robin pairing and the 2×2 rotation J of parallel cyclic Jacobi, read
// from the matrix `src: array<vec2f>` ([batch, n, n] row-major, (re, im) interleaved) that the
// including kernel declares. Both kernels must use the very same rotation, hence one copy of it.
//
//   b = A_pq = |b| e^{iφ}, τ = (A_qq − A_pp)/(2|b|), t = sign(τ)/(|τ| + √(1+τ²)), c = 1/√(1+t²), s = t·c,
//   J_pp = e^{iφ} c, J_pq = e^{iφ} s, J_qp = −s, J_qq = c   (J = diag(e^{iφ}, 1)·[[c, s], [−s, c]]).

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
  // the change of A_own,own: −t|b| for p, +t|b| for q (Rutishauser's form of the 2×2 update)
  shift: f32,
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
  var tb = 0.0;
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
    tb = t * babs;
  }
  var r: Rotation;
  if (i == p) {
    // column p of J: (J_pp, J_qp) = (e^{iφ} c, −s)
    r.self_coef = ph * c;
    r.other_coef = vec2f(-s, 0.0);
    r.shift = -tb;
  } else {
    // column q of J: (J_qq, J_pq) = (c, e^{iφ} s)
    r.self_coef = vec2f(c, 0.0);
    r.other_coef = ph * s;
    r.shift = tb;
  }
  return r;
}
