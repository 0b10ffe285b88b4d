// ritz-tiny.wgsl — step 4 of fast mode's graded Rayleigh–Ritz (src/spectrum/graded-ritz.ts, ritzValues):
// splits H = T̃·Gc·T̃† into what needs an eigensolver and what does not. C's f32 values λ are sorted
// ascending, so the values below τ (and above 1 − τ) index H's leading (trailing) block. Those are the
// values f32 cannot order (λ ~ 1e−9 errs by ~1e−8): their vectors mix freely, and H is dense there; each
// such block gets its own f32 Householder reduction and bisection (householder-f32.wgsl,
// tridiagonal-bisection.wgsl), whose error is then u times the block's own norm (≤ τ), not u·‖C‖.
// Everywhere else H's diagonal is the Ritz value (its off-diagonal, ~u, moves values at second order).
// Per matrix b:
//   diag[b, i] = Re H[b, i, i] for every i;
//   sizes[b] = n_lo = #{λ_i < τ}, sizes[B + b] = n_hi = #{λ_i > 1 − τ} (n_lo + n_hi ≤ n);
//   tiny[b] = H's leading n_lo×n_lo block, tiny[B + b] = its trailing n_hi×n_hi block, each as the
//   leading block of an n×n matrix (the rest untouched).
//
// Buffers (complex as vec2f (re, im), matrices [·, n, n] row-major):
//   @binding(0) values: array<f32>   [B, n] C's values, ascending — read
//   @binding(1) h:      array<vec2f> [B, n, n] H — read
//   @binding(2) diag:   array<f32>   [B, n] — written
//   @binding(3) tiny:   array<vec2f> [2B, n, n] — written (leading blocks)
//   @binding(4) sizes:  array<u32>   [2B] — written
//   @binding(5) params: { n: u32, B: u32, tau: f32 } — uniform
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b); WG is an override constant.

override WG: u32 = 64u;

struct Params {
  n: u32,
  B: u32,
  tau: f32,
}

@group(0) @binding(0) var<storage, read> values: array<f32>;
@group(0) @binding(1) var<storage, read> h: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> diag: array<f32>;
@group(0) @binding(3) var<storage, read_write> tiny: array<vec2f>;
@group(0) @binding(4) var<storage, read_write> sizes: array<u32>;
@group(0) @binding(5) var<uniform> params: Params;

var<workgroup> counts: array<atomic<u32>, 2>;

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let n = params.n;
  let b = wid.x;
  let tid = lid.x;
  let base = b * n * n;
  if (tid == 0u) {
    atomicStore(&counts[0], 0u);
    atomicStore(&counts[1], 0u);
  }
  workgroupBarrier();
  var lo = 0u;
  var hi = 0u;
  for (var i = tid; i < n; i += WG) {
    let x = values[b * n + i];
    if (x < params.tau) { lo++; }
    if (x > 1.0 - params.tau) { hi++; }
    diag[b * n + i] = h[base + i * n + i].x;
  }
  atomicAdd(&counts[0], lo);
  atomicAdd(&counts[1], hi);
  workgroupBarrier();
  let nlo = atomicLoad(&counts[0]);
  let nhi = atomicLoad(&counts[1]);
  if (tid == 0u) {
    sizes[b] = nlo;
    sizes[params.B + b] = nhi;
  }
  for (var k = tid; k < nlo * nlo; k += WG) {
    let i = k / nlo;
    let j = k % nlo;
    tiny[base + i * n + j] = h[base + i * n + j];
  }
  let off = n - nhi;
  let hbase = (params.B + b) * n * n;
  for (var k = tid; k < nhi * nhi; k += WG) {
    let i = k / nhi;
    let j = k % nhi;
    tiny[hbase + i * n + j] = h[base + (off + i) * n + off + j];
  }
}
