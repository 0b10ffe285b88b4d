// form-blocks.wgsl — the bath blocks C_LL(t), C_RR(t) in double-float, for many times at once, from
// the O(N) vectors of each time (src/propagation/correlation-blocks.ts, BlockVectors):
//   C_ij = (M_ij − z_i C_0j + z_j conj(C_0i))/(ε_i − ε_j),  M_ij = conj(r_i) q_j − conj(q_i) r_j  (i ≠ j),
//   C_ii = diag_i.
// The numerator cancels (terms ~|r||q|, result ~Δε·|C_ij|), so it is evaluated in double-float
// (df64.wgsl, prepended), as the tridiagonal reduction that reads the blocks needs anyway. Entries are
// computed for i > j and conjugated for i < j, as on the CPU, so each block is exactly Hermitian.
//
// Buffers:
//   @binding(0) modes: array<vec4f>  [modes of all times, 5]: per mode k of a time (df64 pairs)
//                      (r.re, r.im), (q.re, q.im), (C_0k.re, C_0k.im), (diag_k, z_k), (ε_k, 0) — read
//   @binding(1) times: array<vec4u>  [T]: (K_L, K_R, N, index of the time's mode 0 in `modes`) — read
//   @binding(2) out:   array<vec2f>  [2T, m, m] row-major, two df64 pairs an entry (re.hi, re.lo),
//                      (im.hi, im.lo): matrix 2τ + β is C of bath β (0 = L, 1 = R) at time τ,
//                      zero-padded to m — written
//   @binding(3) params: { m: u32 } — uniform
// Workgroup: (TILE, TILE, 1) over (column y, row x, 2τ + β); TILE is an override constant.

override TILE: u32 = 8u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read> modes: array<vec4f>;
@group(0) @binding(1) var<storage, read> times: array<vec4u>;
@group(0) @binding(2) var<storage, read_write> out: array<vec2f>;
@group(0) @binding(3) var<uniform> params: Params;

// C_ij for bath modes i > j (indices of C), as df64 (re, im)
fn entry(base: u32, i: u32, j: u32) -> vec4f {
  let ri = modes[5u * (base + i)];
  let qi = modes[5u * (base + i) + 1u];
  let ci = modes[5u * (base + i) + 2u];
  let zi = modes[5u * (base + i) + 3u].zw;
  let di = modes[5u * (base + i) + 4u].xy;
  let rj = modes[5u * (base + j)];
  let qj = modes[5u * (base + j) + 1u];
  let cj = modes[5u * (base + j) + 2u];
  let zj = modes[5u * (base + j) + 3u].zw;
  let dj = modes[5u * (base + j) + 4u].xy;
  // M = conj(r_i) q_j − conj(q_i) r_j
  var mr = df_add(df_mul(ri.xy, qj.xy), df_mul(ri.zw, qj.zw));
  mr = df_add(mr, -df_add(df_mul(qi.xy, rj.xy), df_mul(qi.zw, rj.zw)));
  var mi = df_add(df_mul(ri.xy, qj.zw), -df_mul(ri.zw, qj.xy));
  mi = df_add(mi, -df_add(df_mul(qi.xy, rj.zw), -df_mul(qi.zw, rj.xy)));
  // − z_i C_0j + z_j conj(C_0i)
  let nr = df_add(df_add(mr, -df_mul(zi, cj.xy)), df_mul(zj, ci.xy));
  let ni = df_add(df_add(mi, -df_mul(zi, cj.zw)), -df_mul(zj, ci.zw));
  let gap = df_add(di, -dj);
  return vec4f(df_div(nr, gap), df_div(ni, gap));
}

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let m = params.m;
  let y = gid.x;
  let x = gid.y;
  if (x >= m || y >= m) { return; }
  let tau = gid.z / 2u;
  let bath = gid.z % 2u;
  let t = times[tau];
  let size = select(t.y, t.x, bath == 0u);
  let start = select(1u + t.x, 1u, bath == 0u);
  var v = vec4f(0.0);
  if (x < size && y < size) {
    if (x == y) {
      v = vec4f(modes[5u * (t.w + start + x) + 3u].xy, 0.0, 0.0);
    } else {
      v = entry(t.w, start + max(x, y), start + min(x, y));
      if (x < y) { v = vec4f(v.xy, -v.zw); }
    }
  }
  let at = ((2u * tau + bath) * m + x) * m + y;
  out[2u * at] = v.xy;
  out[2u * at + 1u] = v.zw;
}
