// householder-tridiagonal.wgsl — reduces a batch of complex Hermitian matrices to real symmetric
// tridiagonal form T = Q†AQ by Householder reflections, in double-float (df64.wgsl and
// householder-reduce.wgsl, prepended), and writes T's diagonal d and the moduli e of its
// off-diagonal; the host finds T's eigenvalues in f64.
//
// Why df64 and not f32: a thermal bath block is graded (hundreds of eigenvalues below 1e−7), and a
// reduction in f32 moves every eigenvalue by ~1e−7·‖A‖, which shifts Σh by ~1e−3 at K = 1000.
// Double-float keeps that ~1e−13.
//
// Step j (A^{(j)} = A after j reflections, u_j the reflector of column j, τ_j its scale, p_j = τ_j
// A^{(j)} u_j, w_j = p_j − (τ_j/2)(u_j†p_j) u_j, so that A^{(j+1)} = A^{(j)} − u_j w_j† − w_j u_j†):
//   1. row j of A^{(j)} from A^{(j−1)} and (u_{j−1}, w_{j−1}): its conjugate is column j, x = A_{j+1.., j};
//   2. σ = ‖x‖ (workgroup reductions, x scaled by a power of two first), then e_j = σ and
//      u_j = x + (x_0/|x_0|)σ e_1, τ_j = 1/(σ(σ + |x_0|)) (u_j, τ_j of the scaled x: τ u u† is the same);
//   3. one pass over the trailing block (rows and columns > j) that both applies step j−1's rank-2
//      update and accumulates p_j: the matrix is read and written once per step;
//   4. w_j from p_j and the workgroup reduction u_j†p_j.
// Step 0 runs the same code with u_{−1} = w_{−1} = 0.
//
// Buffers:
//   @binding(0) a:      array<vec4f> [B, m, m] row-major complex df64 (re.hi, re.lo, im.hi, im.lo);
//                       only matrix b's leading n_b×n_b block is read — read, overwritten
//   @binding(1) sizes:  array<u32> [B] n_b ≤ m — read
//   @binding(2) vecs:   array<vec4f> [B, 4, m] scratch: u of even and odd steps, w, p — written
//   @binding(3) out:    array<vec4f> [B, m] (d_j.hi, d_j.lo, e_j.hi, e_j.lo), e_j = |T_{j+1,j}|,
//                       e_{n−1} = 0; entries j ≥ n_b untouched — written
//   @binding(4) params: { m: u32 } — uniform
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b); WG is an override constant.

// columns each thread carries through a pass: independent loads in flight per row
const CPT: u32 = 4u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read_write> a: array<vec4f>;
@group(0) @binding(1) var<storage, read> sizes: array<u32>;
@group(0) @binding(2) var<storage, read_write> vecs: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> out: array<vec4f>;
@group(0) @binding(4) var<uniform> params: Params;

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
  let V0 = b * 4u * m;
  let wp = V0 + 2u * m;
  let pp = V0 + 3u * m;
  for (var i = tid; i < 4u * m; i += WG) {
    vecs[V0 + i] = vec4f(0.0);
  }
  storageBarrier();
  workgroupBarrier();

  for (var j = 0u; j < n; j++) {
    let up = V0 + ((j + 1u) % 2u) * m; // u_{j−1}
    let uc = V0 + (j % 2u) * m; // u_j, over u_{j−2}
    let tau = reflect_column(A0, m, n, j, b, up, uc, wp, tid);
    storageBarrier();
    workgroupBarrier();

    // 3. A^{(j)} over the trailing block, and p_j = τ A^{(j)} u_j; the dot u_j†p_j on the way
    var dot = vec4f(0.0);
    for (var c0 = j + 1u; c0 < n; c0 += WG * CPT) {
      var p: array<vec4f, CPT>;
      var wi: array<vec4f, CPT>;
      var ui: array<vec4f, CPT>;
      for (var c = 0u; c < CPT; c++) {
        let i = c0 + tid + c * WG;
        p[c] = vec4f(0.0);
        if (i < n) {
          wi[c] = vecs[wp + i];
          ui[c] = vecs[up + i];
        } else {
          wi[c] = vec4f(0.0);
          ui[c] = vec4f(0.0);
        }
      }
      for (var k = j + 1u; k < n; k++) {
        let uk = vecs[up + k];
        let wk = vecs[wp + k];
        let vk = vecs[uc + k];
        for (var c = 0u; c < CPT; c++) {
          let i = c0 + tid + c * WG;
          if (i < n) {
            let at = A0 + k * m + i;
            // A_ki −= u_k conj(w_i) + w_k conj(u_i); p_i += A_ik u_k = u_k conj(A_ki)
            let x = c_sub(a[at], c_add(c_mul_conj(uk, wi[c]), c_mul_conj(wk, ui[c])));
            a[at] = x;
            p[c] = c_add(p[c], c_mul_conj(vk, x));
          }
        }
      }
      for (var c = 0u; c < CPT; c++) {
        let i = c0 + tid + c * WG;
        if (i < n) {
          let pi = c_scale(p[c], tau);
          vecs[pp + i] = pi;
          dot = c_add(dot, c_mul_conj(pi, vecs[uc + i]));
        }
      }
    }
    // 4. w_j = p_j − (τ/2)(u_j†p_j) u_j (the reduction's barriers also end every read of w_{j−1})
    let K = df_mul(df_mul(tau, vec2f(0.5, 0.0)), reduce(dot, tid).xy);
    if (tid == 0u) { vecs[wp + j] = vec4f(0.0); }
    for (var i = j + 1u + tid; i < n; i += WG) {
      vecs[wp + i] = c_sub(vecs[pp + i], c_scale(vecs[uc + i], K));
    }
    storageBarrier();
    workgroupBarrier();
  }
}
