// householder-f32.wgsl — reduces a batch of complex Hermitian matrices to real symmetric tridiagonal
// form T = D†Q†AQD by Householder reflections, all in f32, and keeps what the back-transformation
// (householder-back.wgsl) needs: the reflectors u_j, their scales τ_j and the diagonal phases δ_j.
// Q = H_0 H_1 ⋯ H_{m−2}, H_j = I − τ_j u_j u_j†; D = diag(δ) makes T's off-diagonal real and ≥ 0.
// Fast mode's graded Rayleigh–Ritz: C's eigenvectors are V = Q·D·Z with Z those of T
// (tridiagonal-ql.wgsl), H's eigenvalues those of T (tridiagonal-bisection.wgsl, df64).
//
// Numerics: x (the column below the diagonal) is scaled by a power of two to max |x_i| ~ 1 before
// its norm is taken: graded blocks have columns of 1e−15 and less, whose f32 squares would flush to
// zero; u_j and τ_j are those of the scaled x (τ u u† is the same). An all-zero column gives e_j = 0
// and τ_j = 0 (the identity), so a block-diagonal matrix with exact zeros across stays block-diagonal
// and each block keeps its own relative accuracy (~1e−7 of its norm, not of ‖A‖). δ is renormalized
// every step, so that D stays unitary to f32 rounding however many phases it multiplies.
// Same conventions as src/spectrum/f32-emulation.ts's f32HouseholderQL: u_j = x + (x_0/|x_0|)σ e_1
// (x_0/|x_0| = 1 where x_0 = 0), so H_j x = −(x_0/|x_0|)σ e_1; e_j = σ; δ_0 = 1,
// δ_{j+1} = −δ_j·x_0/|x_0| (δ_{j+1} = δ_j where σ = 0).
//
// Why panels (the blocked reduction of LAPACK's zhetrd/zlatrd, as householder-tridiagonal.wgsl does it
// in df64): the trailing block is what takes the time, and applying each step's rank-2 update at once
// reads AND writes it every step. Here the stored matrix is updated once per panel of P steps; in
// between it is only read, and the panel's pending updates enter through vectors.
//
// Notation: A^{(j)} = A after j reflections, p_j = τ_j A^{(j)} u_j, w_j = p_j − (τ_j/2)(u_j†p_j) u_j, so
// that A^{(j+1)} = A^{(j)} − u_j w_j† − w_j u_j†. The stored trailing block (rows and columns > j) holds
// A^{(s)}, s ≤ j the panel's first step, and the pairs (u_l, w_l), l = s … j − 1 (L = j − s of them),
// are pending. Step j:
//   1. row j of A^{(j)} = row j of A^{(s)} − Σ_l (u_l[j] w_l† + w_l[j] u_l†): its conjugate is column
//      j, d_j and x = A_{j+1.., j} (O(n·L));
//   2. σ = ‖x‖ (workgroup reductions, x scaled first), u_j, τ_j = 1/(σ(σ + |x_0|)), δ_{j+1};
//   3. p_j over the trailing block, either
//      a. (L < P) by a READ-ONLY pass for A^{(s)} u_j, less Σ_l (u_l (w_l†u_j) + w_l (u_l†u_j)), the
//         2L dot products by groups of threads, or
//      b. (L = P, the panel is full) by ONE pass that applies the P pending rank-2 updates in place
//         (read and write) and accumulates A^{(j)} u_j from the updated entries; the panel restarts
//         at s = j with (u_j, w_j) its first pair;
//   4. w_j from p_j and the workgroup reduction u_j†p_j; with KEEP, u_j goes to row j of `a`: row j
//      was read in 1. for the last time (later steps read rows and write rows and columns > j only,
//      so no panel's update reaches a kept reflector).
// Step 0 has L = 0. P = 1 is the unblocked reduction (step j − 1's update applied in step j's pass).
// Numerics of the panels: row j subtracts the pending terms in the order, and with the roundings, that
// the unblocked reduction applies them to its entries; p_j differs: A^{(s)}u_j less 2L corrections
// through f32 dot products, errors of the same order (graded blocks: ~1.5e−7 of the small block's norm
// against ~1.3e−7, the medians over 64 matrices).
// A thread owns columns i (consecutive threads consecutive i) and walks their rows k: p_i = Σ_k A_ik
// u_k = Σ_k u_k conj(A_ki) reads a[k·m + i], coalesced; both triangles are stored and updated.
// The panel width of a block of size n is P(n) = min(NB, max(1, ⌊n/2⌋ − 1)) (householder-panel.ts):
// set by n alone, so that a block's bits do not depend on its batch or padding, and under half the
// block, so that its 2P + 2 scratch vectors do not outnumber its rows (from n = 4 on).
// Flops (8 a complex multiply–add): step j with t = n − 1 − j trailing rows does 2L(t + 1) for row j,
// then t² + 4L·t (3a) or (2L + 1)·t² (3b): over a panel the same 3t² an entry and step as the
// unblocked reduction (8n³ a matrix), plus O(P·n²) for the pending vectors (householder-panel.ts's
// reductionFlops). Bytes: the trailing block (8 bytes an entry) is read every step and written every
// P-th: (1 + 1/P)·8n³/3 against the unblocked 16n³/3 (5.3 → 2.8 GB at n = 1000, P = 16).
//
// Buffers:
//   @binding(0) a:      array<vec2f> [B, m, m] row-major complex (re, im), matrix b at b·m·m; all B
//                       of size m (zero padding is harmless: its rows give d = e = 0, τ = 0) — read;
//                       overwritten: with KEEP, row j's entries j+1…m−1 hold u_j (the rest is scratch)
//   @binding(1) vecs:   array<vec2f> [B, S, m], S = 2·(P(m) + 1): pair q = 0 … P(m) is (u, w) at
//                       vectors 2q, 2q + 1; pair q < L holds (u_{s+q}, w_{s+q}), pair L receives
//                       (u_j, p_j → w_j); a full panel's new pair (P) moves to pair 0 — scratch, written
//   @binding(2) tri:    array<vec4f> [B, m] (d_j, 0, e_j, 0), d_j = T_jj, e_j = T_{j+1,j} ≥ 0,
//                       e_{m−1} = 0 (tridiagonal-bisection.wgsl's df64 layout, low words 0) — written
//   @binding(3) refl:   array<vec4f> [B, m] (τ_j, 0, δ_j.re, δ_j.im); τ_{m−1} = 0; written with KEEP
//   @binding(4) params: { m: u32 } — uniform
//   @binding(5) sizes:  array<u32> [B] n_b ≤ m: only matrix b's leading n_b×n_b block is reduced (tri
//                       entries j ≥ n_b untouched; P(n_b) its panel width) — fast mode's tiny blocks
//                       of H (ritz-tiny.wgsl) — read
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b); WG (a power of two), KEEP and NB (the widest
// panel) are overrides.

override WG: u32 = 256u;
override KEEP: bool = true;
override NB: u32 = 16u;

// rows of a column each thread holds in a pass: independent loads in flight, and the entries that a
// full panel's P updates apply to
const RPT: u32 = 4u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read_write> a: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> vecs: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> tri: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> refl: array<vec4f>;
@group(0) @binding(4) var<uniform> params: Params;
@group(0) @binding(5) var<storage, read> sizes: array<u32>;

var<workgroup> red: array<vec2f, WG>;
var<workgroup> x0shared: vec2f;
// w_l†u_j (d < L) and u_l†u_j (d = L + l) of step 3a
var<workgroup> pdots: array<vec2f, 2u * NB>;

// x·conj(y)
fn c_mul_conj(x: vec2f, y: vec2f) -> vec2f {
  return vec2f(x.x * y.x + x.y * y.y, x.y * y.x - x.x * y.y);
}

fn c_mul(x: vec2f, y: vec2f) -> vec2f {
  return vec2f(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x);
}

// |z| without squaring tiny or huge parts
fn c_abs(z: vec2f) -> f32 {
  let s = max(abs(z.x), abs(z.y));
  if (s == 0.0) { return 0.0; }
  let t = z / s;
  return s * sqrt(dot(t, t));
}

// max (op 0) or sum (op 1) over the workgroup of each thread's v; every thread gets it
fn reduce(v: f32, op: u32, tid: u32) -> f32 {
  red[tid].x = v;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (tid < s) {
      red[tid].x = select(red[tid].x + red[tid + s].x, max(red[tid].x, red[tid + s].x), op == 0u);
    }
    workgroupBarrier();
  }
  let r = red[0].x;
  workgroupBarrier();
  return r;
}

fn panel_width(n: u32) -> u32 {
  return clamp(n / 2u, 2u, NB + 1u) - 1u;
}

// Step 3a's dot products over the indices > j, pair q's u at V0 + q·stride, w m after it: G threads
// per dot (the largest power of two that 2·NB groups of G fit the workgroup, or 1), each over every
// G-th index, then a tree in `red` per group; with fewer threads than dots, several rounds.
fn panel_dots(V0: u32, stride: u32, m: u32, n: u32, j: u32, L: u32, uc: u32, tid: u32) {
  let G = 1u << firstLeadingBit(max(1u, WG / (2u * NB)));
  let lane = tid % G;
  let D = 2u * L;
  for (var d0 = 0u; d0 < D; d0 += WG / G) {
    let d = d0 + tid / G;
    var acc = vec2f(0.0);
    if (d < D) {
      // d < L: w_{s+d}; else u_{s+d−L} (select evaluates both; the wrapped one is unused)
      let v = select(V0 + (d - L) * stride, V0 + d * stride + m, d < L);
      for (var i = j + 1u + lane; i < n; i += G) {
        acc += c_mul_conj(vecs[uc + i], vecs[v + i]);
      }
    }
    red[tid] = acc;
    workgroupBarrier();
    for (var h = G / 2u; h > 0u; h = h >> 1u) {
      if (lane < h) {
        red[tid] += red[tid + h];
      }
      workgroupBarrier();
    }
    if (lane == 0u && d < D) { pdots[d] = red[tid]; }
    workgroupBarrier();
  }
}

@compute @workgroup_size(WG, 1, 1)
fn main(
  @builtin(workgroup_id) wid: vec3u,
  @builtin(local_invocation_id) lid: vec3u,
) {
  let m = params.m;
  let b = wid.x;
  let n = sizes[b];
  let tid = lid.x;
  let A0 = b * m * m;
  let stride = 2u * m;
  let V0 = b * (panel_width(m) + 1u) * stride;
  let P = panel_width(n);

  var delta = vec2f(1.0, 0.0); // δ_j (the same in every thread)
  var s = 0u;
  for (var j = 0u; j < n; j++) {
    let L = j - s;
    let full = L == P;
    let uc = V0 + L * stride; // u_j
    let wc = uc + m; // p_j, then w_j
    // 1. row j of A^{(j)}: A_{ji} − Σ_q (u_q[j] conj(w_q[i]) + w_q[j] conj(u_q[i])); its conjugate is
    // column j: d_j and x
    var xmax = 0.0;
    var dj = 0.0;
    for (var i = j + tid; i < n; i += WG) {
      var r = a[A0 + j * m + i];
      for (var q = 0u; q < L; q++) {
        let uq = V0 + q * stride;
        let wq = uq + m;
        r -= c_mul_conj(vecs[uq + j], vecs[wq + i]) + c_mul_conj(vecs[wq + j], vecs[uq + i]);
      }
      let x = vec2f(r.x, -r.y);
      if (i == j) {
        dj = x.x;
      } else {
        vecs[uc + i] = x;
        xmax = max(xmax, max(abs(x.x), abs(x.y)));
        if (i == j + 1u) { x0shared = x; }
      }
    }
    // 2. the reflector, from x scaled to max |x_i| in [1/2, 1)
    let mx = reduce(xmax, 0u, tid);
    var scale = 0.0;
    var unscale = 0.0;
    var norm2 = 0.0;
    if (mx > 0.0) {
      let ex = frexp(mx).exp;
      scale = ldexp(1.0, -ex);
      unscale = ldexp(1.0, ex);
      // (each thread rescales the entries it wrote in 1.: no storage barrier needed in between)
      for (var i = j + tid; i < n; i += WG) {
        if (i > j) {
          let x = vecs[uc + i] * scale;
          vecs[uc + i] = x;
          norm2 += dot(x, x);
        }
      }
    }
    let sigma2 = reduce(norm2, 1u, tid);
    // orders the scaling write of x_0 above before thread 0 replaces it by u_0 below
    storageBarrier();
    var tau = 0.0;
    var e = 0.0;
    if (mx > 0.0) {
      let x0 = x0shared * scale;
      let sigma = sqrt(sigma2);
      e = sigma * unscale;
      let x0abs = c_abs(x0);
      tau = 1.0 / (sigma * (sigma + x0abs));
      var phase = vec2f(1.0, 0.0);
      if (x0abs > 0.0) { phase = x0 / x0abs; }
      if (tid == 0u) { vecs[uc + j + 1u] = x0 + phase * sigma; }
      // T'_{j+1,j} = −phase·σ: δ_{j+1} = δ_j·(−phase), kept of modulus 1
      let next = -c_mul(delta, phase);
      if (KEEP && tid == 0u) { refl[b * m + j] = vec4f(tau, 0.0, delta); }
      delta = next / c_abs(next);
    } else if (KEEP && tid == 0u) {
      refl[b * m + j] = vec4f(0.0, 0.0, delta);
    }
    if (tid == 0u) {
      tri[b * m + j] = vec4f(dj, 0.0, e, 0.0);
    }
    storageBarrier();
    workgroupBarrier();

    // 3. p_j = τ A^{(j)} u_j; the dot u_j†p_j on the way. A thread owns the columns i ≡ j + 1 + tid
    // (mod WG), here and in 4., and walks their rows RPT at a time (RPT loads in flight).
    // a. the pending pairs enter through their dot products with u_j
    let Lp = select(L, 0u, full);
    if (Lp > 0u) {
      panel_dots(V0, stride, m, n, j, Lp, uc, tid);
    }
    var dt = 0.0;
    for (var i = j + 1u + tid; i < n; i += WG) {
      var p = vec2f(0.0);
      for (var k0 = j + 1u; k0 < n; k0 += RPT) {
        var x: array<vec2f, RPT>;
        for (var r = 0u; r < RPT; r++) {
          if (k0 + r < n) { x[r] = a[A0 + (k0 + r) * m + i]; }
        }
        if (full) {
          // b. the panel's updates applied: A_ki −= Σ_q (u_q[k] conj(w_q[i]) + w_q[k] conj(u_q[i]))
          for (var q = 0u; q < P; q++) {
            let uq = V0 + q * stride;
            let wq = uq + m;
            let ui = vecs[uq + i];
            let wi = vecs[wq + i];
            for (var r = 0u; r < RPT; r++) {
              let k = k0 + r;
              if (k < n) {
                x[r] -= c_mul_conj(vecs[uq + k], wi) + c_mul_conj(vecs[wq + k], ui);
              }
            }
          }
          for (var r = 0u; r < RPT; r++) {
            if (k0 + r < n) { a[A0 + (k0 + r) * m + i] = x[r]; }
          }
        }
        for (var r = 0u; r < RPT; r++) {
          let k = k0 + r;
          if (k < n) {
            // p_i += A_ik u_k = u_k conj(A_ki)
            p += c_mul_conj(vecs[uc + k], x[r]);
          }
        }
      }
      // a. (A^{(s)} − Σ_l (u_l w_l† + w_l u_l†)) u_j at i
      for (var q = 0u; q < Lp; q++) {
        let uq = V0 + q * stride;
        p -= c_mul(vecs[uq + i], pdots[q]) + c_mul(vecs[uq + m + i], pdots[Lp + q]);
      }
      let pi = p * tau;
      vecs[wc + i] = pi;
      dt += dot(pi, vecs[uc + i]); // Re(p_i conj(u_i))
    }
    // 4. w_j = p_j − (τ/2)(u_j†p_j) u_j (the reduction's barriers also end every read of the pending
    // pairs and of row j: a full panel's pair 0 may be overwritten, and u_j kept, below); thread tid
    // takes the i it took in 3., so p_i is its own write
    let K = 0.5 * tau * reduce(dt, 1u, tid);
    for (var i = j + 1u + tid; i < n; i += WG) {
      let u = vecs[uc + i];
      let w = vecs[wc + i] - u * K;
      vecs[wc + i] = w;
      if (full) {
        vecs[V0 + i] = u;
        vecs[V0 + m + i] = w;
      }
      if (KEEP) { a[A0 + j * m + i] = u; }
    }
    if (full) { s = j; }
    storageBarrier();
    workgroupBarrier();
  }
}
