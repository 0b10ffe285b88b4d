// form-factor.wgsl — fast mode's bath factors B (rows start..start+K−1 of conj(U), U = e^{−iℋt}), for a
// batch of blocks, from the O(N + G) vectors of each time (src/propagation/correlation-blocks.ts,
// FactorVectors, and the spectrum's u, group, D, Ẑ): for row mode l (group h) and column k,
//   k = 0:                 U_0l = u_l G_h
//   mode k − 1 = k' in h:  U_k'l = u_k' u_l H_h + P_h (δ_k'l − u_k' u_l)
//   k' in g ≠ h:           U_k'l = u_k' u_l (Ẑ_h G_g − Ẑ_g G_h)/(D_g − D_h)
//   k' uncoupled:          0;   l uncoupled (h < 0): U_k'l = δ_k'l Q_l
// and B = conj(U) entrywise (U is symmetric).
// WHY df64 (df64.wgsl, prepended): Ẑ_h G_g − Ẑ_g G_h cancels where D_g ≈ D_h (close levels of the
// two baths), each term ~1/(gap) times the result; evaluated in f32 that loses the digits the graded
// Rayleigh–Ritz needs. In double-float (inputs split exactly from f64) it matches the host's f64 to
// far below f32's rounding; each entry is rounded to f32 once, at the end (the df64 hi part).
//
// Buffers:
//   @binding(0) modes:   array<vec4f> [Σ_times N − 1]: per bath mode k of a time
//                        (u_k.hi, u_k.lo, Q_k.re, Q_k.im) — Q in f32 (used as is) — read
//   @binding(1) groupOf: array<i32>   [Σ_times N − 1]: group of mode k, −1 when uncoupled — read
//   @binding(2) groups:  array<vec4f> [Σ_times G, 4]: per group, df64 pairs (hi, lo)
//                        (G.re, G.im), (H.re, H.im), (P.re, P.im), (D, Ẑ) — read
//   @binding(3) blocks:  array<vec4u> [Bn, 2]: (start ≥ 1, K, N, mode 0's index in modes),
//                        (group 0's index in groups, 0, 0, 0) — read
//   @binding(4) out:     array<vec2f> [Bn, m, D] row-major complex f32 (re, im): row i < K, column
//                        k < N of block b is B_ik at (b·m + i)·D + k; zero elsewhere — written
//   @binding(5) params:  { m: u32, D: u32 } — uniform
// Workgroup: (WG, 1, 1) over (column k, row i, block b): one thread an entry; WG is an override constant.

override WG: u32 = 64u;

struct Params {
  m: u32,
  D: u32,
}

@group(0) @binding(0) var<storage, read> modes: array<vec4f>;
@group(0) @binding(1) var<storage, read> groupOf: array<i32>;
@group(0) @binding(2) var<storage, read> groups: array<vec4f>;
@group(0) @binding(3) var<storage, read> blocks: array<vec4u>;
@group(0) @binding(4) var<storage, read_write> out: array<vec2f>;
@group(0) @binding(5) var<uniform> params: Params;

// U_kl (k, l bath modes, l coupled in group h) as df64 (re, im)
fn coupled(mb: u32, gb: u32, k: u32, l: u32, h: u32, ul: vec2f) -> vec4f {
  let g = groupOf[mb + k];
  if (g < 0) { return vec4f(0.0); }
  let uu = df_mul(modes[mb + k].xy, ul);
  let hh = 4u * (gb + h);
  if (u32(g) == h) {
    // uu·H + P·(δ − uu)
    let H = groups[hh + 1u];
    let P = groups[hh + 2u];
    let w = df_add(select(vec2f(0.0), vec2f(1.0, 0.0), k == l), -uu);
    return vec4f(df_add(df_mul(uu, H.xy), df_mul(P.xy, w)), df_add(df_mul(uu, H.zw), df_mul(P.zw, w)));
  }
  let gg = 4u * (gb + u32(g));
  let Gg = groups[gg];
  let Gh = groups[hh];
  let Dg = groups[gg + 3u].xy;
  let Zg = groups[gg + 3u].zw;
  let Dh = groups[hh + 3u].xy;
  let Zh = groups[hh + 3u].zw;
  // uu·(Ẑ_h G_g − Ẑ_g G_h)/(D_g − D_h)
  let gap = df_add(Dg, -Dh);
  let nr = df_add(df_mul(Zh, Gg.xy), -df_mul(Zg, Gh.xy));
  let ni = df_add(df_mul(Zh, Gg.zw), -df_mul(Zg, Gh.zw));
  return vec4f(df_div(df_mul(uu, nr), gap), df_div(df_mul(uu, ni), gap));
}

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let m = params.m;
  let D = params.D;
  let col = gid.x;
  let i = gid.y;
  let b = gid.z;
  if (col >= D) { return; }
  let info = blocks[2u * b];
  let mb = info.w;
  let gb = blocks[2u * b + 1u].x;
  var v = vec2f(0.0);
  if (i < info.y && col < info.z) {
    let l = info.x - 1u + i;
    let h = groupOf[mb + l];
    if (h < 0) {
      if (col == l + 1u) {
        let q = modes[mb + l].zw;
        v = vec2f(q.x, -q.y);
      }
    } else {
      let ul = modes[mb + l].xy;
      var u: vec4f;
      if (col == 0u) {
        let G = groups[4u * (gb + u32(h))];
        u = vec4f(df_mul(ul, G.xy), df_mul(ul, G.zw));
      } else {
        u = coupled(mb, gb, col - 1u, l, u32(h), ul);
      }
      v = vec2f(u.x, -u.z);
    }
  }
  out[(b * m + i) * D + col] = v;
}
