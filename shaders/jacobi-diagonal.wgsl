// jacobi-diagonal.wgsl — gathers the diagonals (the eigenvalues, once Jacobi has converged) of a batch
// of complex matrices.
//
// Buffers:
//   @binding(0) a: array<vec2f>   [batch, n, n] row-major, (re, im) interleaved — read
//   @binding(1) out: array<f32>   [batch, n]: out[b·n + i] = Re a[b][i][i] — written
//   @binding(2) params: { n: u32, batch: u32 } — uniform
// Workgroup: (WG, 1, 1) over the batch·n diagonal entries; WG is an override constant.

override WG: u32 = 64u;

struct Params {
  n: u32,
  batch: u32,
}

@group(0) @binding(0) var<storage, read> a: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let n = params.n;
  if (k >= n * params.batch) { return; }
  let b = k / n;
  let i = k % n;
  out[k] = a[b * n * n + i * n + i].x;
}
