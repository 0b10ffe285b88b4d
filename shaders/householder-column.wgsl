// householder-column.wgsl — one step j of the Householder tridiagonalization of householder-tridiagonal.wgsl,
// split over workgroups for large matrices (few per batch): this kernel is the step's sequential
// part, one workgroup per matrix; householder-trailing.wgsl is its O(n²) part over many workgroups
// per matrix. The host dispatches both for j = 0 … m−1 in one compute pass (its barriers between
// dispatches stand for the fused kernel's workgroup barriers). In double-float (df64.wgsl and householder-reduce.wgsl, prepended).
//
// Step j here (the fused kernel's numbering, same formulas, same scaling):
//   0. (j > 0) finishes step j − 1: p_{j−1} = τ_{j−1} Σ_r (row range r's part, from the trailing
//      kernel, added in order), w_{j−1} = p_{j−1} − (τ_{j−1}/2)(u_{j−1}†p_{j−1}) u_{j−1};
//   1. row j of A^{(j)} from A^{(j−1)} and (u_{j−1}, w_{j−1}): d_j and x = A_{j+1.., j};
//   2. the reflector u_j, τ_j from x scaled by a power of two; writes (d_j, e_j) and τ_j.
// Why a split at all: one workgroup per matrix runs the n steps of a K = 4000 block one after another
// on one multiprocessor (tens of seconds); here each step's trailing pass spreads over
// ~(n/64)·(n/256) workgroups. The sums differ from the fused kernel's in order only (same accuracy,
// other last bits), so the engine picks the split by the matrix size alone, never by what shares a
// batch.
//
// Buffers (as householder-tridiagonal.wgsl, plus):
//   @binding(0) a:       array<vec4f> [B, m, m] complex df64, read (row j)
//   @binding(1) sizes:   array<u32> [B] n_b ≤ m — read
//   @binding(2) vecs:    array<vec4f> [B, 4, m] u of even and odd steps, w, p — read, written
//   @binding(3) out:     array<vec4f> [B, m] (d_j, e_j) — written
//   @binding(4) parts:   array<vec4f> [B, R, m] the trailing kernel's row-range parts of A u — read
//   @binding(5) taus:    array<vec2f> [B] τ of the last step — read, written
//   @binding(6) params:  { m, j, R } — uniform (one slot per step)
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b); WG is an override constant.

struct Params {
  m: u32,
  j: u32,
  R: u32,
}

@group(0) @binding(0) var<storage, read> a: array<vec4f>;
@group(0) @binding(1) var<storage, read> sizes: array<u32>;
@group(0) @binding(2) var<storage, read_write> vecs: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> out: array<vec4f>;
@group(0) @binding(4) var<storage, read> parts: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> taus: array<vec2f>;
@group(0) @binding(6) var<uniform> params: Params;

@compute @workgroup_size(WG, 1, 1)
fn main(
  @builtin(workgroup_id) wid: vec3u,
  @builtin(local_invocation_id) lid: vec3u,
  @builtin(num_workgroups) nwg: vec3u,
) {
  df64_init(nwg);
  let m = params.m;
  let j = params.j;
  let b = wid.x;
  let n = sizes[b];
  if (j >= n) { return; }
  let tid = lid.x;
  let A0 = b * m * m;
  let V0 = b * 4u * m;
  let wp = V0 + 2u * m;
  let pp = V0 + 3u * m;
  let up = V0 + ((j + 1u) % 2u) * m; // u_{j−1}
  let uc = V0 + (j % 2u) * m; // u_j, over u_{j−2}
  if (j == 0u) {
    for (var i = tid; i < 4u * m; i += WG) {
      vecs[V0 + i] = vec4f(0.0);
    }
  } else {
    // 0. p_{j−1} and w_{j−1} (u_{j−1} is at up: it was uc of step j − 1)
    let tau0 = taus[b];
    var dot = vec4f(0.0);
    for (var i = j + tid; i < n; i += WG) {
      var p = vec4f(0.0);
      for (var r = 0u; r < params.R; r++) {
        p = c_add(p, parts[(b * params.R + r) * m + i]);
      }
      let pi = c_scale(p, tau0);
      vecs[pp + i] = pi;
      dot = c_add(dot, c_mul_conj(pi, vecs[up + i]));
    }
    let K = df_mul(df_mul(tau0, vec2f(0.5, 0.0)), reduce(dot, tid).xy);
    if (tid == 0u) { vecs[wp + j - 1u] = vec4f(0.0); }
    for (var i = j + tid; i < n; i += WG) {
      vecs[wp + i] = c_sub(vecs[pp + i], c_scale(vecs[up + i], K));
    }
  }
  storageBarrier();
  workgroupBarrier();

  // one pending update, step j − 1's (zero at j = 0)
  let tau = reflect_column(A0, m, n, j, b, up, wp, 0u, 1u, uc, tid);
  // every thread read τ_{j−1} in part 0, before the reductions' barriers
  if (tid == 0u) {
    taus[b] = tau;
  }
}
