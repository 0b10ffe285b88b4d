// householder-back-blocked.wgsl — householder-back.wgsl's V = Q·D·Z = H_0 H_1 ⋯ H_{m−2}·D·Z, with the
// reflectors applied NB at a time in compact-WY form (householder-wy.wgsl gives each block's T):
// V ← V − Y (T (Y†V)) per block, last block first. V is streamed three times per NB reflectors
// instead of three times per reflector (at m = 1000, NB = 16: ~0.9 GB a matrix instead of 12 GB).
//
// Numerics: the same products as one reflector at a time, regrouped; Y†V is NB f32 sums over the
// rows per column, T's entries are f32 Gram sums (householder-wy.wgsl).
// Flops, per NB-block of reflectors (L = m − 1 − j0 rows) and column: 8·NB·L for Y†V, 8·NB·L for
// the update, 4·NB(NB + 1) for T·(Y†V); 2m a column for D·Z.
//
// Buffers:
//   @binding(0) a:      array<vec2f> [B, m, m]: u_j at a[(b·m + j)·m + i], i = j+1…m−1 — read
//   @binding(1) refl:   array<vec4f> [B, m] (τ_j, 0, δ_j.re, δ_j.im) — read
//   @binding(2) wy:     array<vec2f> [B, ⌈m/NB⌉, NB, NB] each block's T (householder-wy.wgsl) — read
//   @binding(3) z:      array<f32> [B, m, m], z[(b·m + r)·m + k] = component r of T's eigenvector k — read
//   @binding(4) v:      array<vec2f> [B, m, m], v[(b·m + r)·m + k] = component r of A's eigenvector k — written
//   @binding(5) params: { m: u32 } — uniform
// Workgroup: (TC, 1, 1), a thread per column k (consecutive k: coalesced rows of V), holding the
// NB values (Y†V)_{·k}; Y comes through workgroup memory ROWS rows at a time. Workgroup x = column
// tile, y = b. TC is an override constant; NB (a private array's size) is fixed at 16, as in
// householder-wy.wgsl.

override TC: u32 = 64u;

const NB: u32 = 16u;
const ROWS: u32 = 16u;

struct Params {
  m: u32,
}

@group(0) @binding(0) var<storage, read> a: array<vec2f>;
@group(0) @binding(1) var<storage, read> refl: array<vec4f>;
@group(0) @binding(2) var<storage, read> wy: array<vec2f>;
@group(0) @binding(3) var<storage, read> z: array<f32>;
@group(0) @binding(4) var<storage, read_write> v: array<vec2f>;
@group(0) @binding(5) var<uniform> params: Params;

// rows r0 … r0 + ROWS − 1 of Y, [row][l]
var<workgroup> ys: array<vec2f, ROWS * NB>;
var<workgroup> ts: array<vec2f, NB * NB>;

fn c_mul(x: vec2f, y: vec2f) -> vec2f {
  return vec2f(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x);
}

// rows r0… of Y = [u_{j0} … u_{j0+NB−1}] into ys (zero outside each u_j's rows j+1…m−1)
fn load_rows(b: u32, m: u32, j0: u32, r0: u32, tid: u32) {
  for (var t = tid; t < ROWS * NB; t += TC) {
    let r = r0 + t % ROWS;
    let j = j0 + t / ROWS;
    var y = vec2f(0.0);
    if (j < m && r > j && r < m) { y = a[(b * m + j) * m + r]; }
    ys[(t % ROWS) * NB + t / ROWS] = y;
  }
}

@compute @workgroup_size(TC, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let m = params.m;
  let tid = lid.x;
  let k = wid.x * TC + tid;
  let b = wid.y;
  let live = k < m;
  let M0 = b * m * m;
  // V = D·Z (each thread touches only its own column: no barrier needed between its passes)
  if (live) {
    for (var r = 0u; r < m; r++) {
      v[M0 + r * m + k] = refl[b * m + r].zw * z[M0 + r * m + k];
    }
  }
  let nblocks = (m + NB - 1u) / NB;
  for (var bi = nblocks; bi > 0u; bi--) {
    let blk = bi - 1u;
    let j0 = blk * NB;
    for (var t = tid; t < NB * NB; t += TC) {
      ts[t] = wy[(b * nblocks + blk) * NB * NB + t];
    }
    // w = Y†v_k
    var w: array<vec2f, NB>;
    for (var l = 0u; l < NB; l++) { w[l] = vec2f(0.0); }
    for (var r0 = j0 + 1u; r0 < m; r0 += ROWS) {
      load_rows(b, m, j0, r0, tid);
      workgroupBarrier();
      if (live) {
        for (var rr = 0u; rr < ROWS; rr++) {
          let r = r0 + rr;
          if (r < m) {
            let y = v[M0 + r * m + k];
            for (var l = 0u; l < NB; l++) {
              let u = ys[rr * NB + l];
              w[l] += c_mul(vec2f(u.x, -u.y), y);
            }
          }
        }
      }
      workgroupBarrier();
    }
    workgroupBarrier(); // ts loaded (also where the row loop ran no pass)
    // w ← T w (upper triangular: in place, rows in increasing order)
    for (var l = 0u; l < NB; l++) {
      var s = vec2f(0.0);
      for (var i = l; i < NB; i++) {
        s += c_mul(ts[l * NB + i], w[i]);
      }
      w[l] = s;
    }
    // v_k −= Y w
    for (var r0 = j0 + 1u; r0 < m; r0 += ROWS) {
      load_rows(b, m, j0, r0, tid);
      workgroupBarrier();
      if (live) {
        for (var rr = 0u; rr < ROWS; rr++) {
          let r = r0 + rr;
          if (r < m) {
            var s = vec2f(0.0);
            for (var l = 0u; l < NB; l++) {
              s += c_mul(ys[rr * NB + l], w[l]);
            }
            v[M0 + r * m + k] -= s;
          }
        }
      }
      workgroupBarrier();
    }
    workgroupBarrier(); // every read of ts done before the next block loads its own
  }
}
