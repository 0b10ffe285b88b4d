// deleted-row-time.wgsl — the per-time header that deleted-row-weights.wgsl and
// deleted-row-secular.wgsl read (prepended to both; not a kernel by itself), as
// src/engine/webgpu/deleted-row-former.ts packs it: the time's number of pole groups P (distinct
// occupations of C(0)), the offset of its job's static group arrays (gBase), of the time's modes in
// evolve-vectors.wgsl's output (outBase), and of its per-group weights and entropy terms (wBase,
// ascending in τ: the groups of all times lie one after another).
struct DeletedRowTime {
  P: u32, gBase: u32, outBase: u32, wBase: u32,
}

// Both kernels run one invocation per group of every time, over a flat index (x + y·width, so that
// more than 65535 workgroups fit): small times do not leave most of a workgroup idle, as a workgroup
// row per time would at K = 16 (P ≈ 33 of 64 threads).
fn flat_index(gid: vec3u, nwg: vec3u) -> u32 {
  return gid.x + gid.y * nwg.x * 64u;
}

// the time τ that flat group index i belongs to: the last with wBase ≤ i (binary search)
fn time_of(i: u32, count: u32) -> u32 {
  var lo = 0u;
  var hi = count;
  while (hi - lo > 1u) {
    let mid = (lo + hi) / 2u;
    if (times[mid].wBase <= i) { lo = mid; } else { hi = mid; }
  }
  return lo;
}
