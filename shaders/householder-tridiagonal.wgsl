// householder-tridiagonal.wgsl — reduces a batch of complex Hermitian matrices to real symmetric
// tridiagonal form T = Q†AQ by Householder reflections, in double-float (df64.wgsl and
// householder-reduce.wgsl, prepended), and writes T's diagonal d and the moduli e of its
// off-diagonal; the host finds T's eigenvalues in f64.
//
// Why df64 and not f32: a thermal bath block is graded (hundreds of eigenvalues below 1e−7), and a
// reduction in f32 moves every eigenvalue by ~1e−7·‖A‖, which shifts Σh by ~1e−3 at K = 1000.
// Double-float keeps that ~1e−13.
//
// Why panels (the blocked reduction of LAPACK's zhetrd/zlatrd): the trailing block is what takes the
// time (16 bytes an entry, ~n³/3 entries over the reduction), and applying each step's rank-2 update
// at once would read AND write it every step. Here the stored matrix is updated once per panel of P
// steps; in between it is only read, and the panel's pending updates enter through vectors.
//
// Notation: A^{(j)} = A after j reflections, u_j the reflector of column j, τ_j its scale, p_j = τ_j
// A^{(j)} u_j, w_j = p_j − (τ_j/2)(u_j†p_j) u_j, so that A^{(j+1)} = A^{(j)} − u_j w_j† − w_j u_j†.
// The stored trailing block (rows and columns > j) holds A^{(s)}, s ≤ j the panel's first step, and
// the pairs (u_l, w_l), l = s … j − 1 (L = j − s of them), are pending. Step j:
//   1. row j of A^{(j)} = row j of A^{(s)} − Σ_l (u_l[j] w_l† + w_l[j] u_l†): its conjugate is column
//      j, x = A_{j+1.., j} (householder-reduce.wgsl's reflect_column, O(n·L));
//   2. σ = ‖x‖ (workgroup reductions, x scaled by a power of two first), then e_j = σ and
//      u_j = x + (x_0/|x_0|)σ e_1, τ_j = 1/(σ(σ + |x_0|)) (u_j, τ_j of the scaled x: τ u u† is the same);
//   3. p_j over the trailing block, either
//      a. (L < P) by a READ-ONLY pass for A^{(s)} u_j, less Σ_l (u_l (w_l†u_j) + w_l (u_l†u_j)), the
//         2L dot products by groups of threads, or
//      b. (L = P, the panel is full) by ONE pass that applies the P pending rank-2 updates in place
//         (read and write) and accumulates A^{(j)} u_j from the updated entries; the panel restarts
//         at s = j with (u_j, w_j) its first pair;
//   4. w_j from p_j and the workgroup reduction u_j†p_j.
// Step 0 has L = 0. So the trailing block is read every step and written every P-th; P = 1 is the
// unblocked reduction (step j − 1's update applied in step j's pass). The rows a thread walks are
// columns' conjugates: p_i = Σ_k A_ik u_k = Σ_k u_k conj(A_ki) reads a[k·m + i], consecutive threads
// consecutive i (coalesced); both triangles are stored and updated.
// The panel width P of a block of size n is min(NB, max(1, ⌊n/2⌋ − 1)): under half the block, so
// that its 2P + 2 scratch vectors do not outnumber its rows (from n = 4 on: the scratch binding is no
// larger than the matrices'), and set by n alone, so that a block's bits do not depend on its batch.
//
// Buffers:
//   @binding(0) a:      array<vec4f> [B, m, m] row-major complex df64 (re.hi, re.lo, im.hi, im.lo);
//                       only matrix b's leading n_b×n_b block is read — read, overwritten
//   @binding(1) sizes:  array<u32> [B] n_b ≤ m — read
//   @binding(2) vecs:   array<vec4f> [B, S, m], S = 2·(P(m) + 1): pair q = 0 … P(m) is (u, w) at
//                       vectors 2q, 2q + 1; pair q < L holds (u_{s+q}, w_{s+q}), pair L receives
//                       (u_j, p_j → w_j); a full panel's new pair (P) moves to pair 0 — scratch, written
//   @binding(3) out:    array<vec4f> [B, m] (d_j.hi, d_j.lo, e_j.hi, e_j.lo), e_j = |T_{j+1,j}|,
//                       e_{n−1} = 0; entries j ≥ n_b untouched — written
//   @binding(4) params: { m: u32 } — uniform
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b); WG (householder-reduce.wgsl) and NB are
// override constants.

// the widest panel (steps between two writes of the trailing block)
override NB: u32 = 16u;
// rows of a column each thread holds in a pass: independent loads in flight, and the entries that a
// full panel's P updates apply to
const RPT: u32 = 4u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read_write> a: array<vec4f>;
@group(0) @binding(1) var<storage, read> sizes: array<u32>;
@group(0) @binding(2) var<storage, read_write> vecs: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> out: array<vec4f>;
@group(0) @binding(4) var<uniform> params: Params;

// w_l†u_j (d < L) and u_l†u_j (d = L + l) of step 3a
var<workgroup> pdots: array<vec4f, 2u * NB>;

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
    var acc = vec4f(0.0);
    if (d < D) {
      // d < L: w_{s+d}; else u_{s+d−L} (select evaluates both; the wrapped one is unused)
      let v = select(V0 + (d - L) * stride, V0 + d * stride + m, d < L);
      for (var i = j + 1u + lane; i < n; i += G) {
        acc = c_add(acc, c_mul_conj(vecs[uc + i], vecs[v + i]));
      }
    }
    red[tid] = acc;
    workgroupBarrier();
    for (var h = G / 2u; h > 0u; h = h >> 1u) {
      if (lane < h) {
        red[tid] = vec4f(df_add(red[tid].xy, red[tid + h].xy), df_add(red[tid].zw, red[tid + h].zw));
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
  @builtin(num_workgroups) nwg: vec3u,
) {
  df64_init(nwg);
  let m = params.m;
  let b = wid.x;
  let n = sizes[b];
  let tid = lid.x;
  let A0 = b * m * m;
  let stride = 2u * m;
  let V0 = b * (panel_width(m) + 1u) * stride;
  let P = panel_width(n);

  var s = 0u;
  for (var j = 0u; j < n; j++) {
    let L = j - s;
    let full = L == P;
    let uc = V0 + L * stride; // u_j
    let wc = uc + m; // p_j, then w_j
    let tau = reflect_column(A0, m, n, j, b, V0, V0 + m, stride, L, uc, tid);
    storageBarrier();
    workgroupBarrier();

    // 3. p_j = τ A^{(j)} u_j; the dot u_j†p_j on the way. A thread owns the columns i ≡ j + 1 + tid
    // (mod WG), here and in 4., and walks their rows RPT at a time (RPT loads in flight).
    // a. the pending pairs enter through their dot products with u_j
    let Lp = select(L, 0u, full);
    if (Lp > 0u) {
      panel_dots(V0, stride, m, n, j, Lp, uc, tid);
    }
    var dot = vec4f(0.0);
    for (var i = j + 1u + tid; i < n; i += WG) {
      var p = vec4f(0.0);
      for (var k0 = j + 1u; k0 < n; k0 += RPT) {
        var x: array<vec4f, RPT>;
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
                x[r] = c_sub(x[r], c_add(c_mul_conj(vecs[uq + k], wi), c_mul_conj(vecs[wq + k], ui)));
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
            p = c_add(p, c_mul_conj(vecs[uc + k], x[r]));
          }
        }
      }
      // a. (A^{(s)} − Σ_l (u_l w_l† + w_l u_l†)) u_j at i
      for (var q = 0u; q < Lp; q++) {
        let uq = V0 + q * stride;
        p = c_sub(p, c_add(c_mul(vecs[uq + i], pdots[q]), c_mul(vecs[uq + m + i], pdots[Lp + q])));
      }
      let pi = c_scale(p, tau);
      vecs[wc + i] = pi;
      dot = c_add(dot, c_mul_conj(pi, vecs[uc + i]));
    }
    // 4. w_j = p_j − (τ/2)(u_j†p_j) u_j (the reduction's barriers also end every read of the pending
    // pairs: a full panel's pair 0 may be overwritten below)
    let K = df_mul(df_mul(tau, vec2f(0.5, 0.0)), reduce(dot, tid).xy);
    for (var i = j + 1u + tid; i < n; i += WG) {
      let w = c_sub(vecs[wc + i], c_scale(vecs[uc + i], K));
      vecs[wc + i] = w;
      if (full) {
        vecs[V0 + i] = vecs[uc + i];
        vecs[V0 + m + i] = w;
      }
    }
    if (full) { s = j; }
    storageBarrier();
    workgroupBarrier();
  }
}
