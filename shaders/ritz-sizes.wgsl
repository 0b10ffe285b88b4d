// ritz-sizes.wgsl — the sizes of fast mode's two tiny Ritz blocks (src/spectrum/graded-ritz.ts,
// tinySizes), before any Ritz matrix is formed, so that the products that follow are formed on those
// blocks only (f32-gemm.wgsl, RANGED). C's f32 values λ are sorted ascending: the values below τ
// index H's leading block, those above 1 − τ its trailing one. Per matrix b:
//   sizes[b] = lo = #{λ_i < τ}, sizes[B + b] = hi = #{λ_i > 1 − τ} (lo + hi ≤ n; the bisection's sizes);
//   ranges[b] = (0, lo), ranges[B + b] = (n − hi, n) (the products' index ranges).
//
// Buffers:
//   @binding(0) values: array<f32>   [B, n] C's values, ascending — read
//   @binding(1) sizes:  array<u32>   [2B] — written
//   @binding(2) ranges: array<vec2u> [2B] — written
//   @binding(3) params: { n: u32, B: u32, tau: f32 } — uniform
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b), counting by atomics; WG is an override
// constant.

override WG: u32 = 64u;

struct Params {
  n: u32,
  B: u32,
  tau: f32,
}

@group(0) @binding(0) var<storage, read> values: array<f32>;
@group(0) @binding(1) var<storage, read_write> sizes: array<u32>;
@group(0) @binding(2) var<storage, read_write> ranges: array<vec2u>;
@group(0) @binding(3) var<uniform> params: Params;

var<workgroup> counts: array<atomic<u32>, 2>;

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let n = params.n;
  let b = wid.x;
  let tid = lid.x;
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
  }
  atomicAdd(&counts[0], lo);
  atomicAdd(&counts[1], hi);
  workgroupBarrier();
  if (tid == 0u) {
    let nlo = atomicLoad(&counts[0]);
    let nhi = atomicLoad(&counts[1]);
    sizes[b] = nlo;
    sizes[params.B + b] = nhi;
    ranges[b] = vec2u(0u, nlo);
    ranges[params.B + b] = vec2u(n - nhi, n);
  }
}
