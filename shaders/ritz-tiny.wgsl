// ritz-tiny.wgsl — fast mode's two tiny Ritz blocks copied out of H (src/spectrum/graded-ritz.ts): H's
// leading lo×lo block (λ < τ) and trailing hi×hi block (λ > 1 − τ), formed in place by the ranged
// products, each moved to the leading corner of its own n×n matrix, where the f32 Householder reduction
// and bisection (householder-f32.wgsl, tridiagonal-bisection.wgsl) take them by size: those are the
// values f32 cannot order (λ ~ 1e−9 errs by ~1e−8), whose vectors mix freely, so H is dense there and
// each block needs its own eigensolver (error u times the block's own norm, ≤ τ, not u·‖C‖).
// Per matrix b: tiny[b] = H's leading block, tiny[B + b] = its trailing block (the rest untouched).
//
// Buffers (complex as vec2f (re, im), matrices [·, n, n] row-major):
//   @binding(0) h:      array<vec2f> [B, n, n] H, on the two blocks — read
//   @binding(1) tiny:   array<vec2f> [2B, n, n] — written (leading blocks)
//   @binding(2) sizes:  array<u32>   [2B]: lo = sizes[b], hi = sizes[B + b] (ritz-sizes.wgsl) — read
//   @binding(3) params: { n: u32, B: u32 } — uniform
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b); WG is an override constant.

override WG: u32 = 64u;

struct Params {
  n: u32,
  B: u32,
}

@group(0) @binding(0) var<storage, read> h: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> tiny: array<vec2f>;
@group(0) @binding(2) var<storage, read> sizes: array<u32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let n = params.n;
  let b = wid.x;
  let tid = lid.x;
  let base = b * n * n;
  let nlo = sizes[b];
  let nhi = sizes[params.B + b];
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
