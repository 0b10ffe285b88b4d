// deleted-row-secular.wgsl — S_B(t) − S_tot by the deleted-row secular equation (src/spectrum/deleted-row.ts
// and secular.ts, the same algorithm), every root of every time of a batch in one dispatch, in
// double-float (df64.wgsl, df64-entropy.wgsl and deleted-row-time.wgsl, prepended).
//
// C_BB(t) is C(t) = Σ_k n_k w_k w_k† with row and column 0 deleted, so its eigenvalues are the roots μ
// of F(μ) = −Σ_g w_g/(μ − p_g) = 0 over the distinct initial occupations p_g (the poles, ascending;
// weights from deleted-row-weights.wgsl), one root in each gap between consecutive poles of nonzero
// weight; poles of zero weight stay eigenvalues. So
//   S_B − S_tot = −h(p_last) + Σ_j [h(μ_j) − h(p_j)]   (j over the active poles but the last),
// and invocation j writes its own term; the host adds the P terms of a time in f64. The pole copies
// that do not move cancel exactly, and each term is a pairwise root–pole difference (df_h_change), so
// I_S−B = S_S + (S_B − S_tot) never subtracts two entropies of size ~K: it keeps ~1e−14 where it is
// ~1e−12 (t → 0).
//
// Root j is found as in secular.ts: relative to the nearer pole (origin o, μ = p_o + τ), by Newton on
// φ = τ·F (smooth at the origin pole) inside a bisection bracket, from the root of the two-pole model.
// Every μ − p_i is formed as τ − (p_i − p_o), with p_i − p_o from the complements q = 1 − p where both
// poles are ≥ ½: poles 1e−16 from 1 keep their gaps, as they do in f64.
//
// Buffers (one time τ of a batch reads its job's static arrays at times[τ].gBase):
//   @binding(0) times:   array<DeletedRowTime> [T] — read
//   @binding(1) poles:   array<vec4f> [Σ P] per group of a job, ascending: (p.hi, p.lo, q.hi, q.lo) — read
//   @binding(2) weights: array<vec2f> [Σ_τ P] w_g of each time (df64) — read
//   @binding(3) terms:   array<vec2f> [Σ_τ P] term j of each time (df64; 0 for an inactive pole) — written
// Workgroup: (64, 1, 1) over the flat group index of the batch (deleted-row-time.wgsl): root j of time τ.

@group(0) @binding(0) var<storage, read> times: array<DeletedRowTime>;
@group(0) @binding(1) var<storage, read> poles: array<vec4f>;
@group(0) @binding(2) var<storage, read> weights: array<vec2f>;
@group(0) @binding(3) var<storage, read_write> terms: array<vec2f>;

// a pole with a smaller weight is taken as inactive: its root would sit within ~w/gap of it (≤ 1e−15),
// and a τ that small would leave the f32 exponent range of df64
const ACTIVE: f32 = 1e-30;
// df64's relative precision, 2⁻⁴⁷ (the host uses f64's)
const EPS: f32 = 7.1e-15;
// as secular.ts: Newton converges in ~5 steps; bisection alone needs ≤ ~150 on a df64 bracket
const ITERATIONS: u32 = 200u;

var<private> T: DeletedRowTime;

fn df_lt(a: vec2f, b: vec2f) -> bool {
  return a.x < b.x || (a.x == b.x && a.y < b.y);
}

fn pole(i: u32) -> vec4f {
  return poles[T.gBase + i];
}

fn weight(i: u32) -> vec2f {
  return weights[T.wBase + i];
}

fn is_active(i: u32) -> bool {
  return weight(i).x > ACTIVE;
}

// p_i − p_o
fn pole_diff(i: u32, o: u32) -> vec2f {
  let a = pole(i);
  let b = pole(o);
  if (a.x >= 0.5 && b.x >= 0.5) { return df_add(b.zw, -a.zw); }
  return df_add(a.xy, -b.xy);
}

struct Eval {
  phi: vec2f,
  dphi: vec2f,
}

// φ = τ·F and φ' at μ = p_o + τ
fn evaluate(o: u32, tau: vec2f) -> Eval {
  var rest = vec2f(0.0);
  var drest = vec2f(0.0);
  for (var i = 0u; i < T.P; i++) {
    if (i == o || !is_active(i)) { continue; }
    let inv = df_div(vec2f(1.0, 0.0), df_add(tau, -pole_diff(i, o)));
    let q = df_mul(weight(i), inv);
    rest = df_add(rest, -q);
    // the derivative only steers Newton: the cheaper sum will do
    drest = df_add_fast(drest, df_mul(q, inv));
  }
  return Eval(df_add(df_mul(tau, rest), -weight(o)), df_add(rest, df_mul(tau, drest)));
}

// the root in (0, gap) of R − a/δ + b/(gap − δ) (a, b > 0); its f32 square root is enough for a start
fn two_pole_root(R: vec2f, a: vec2f, b: vec2f, gap: vec2f) -> vec2f {
  if (R.x == 0.0) { return df_div(df_mul(a, gap), df_add(a, b)); }
  let B = df_add(df_add(df_mul(R, gap), a), b);
  let disc = df_add(df_mul(B, B), -df_mul_f(df_mul(df_mul(R, a), gap), 4.0));
  let s = vec2f(sqrt(max(disc.x, 0.0)), 0.0);
  let q = df_mul_f(df_add(B, select(-s, s, B.x >= 0.0)), 0.5);
  let r1 = df_div(q, R);
  if (r1.x > 0.0 && df_lt(r1, gap)) { return r1; }
  return df_div(df_mul(a, gap), q);
}

// Newton on φ inside the bracket (lo, hi), from `start`
fn newton(o: u32, start: vec2f, lo0: vec2f, hi0: vec2f) -> vec2f {
  var lo = lo0;
  var hi = hi0;
  var tau = start;
  for (var it = 0u; it < ITERATIONS; it++) {
    let e = evaluate(o, tau);
    if (e.phi.x == 0.0 || tau.x == 0.0) { break; }
    // F = φ/τ > 0: the root lies below
    if ((e.phi.x > 0.0) == (tau.x > 0.0)) { hi = tau; } else { lo = tau; }
    var next = df_add(tau, -df_div(e.phi, e.dphi));
    if (!(df_lt(lo, next) && df_lt(next, hi))) { next = df_mul_f(df_add(lo, hi), 0.5); }
    if (abs(df_add(next, -tau).x) <= 2.0 * EPS * abs(next.x)) {
      tau = next;
      break;
    }
    tau = next;
    if (df_add(hi, -lo).x <= 2.0 * EPS * max(abs(lo.x), abs(hi.x))) { break; }
  }
  return tau;
}

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let i = flat_index(gid, nwg);
  let count = arrayLength(&times);
  let last = times[count - 1u];
  if (i >= last.wBase + last.P) { return; }
  T = times[time_of(i, count)];
  let j = i - T.wBase;
  let at = T.wBase + j;
  if (!is_active(j)) {
    terms[at] = vec2f(0.0);
    return;
  }
  var k = j + 1u;
  while (k < T.P && !is_active(k)) { k++; }
  let pj = pole(j);
  let hj = df_h(pj.xy, pj.zw);
  if (k >= T.P) {
    terms[at] = -hj;
    return;
  }
  let pk = pole(k);
  let hk = df_h(pk.xy, pk.zw);
  let gap = pole_diff(k, j);
  // poles closer than df64 resolves: the root is any point between them (≤ |h'|·gap ~ 1e−14 apart)
  if (!(gap.x > 0.0)) {
    terms[at] = df_add(hk, -hj);
    return;
  }
  let mid = df_mul_f(gap, 0.5);
  let wj = weight(j);
  let wk = weight(k);
  let fMid = df_div(evaluate(j, mid).phi, mid);
  // the two-pole model, the other poles frozen into R at the midpoint (gap − mid = mid)
  let delta = two_pole_root(df_add(df_add(fMid, df_div(wj, mid)), -df_div(wk, mid)), wj, wk, gap);
  var origin = j;
  var lo = vec2f(0.0);
  var hi = mid;
  var start = delta;
  if (fMid.x < 0.0) {
    origin = k;
    lo = -mid;
    hi = vec2f(0.0);
    start = df_add(delta, -gap);
  }
  if (!(df_lt(lo, start) && df_lt(start, hi))) { start = df_mul_f(df_add(lo, hi), 0.5); }
  let tau = newton(origin, start, lo, hi);
  if (origin == j) {
    terms[at] = df_h_change(pj.xy, pj.zw, tau);
  } else {
    terms[at] = df_add(df_add(hk, -hj), df_h_change(pk.xy, pk.zw, tau));
  }
}
