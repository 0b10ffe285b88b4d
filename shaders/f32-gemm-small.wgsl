// f32-gemm-small.wgsl — f32-gemm.wgsl's batched complex products Z = op(X)·diag(w)·op(Y), one entry a
// thread: for products too small to fill f32-gemm.wgsl's 64 × 64 register tiles (it says what they
// are for, and what RANGED and RANGE_DEPTH mean: the same here, by 8 × 8 tiles). op(X) = X, or X† where CONJ_X; op(Y) = Y, or Y† where CONJ_Y. Each entry is one thread's
// sum over the inner index k = 0 … depth − 1 in order (TILE × TILE slices through workgroup memory;
// nothing added past depth), fl(x·w) first where WEIGHTED, compensated (Kahan): a plain f32 sum over
// N = 2001 terms errs by ~u·√N relatively, which costs 6e−5 in S at K = 1000. WGSL lets a compiler
// fold Kahan's correction (t − s) − y to 0, so the new sum t goes through a multiplication by a 1 it
// cannot see (from the dispatch size, as df64.wgsl does).
//
// Buffers (complex numbers as vec2f (re, im); each matrix row-major, the batch's matrices one after
// another):
//   @binding(0) X: array<vec2f> [batch, rows, depth], or [batch, depth, rows] where CONJ_X — read
//   @binding(1) Y: array<vec2f> [batch, depth, cols], or [batch, cols, depth] where CONJ_Y — read
//   @binding(2) w: array<f32>   [batch, depth] (read only where WEIGHTED; bind any buffer else) — read
//   @binding(3) Z: array<vec2f> [batch, rows, cols] — written
//   @binding(4) params: { rows, cols, depth, rangeBase: u32 } — uniform
//   @binding(5) ranges: array<vec2u> [rangeBase + batch] (r0, r1) (read only where RANGED; bind any
//     buffer else)
// Workgroup: (TILE, TILE, 1) over (column j, row i, matrix b); TILE, CONJ_X, CONJ_Y, WEIGHTED, RANGED,
// RANGE_DEPTH are override constants.

override TILE: u32 = 8u;
override CONJ_X: bool = false;
override CONJ_Y: bool = false;
override WEIGHTED: bool = false;
override RANGED: bool = false;
override RANGE_DEPTH: bool = false;

struct Params {
  rows: u32,
  cols: u32,
  depth: u32,
  rangeBase: u32,
}

@group(0) @binding(0) var<storage, read> X: array<vec2f>;
@group(0) @binding(1) var<storage, read> Y: array<vec2f>;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read_write> Z: array<vec2f>;
@group(0) @binding(4) var<uniform> params: Params;
@group(0) @binding(5) var<storage, read> ranges: array<vec2u>;

var<workgroup> xs: array<vec2f, TILE * TILE>;
var<workgroup> ys: array<vec2f, TILE * TILE>;

fn conj(z: vec2f) -> vec2f { return vec2f(z.x, -z.y); }

// 1, from the dispatch size at run time: no algebraic identity holds across a product with it
var<private> one: f32 = 0.0;

// op(X)[i][k] · w[k] of matrix b (zero outside)
fn xAt(b: u32, i: u32, k: u32) -> vec2f {
  let p = params;
  if (i >= p.rows || k >= p.depth) { return vec2f(0.0); }
  var x: vec2f;
  if (CONJ_X) {
    x = conj(X[(b * p.depth + k) * p.rows + i]);
  } else {
    x = X[(b * p.rows + i) * p.depth + k];
  }
  if (WEIGHTED) { x = x * w[b * p.depth + k]; }
  return x;
}

// op(Y)[k][j] of matrix b (zero outside)
fn yAt(b: u32, k: u32, j: u32) -> vec2f {
  let p = params;
  if (j >= p.cols || k >= p.depth) { return vec2f(0.0); }
  if (CONJ_Y) { return conj(Y[(b * p.cols + j) * p.depth + k]); }
  return Y[(b * p.depth + k) * p.cols + j];
}

@compute @workgroup_size(TILE, TILE, 1)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) l: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  one = f32(min(nwg.x, 1u));
  let b = wg.z;
  let i = wg.y * TILE + l.y;
  let j = wg.x * TILE + l.x;
  // the inner index's range [k1, kEnd), and whether (i, j) is wanted
  var k1 = 0u;
  var kEnd = params.depth;
  var wanted = true;
  if (RANGED) {
    // uniform across the workgroup (read-only storage at the workgroup's index), so the return is too
    let r = ranges[params.rangeBase + b];
    let row0 = wg.y * TILE;
    let col0 = wg.x * TILE;
    if (r.x >= r.y || row0 >= r.y || row0 + TILE <= r.x || col0 >= r.y || col0 + TILE <= r.x) { return; }
    wanted = i >= r.x && i < r.y && j >= r.x && j < r.y;
    if (RANGE_DEPTH) {
      k1 = r.x;
      kEnd = min(params.depth, r.y);
    }
  }
  var acc = vec2f(0.0);
  var comp = vec2f(0.0);
  for (var k0 = k1; k0 < kEnd; k0 += TILE) {
    xs[l.y * TILE + l.x] = xAt(b, i, k0 + l.x);
    ys[l.y * TILE + l.x] = yAt(b, k0 + l.y, j);
    workgroupBarrier();
    for (var k = 0u; k < min(TILE, kEnd - k0); k++) {
      let x = xs[l.y * TILE + k];
      let y = ys[k * TILE + l.x];
      let term = vec2f(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x) - comp;
      let t = (acc + term) * one;
      comp = (t - acc) - term;
      acc = t;
    }
    workgroupBarrier();
  }
  if (i < params.rows && j < params.cols && wanted) {
    Z[(b * params.rows + i) * params.cols + j] = acc;
  }
}
