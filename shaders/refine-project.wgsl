// refine-project.wgsl — S = X̂†Y (= X̂†AX̂, with Y from refine-apply.wgsl) and the Gram matrix
// G = X̂†X̂, both in double-float (df64.wgsl, prepended): the two matrices from which the CPU refines
// the block entropy to second order (src/spectrum/rayleigh-entropy.ts). Products of two f32 numbers
// are exact in df64, so G carries the non-orthogonality of the f32 eigenvectors to ~2⁻⁴⁷.
//
// Buffers:
//   @binding(0) x: array<vec2f>  [batch, n, n] row-major, (re, im) f32 — read
//   @binding(1) y: array<vec4f>  [batch, n, n] row-major, (re.hi, re.lo, im.hi, im.lo) — read
//   @binding(2) s: array<vec4f>  [batch, n, n] S, same layout as y — written
//   @binding(3) g: array<vec4f>  [batch, n, n] G, same layout as y — written
//   @binding(4) params: { n: u32 } — uniform
// Workgroup: (TILE, TILE, 1) over (column j, row i, matrix b); TILE is an override constant.

override TILE: u32 = 8u;

struct Params {
  n: u32,
}

@group(0) @binding(0) var<storage, read> x: array<vec2f>;
@group(0) @binding(1) var<storage, read> y: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> s: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> g: array<vec4f>;
@group(0) @binding(4) var<uniform> params: Params;

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let n = params.n;
  let j = gid.x;
  let i = gid.y;
  if (i >= n || j >= n) { return; }
  let base = gid.z * n * n;
  var sre = vec2f(0.0);
  var sim = vec2f(0.0);
  var gre = vec2f(0.0);
  var gim = vec2f(0.0);
  for (var k = 0u; k < n; k++) {
    let Xi = x[base + k * n + i];
    let Xj = x[base + k * n + j];
    let Y = y[base + k * n + j];
    // conj(X_ki)·Y_kj = (Xr Yr + Xi Yi) + i (Xr Yi − Xi Yr)
    sre = df_add(sre, df_mul_f(Y.xy, Xi.x));
    sre = df_add(sre, df_mul_f(Y.zw, Xi.y));
    sim = df_add(sim, df_mul_f(Y.zw, Xi.x));
    sim = df_add(sim, df_mul_f(-Y.xy, Xi.y));
    // conj(X_ki)·X_kj
    gre = df_add(gre, two_prod(Xi.x, Xj.x));
    gre = df_add(gre, two_prod(Xi.y, Xj.y));
    gim = df_add(gim, two_prod(Xi.x, Xj.y));
    gim = df_add(gim, two_prod(-Xi.y, Xj.x));
  }
  s[base + i * n + j] = vec4f(sre, sim);
  g[base + i * n + j] = vec4f(gre, gim);
}
