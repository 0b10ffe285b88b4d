// vector-time.wgsl — the per-time header that group-sums.wgsl and evolve-vectors.wgsl read (prepended
// to both; not a kernel by itself), as src/engine/webgpu/vector-former.ts packs it: the time's sizes
// (coupled eigenvectors nc, groups G, modes N), the offsets of its job's static arrays (cBase, gBase,
// mBase), of its phases (aBase; pBase, eBase into the per-time phases), of its output modes (outBase)
// and group sums (sBase), and of its U_00 and n_0 in the per-time phases (tau).
struct VectorTime {
  nc: u32, G: u32, N: u32, cBase: u32,
  gBase: u32, mBase: u32, aBase: u32, pBase: u32,
  eBase: u32, outBase: u32, sBase: u32, tau: u32,
}
