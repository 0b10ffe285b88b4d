// df64-probe.wgsl — checks that double-float arithmetic (df64.wgsl, prepended) is exact on this
// device: for each input pair (a, b) it writes two_sum(a, b) and two_prod(a, b); the host compares
// them with the exact f64 values. A compiler that fuses or reorders the error terms away fails here.
//
// Buffers:
//   @binding(0) inp: array<vec2f>  [count] pairs (a, b) — read
//   @binding(1) out: array<vec4f>  [count] (two_sum hi, lo, two_prod hi, lo) — written
// Workgroup: (64, 1, 1) over the pairs.

@group(0) @binding(0) var<storage, read> inp: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4f>;

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let k = gid.x;
  if (k >= arrayLength(&inp)) { return; }
  let a = inp[k].x;
  let b = inp[k].y;
  out[k] = vec4f(two_sum(a, b), two_prod(a, b));
}
