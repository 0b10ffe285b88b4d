// refine-apply.wgsl — Y = A·X̂ in double-float (df64.wgsl, prepended), the first half of the Rayleigh
// quotients X̂†AX̂ of accurate mode: A a batch of complex Hermitian blocks given in df64, X̂ their f32
// eigenvector estimates from Jacobi (columns).
//
// Buffers:
//   @binding(0) a: array<vec4f>  [batch, n, n] row-major, (re.hi, re.lo, im.hi, im.lo) — read
//   @binding(1) x: array<vec2f>  [batch, n, n] row-major, (re, im) f32 — read
//   @binding(2) y: array<vec4f>  [batch, n, n] row-major, (re.hi, re.lo, im.hi, im.lo) — written
//   @binding(3) params: { n: u32 } — uniform
// Workgroup: (TILE, TILE, 1) over (column j, row i, matrix b); TILE is an override constant.

override TILE: u32 = 8u;

struct Params {
  n: u32,
}

@group(0) @binding(0) var<storage, read> a: array<vec4f>;
@group(0) @binding(1) var<storage, read> x: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> y: array<vec4f>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let n = params.n;
  let j = gid.x;
  let i = gid.y;
  if (i >= n || j >= n) { return; }
  let base = gid.z * n * n;
  var re = vec2f(0.0);
  var im = vec2f(0.0);
  for (var k = 0u; k < n; k++) {
    let A = a[base + i * n + k];
    let X = x[base + k * n + j];
    // (A_re + i A_im)(X_re + i X_im)
    re = df_add(re, df_mul_f(A.xy, X.x));
    re = df_add(re, df_mul_f(-A.zw, X.y));
    im = df_add(im, df_mul_f(A.xy, X.y));
    im = df_add(im, df_mul_f(A.zw, X.x));
  }
  y[base + i * n + j] = vec4f(re, im);
}
