// group-sums.wgsl — the per-group sums from which row 0 and the columns of U = e^{−iℋt} follow
// (src/propagation/correlation-blocks.ts, blockVectors), for many times at once, in double-float
// (df64.wgsl and vector-time.wgsl, prepended):
//   G_g = Ẑ_g Σ_j a_j/(λ_j − D_g),  H_g = Ẑ_g² Σ_j a_j/(λ_j − D_g)²,  a_j = s_j² e^{−iλ_j t},
// with λ_j − D_g formed as τ_j + (D_{o_j} − D_g) from the split root λ_j = D_{o_j} + τ_j (accurate
// next to a pole), or as λ_j − D_g where the root has no origin pole (o_j < 0).
//
// Buffers (one time τ of a batch reads its job's static arrays at the offsets of times[τ]):
//   @binding(0) times:   array<VectorTime> [T] sizes and offsets (vector-time.wgsl) — read
//   @binding(1) coupled: array<vec2f> [Σ nc] per coupled eigenvector j: τ_j (o_j ≥ 0) or λ_j (df64) — read
//   @binding(2) origins: array<i32> [Σ nc] o_j — read
//   @binding(3) groups:  array<vec4f> [Σ G] (D_g.hi, D_g.lo, Ẑ_g.hi, Ẑ_g.lo) — read
//   @binding(4) phases:  array<vec4f> [Σ_τ nc] a_j of each time (complex df64) — read
//   @binding(5) sums:    array<vec4f> [Σ_τ G, 2] (G_g, H_g) of each time (complex df64) — written
// Workgroup: (64, 1, 1) over g; workgroup y = τ.

@group(0) @binding(0) var<storage, read> times: array<VectorTime>;
@group(0) @binding(1) var<storage, read> coupled: array<vec2f>;
@group(0) @binding(2) var<storage, read> origins: array<i32>;
@group(0) @binding(3) var<storage, read> groups: array<vec4f>;
@group(0) @binding(4) var<storage, read> phases: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> sums: array<vec4f>;

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let T = times[gid.y];
  let g = gid.x;
  if (g >= T.G) { return; }
  let grp = groups[T.gBase + g];
  let D = grp.xy;
  let Z = grp.zw;
  var Gs = vec4f(0.0);
  var Hs = vec4f(0.0);
  for (var j = 0u; j < T.nc; j++) {
    let o = origins[T.cBase + j];
    let x = coupled[T.cBase + j];
    var gap: vec2f;
    if (o < 0) {
      gap = df_add(x, -D);
    } else {
      gap = df_add(x, df_add(groups[T.gBase + u32(o)].xy, -D));
    }
    let inv = df_div(vec2f(1.0, 0.0), gap);
    let t1 = c_scale(phases[T.aBase + j], inv);
    Gs = vec4f(df_add(Gs.xy, t1.xy), df_add(Gs.zw, t1.zw));
    let t2 = c_scale(t1, inv);
    Hs = vec4f(df_add(Hs.xy, t2.xy), df_add(Hs.zw, t2.zw));
  }
  sums[2u * (T.sBase + g)] = c_scale(Gs, Z);
  sums[2u * (T.sBase + g) + 1u] = c_scale(Hs, df_mul(Z, Z));
}
