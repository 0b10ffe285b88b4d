// deleted-row-weights.wgsl — the weights of the deleted-row secular equation of C(t) (row and column 0,
// the dot, deleted: src/spectrum/deleted-row.ts), for many times at once, in double-float (df64.wgsl
// and deleted-row-time.wgsl, prepended): per group g of equal initial occupations (a pole of the
// equation), w_g = Σ_{k in g} |U_k0(t)|², with U_k0 = U_0k = r_k read from evolve-vectors.wgsl's output.
// Summed on the GPU so that the secular kernel reads one weight per pole, and no O(N) vector per time
// travels to the host for S_B.
//
// Buffers (one time τ of a batch reads its job's static arrays at times[τ].gBase):
//   @binding(0) times:   array<DeletedRowTime> [T] — read
//   @binding(1) ranges:  array<vec2u> [Σ P] per group of a job: (first index into `members`, count) — read
//   @binding(2) members: array<u32> [Σ N] the modes of each job in ascending order of C_kk(0), each
//                        group's members contiguous — read
//   @binding(3) modes:   array<vec4f> [Σ_τ N, 5] evolve-vectors.wgsl's output; r_k = U_0k is entry 0 — read
//   @binding(4) weights: array<vec2f> [Σ_τ P] w_g of each time (df64) — written
// Workgroup: (64, 1, 1) over the flat group index of the batch (deleted-row-time.wgsl).

@group(0) @binding(0) var<storage, read> times: array<DeletedRowTime>;
@group(0) @binding(1) var<storage, read> ranges: array<vec2u>;
@group(0) @binding(2) var<storage, read> members: array<u32>;
@group(0) @binding(3) var<storage, read> modes: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> weights: array<vec2f>;

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  df64_init(nwg);
  let i = flat_index(gid, nwg);
  let count = arrayLength(&times);
  let last = times[count - 1u];
  if (i >= last.wBase + last.P) { return; }
  let T = times[time_of(i, count)];
  let g = i - T.wBase;
  let range = ranges[T.gBase + g];
  var w = vec2f(0.0);
  for (var i = 0u; i < range.y; i++) {
    let r = modes[5u * (T.outBase + members[range.x + i])];
    w = df_add(w, df_add(df_mul(r.xy, r.xy), df_mul(r.zw, r.zw)));
  }
  weights[T.wBase + g] = w;
}
