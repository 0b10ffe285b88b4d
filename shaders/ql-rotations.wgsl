// ql-rotations.wgsl — applies one logged chunk of QL sweeps (written by tridiagonal-ql.wgsl) to the
// eigenvector matrices Z of a batch: Z ← Z·G_1·G_2·…, each G a Givens rotation of two adjacent columns.
//
// Why this shape: rows of Z are independent, so each thread owns one row and the rows spread over many
// workgroups (tridiagonal-ql.wgsl runs one per matrix). Rotating each sweep through Z in turn would
// move 8 bytes of Z a row element a rotation; instead W consecutive sweeps go through the row in one
// pass, as a wavefront: at step p (descending) sweep j applies its rotation i = p + 2j (columns i, i + 1).
// Sweep j's rotation i must follow sweep j − 1's rotations i + 1, i, i − 1 (all of j − 1's work on
// columns i and i + 1), which sweep j − 1 did at steps p + 3, p + 2, p + 1; and within a step the
// sweeps touch disjoint column pairs. So the row's columns p … p + 2W − 1 live in registers: each step
// loads column p and stores column p + 2W, which no later step touches (done two steps a time, so that
// the window shifts by two: half the register moves). Z moves once per W sweeps
// over the columns the W sweeps span (a K = 1000 thermal bath block: 0.43 GB of Z moved instead of
// 6.2 GB, bench/ql-sweeps.ts); the flops stay 8 a row element a rotation. The rotations are the same
// words for every thread of a workgroup (broadcast loads from cache): each workgroup reads the chunk
// once (99 MB of log reads on that block at 64 rows a workgroup).
//
// Numerics: exactly the arithmetic of tridiagonal-ql.wgsl's in-kernel loop, in the same order per
// element (rotation (s, δ), σ = −sign(δ): z_i ← σz_i + (δz_i − s z_{i+1}), z_{i+1} ← σz_{i+1} + (s z_i + δz_{i+1})).
//
// Buffers:
//   @binding(0) rlog:   array<vec2f> [B, capacity] as tridiagonal-ql.wgsl writes it: the sweeps' rotations
//                       i = hi−1 … lo as (s_i, δ_i) from entry 0 on, their headers (f32(lo), f32(hi)) from
//                       entry capacity − 1 down; lo = hi ends — read
//   @binding(1) Z:      array<f32> [B, m, m] transposed, Z[(b·m + k)·m + r] = component r of vector k — read/written
//   @binding(2) params: { m, capacity } — uniform
// Workgroup: (WG, 1, 1); workgroup (x, y) = (rows x·WG …, matrix y); thread owns row r = x·WG + t.

override WG: u32 = 64u;

// sweeps a pass over Z; a const (function-scope arrays need a constant size), 2W + 1 registers a thread
const W: u32 = 16u;

struct Params {
  m: u32,
  capacity: u32,
}

@group(0) @binding(0) var<storage, read> rlog: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> Z: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

// rotation (s, δ) of columns (z_i, z_{i+1}), σ = −sign(δ), c = σ + δ: the new (z_i, z_{i+1})
fn rotate(q: vec2f, z0: f32, z1: f32) -> vec2f {
  let sigma = select(1.0, -1.0, q.y > 0.0);
  return vec2f(sigma * z0 + (q.y * z0 - q.x * z1), sigma * z1 + (q.x * z0 + q.y * z1));
}

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) tid: u32) {
  let m = params.m;
  let R = params.capacity;
  let r = wid.x * WG + tid;
  if (r >= m) { return; }
  let b = wid.y;
  let Zr = b * m * m + r;
  let LB = b * R;
  var pos = LB; // the next sweep's first rotation
  var next = 0u; // the next sweep's header: entry R − 1 − next
  var done = false;
  // a window of the row (2W + 1 columns: two steps a shift)
  var win: array<f32, 2u * W + 1u>;
  var lo: array<i32, W>;
  var hi: array<i32, W>;
  var at: array<u32, W>; // log entry of rotation hi − 1
  var head: array<vec2f, W>;
  loop {
    if (done) { break; }
    // the next (up to) W sweeps
    var count = 0u;
    var L = i32(m);
    var H = -1;
    var bottom = 1000000000;
    // the headers load independently (those past the end mark are stale: ignored)
    for (var j = 0u; j < W; j++) {
      head[j] = vec2f(0.0);
      if (next + j < R) { head[j] = rlog[LB + R - 1u - next - j]; }
    }
    for (var j = 0u; j < W; j++) {
      lo[j] = 0;
      hi[j] = 0;
      at[j] = 0u;
      if (!done) {
        let a = i32(head[j].x);
        let z = i32(head[j].y);
        if (z > a) {
          lo[j] = a;
          hi[j] = z;
          at[j] = pos;
          pos += u32(z - a);
          next++;
          count++;
          L = min(L, a);
          H = max(H, z);
          bottom = min(bottom, a - 2 * i32(j));
        } else {
          done = true;
        }
      }
    }
    if (count == 0u) { break; }
    // steps in pairs (p, p − 1) = (base + 1, base), p = H … bottom: the first ones only fill the window
    // (sweep j's first rotation is at step hi_j − 1 − 2j); win[k] = column base + k
    var base = H - 1;
    loop {
      if (base + 1 < bottom) { break; }
      // columns base + 2W + 1 and + 2 leave (the previous pair's win[2W − 1], win[2W])
      let leaving = base + 2 * i32(W) + 1;
      if (leaving <= H) { Z[Zr + u32(leaving) * m] = win[2u * W - 1u]; }
      if (leaving + 1 <= H) { Z[Zr + u32(leaving + 1) * m] = win[2u * W]; }
      for (var k = 2u * W; k >= 2u; k--) { win[k] = win[k - 2u]; }
      if (base >= L) { win[0] = Z[Zr + u32(base) * m]; }
      if (base + 1 >= L) { win[1] = Z[Zr + u32(base + 1) * m]; }
      // step base + 1: sweep j's rotation i = base + 1 + 2j on win[2j + 1], win[2j + 2]
      for (var j = 0u; j < W; j++) {
        let i = base + 1 + 2 * i32(j);
        if (i >= lo[j] && i < hi[j]) {
          let z = rotate(rlog[at[j] + u32(hi[j] - 1 - i)], win[2u * j + 1u], win[2u * j + 2u]);
          win[2u * j + 1u] = z.x;
          win[2u * j + 2u] = z.y;
        }
      }
      // step base: i = base + 2j on win[2j], win[2j + 1]
      for (var j = 0u; j < W; j++) {
        let i = base + 2 * i32(j);
        if (i >= lo[j] && i < hi[j]) {
          let z = rotate(rlog[at[j] + u32(hi[j] - 1 - i)], win[2u * j], win[2u * j + 1u]);
          win[2u * j] = z.x;
          win[2u * j + 1u] = z.y;
        }
      }
      base -= 2;
    }
    // the window's columns that lie in L … H
    for (var k = 0u; k <= 2u * W; k++) {
      let col = base + 2 + i32(k);
      if (col >= L && col <= H) { Z[Zr + u32(col) * m] = win[k]; }
    }
  }
}
