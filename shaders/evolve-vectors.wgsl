// evolve-vectors.wgsl — the O(N) vectors of C(t) = U†C(0)U, U = e^{−iℋt}, for many times at once, in
// double-float (df64.wgsl and vector-time.wgsl, prepended): the occupations C_jj, q_j = Σ_k a_k U_kj (a_k = z_k(n_k − n_0))
// and C_0j = Σ_k n_k conj(U_k0) U_kj, each column U_·j streamed from its closed Cauchy form in the
// arrowhead eigenpairs (src/propagation/correlation-blocks.ts, blockVectors and fillColumn), with the
// group sums of group-sums.wgsl. Written straight in the layout form-blocks.wgsl reads, so the bath
// blocks follow on the GPU and only the occupations and dot weights go back to the host.
//
// Buffers (VectorTime: vector-time.wgsl; mode k ≥ 1 of a time is bath mode k − 1 of its job):
//   @binding(0) times:   array<VectorTime> [T] — read
//   @binding(1) groups:  array<vec4f> [Σ G] (D_g, Ẑ_g) df64 — read
//   @binding(2) modes:   array<vec4f> [Σ M, 2] per bath mode: (u.hi, u.lo, z.hi, z.lo), (n.hi, n.lo, ε.hi, ε.lo) — read
//   @binding(3) mgroup:  array<i32> [Σ M] the mode's group (−1: uncoupled) — read
//   @binding(4) sums:    array<vec4f> [Σ_τ G, 2] (G_g, H_g) of each time — read
//   @binding(5) tphase:  array<vec4f> per time, at its offsets: e^{−iD_g t} [G] at pBase, e^{−iε t} of
//                        uncoupled modes [M] at eBase (others unused), then U_00 = Σ_j a_j and
//                        (n_0.hi, n_0.lo, 0, 0) at tau (the field holds that offset here) — read
//   @binding(6) out:     array<vec4f> [Σ_τ N, 5] per mode j of a time: r_j = U_0j, q_j, C_0j,
//                        (C_jj, z_j), (ε_j, 0, 0) — form-blocks.wgsl's `modes` — written
// Workgroup: (64, 1, 1) over the column j; workgroup y = τ.

@group(0) @binding(0) var<storage, read> times: array<VectorTime>;
@group(0) @binding(1) var<storage, read> groups: array<vec4f>;
@group(0) @binding(2) var<storage, read> modes: array<vec4f>;
@group(0) @binding(3) var<storage, read> mgroup: array<i32>;
@group(0) @binding(4) var<storage, read> sums: array<vec4f>;
@group(0) @binding(5) var<storage, read> tphase: array<vec4f>;
@group(0) @binding(6) var<storage, read_write> out: array<vec4f>;

// U_0k = U_k0 (U is symmetric): Σ_j a_j for k = 0, u_k G_g for bath mode k − 1 in group g, else 0
fn row0(T: VectorTime, k: u32) -> vec4f {
  if (k == 0u) { return tphase[T.tau]; }
  let g = mgroup[T.mBase + k - 1u];
  if (g < 0) { return vec4f(0.0); }
  return c_scale(sums[2u * (T.sBase + u32(g))], modes[2u * (T.mBase + k - 1u)].xy);
}

// U_kj for j ≥ 1, k ≥ 1 (bath modes kk = k − 1, l = j − 1)
fn entry(T: VectorTime, kk: u32, l: u32, h: i32) -> vec4f {
  if (h < 0) {
    return select(vec4f(0.0), tphase[T.eBase + l], kk == l);
  }
  let g = mgroup[T.mBase + kk];
  if (g < 0) { return vec4f(0.0); }
  let uu = df_mul(modes[2u * (T.mBase + kk)].xy, modes[2u * (T.mBase + l)].xy);
  if (g == h) {
    // uu H_g + e^{−iD_g t}(δ_kl − uu)
    let d = df_add(vec2f(select(0.0, 1.0, kk == l), 0.0), -uu);
    let a = c_scale(sums[2u * (T.sBase + u32(g)) + 1u], uu);
    let b = c_scale(tphase[T.pBase + u32(g)], d);
    return vec4f(df_add(a.xy, b.xy), df_add(a.zw, b.zw));
  }
  // uu (Ẑ_h G_g − Ẑ_g G_h)/(D_g − D_h)
  let gg = groups[T.gBase + u32(g)];
  let gh = groups[T.gBase + u32(h)];
  let x = c_scale(sums[2u * (T.sBase + u32(g))], gh.zw);
  let y = c_scale(sums[2u * (T.sBase + u32(h))], gg.zw);
  let c = df_div(uu, df_add(gg.xy, -gh.xy));
  return c_scale(vec4f(df_add(x.xy, -y.xy), df_add(x.zw, -y.zw)), c);
}

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let T = times[gid.y];
  let j = gid.x;
  if (j >= T.N) { return; }
  let n00 = tphase[T.tau + 1u].xy;
  var h = -1;
  if (j > 0u) { h = mgroup[T.mBase + j - 1u]; }
  var diag = vec2f(0.0);
  var q = vec4f(0.0);
  var c0 = vec4f(0.0);
  for (var k = 0u; k < T.N; k++) {
    var U: vec4f;
    if (j == 0u) {
      U = row0(T, k);
    } else if (k == 0u) {
      U = row0(T, j);
    } else {
      U = entry(T, k - 1u, j - 1u, h);
    }
    let rk = row0(T, k);
    var nk = n00;
    if (k > 0u) {
      let mk = modes[2u * (T.mBase + k - 1u) + 1u];
      nk = mk.xy;
      // a_k U_kj, a_k = z_k (n_k − n_0)
      let a = df_mul(modes[2u * (T.mBase + k - 1u)].zw, df_add(nk, -n00));
      let t = c_scale(U, a);
      q = vec4f(df_add(q.xy, t.xy), df_add(q.zw, t.zw));
    }
    diag = df_add(diag, df_mul(nk, df_add(df_mul(U.xy, U.xy), df_mul(U.zw, U.zw))));
    let t = c_scale(c_mul_conj(U, rk), nk);
    c0 = vec4f(df_add(c0.xy, t.xy), df_add(c0.zw, t.zw));
  }
  var ze = vec4f(0.0);
  if (j > 0u) { ze = modes[2u * (T.mBase + j - 1u) + 1u]; }
  var zj = vec2f(0.0);
  if (j > 0u) { zj = modes[2u * (T.mBase + j - 1u)].zw; }
  let at = 5u * (T.outBase + j);
  out[at] = row0(T, j);
  out[at + 1u] = q;
  out[at + 2u] = c0;
  out[at + 3u] = vec4f(diag, zj);
  out[at + 4u] = vec4f(ze.zw, 0.0, 0.0);
}
