// f32-gemm.wgsl — batched complex matrix products in f32, with an optional real weight on the inner
// index: Z = op(X)·diag(w)·op(Y) for each matrix b of the batch (fast mode's graded Rayleigh–Ritz,
// src/spectrum/graded-ritz.ts: C = B·diag(n)·B†, P = V†·B, G = P·diag(n)·P†, M = V†·V, T̃·Gc·T̃†),
// register-blocked for big products (f32-gemm-small.wgsl does tiny ones, one entry a thread).
// op(X) = X, or X† where CONJ_X; op(Y) = Y, or Y† where CONJ_Y.
//
// Numerics: each entry is one thread's sum over the inner index k = 0, 1, …, depth − 1 in order
// (nothing added past depth), fl(x·w) first where WEIGHTED, then the complex product, compensated
// (Kahan): a plain f32 sum over N = 2001 terms errs by ~u·√N relatively, which costs 6e−5 in S at
// K = 1000. WGSL lets a compiler fold Kahan's correction (t − s) − y to 0, so the new sum t goes
// through a multiplication by a 1 it cannot see (from the dispatch size, as df64.wgsl does), fused:
// t = fma(s, one, y) = fl(s + y) exactly (s·1 is exact, fused or not), one instruction, not two.
//
// Register blocking: a thread keeps a 4 × 4 block of entries, rows l.y + r·TY (r < 4) and columns
// l.x + c·TX (c < 4) of the workgroup's TM × TN tile (TM = 4·TY, TN = 4·TX; strided, so that a row of
// threads reads consecutive words of workgroup memory and writes consecutive words of Z), as sixteen
// sums and sixteen corrections in registers: named variables, two complex entries a vec4f, since
// arrays indexed in loops may land in memory on compilers that do not unroll. Each step over the
// inner index stages a TM × TK slice of op(X)·diag(w) and a TK × TN slice of op(Y) in workgroup
// memory ((TM + TN)·TK·8 bytes, within maxComputeWorkgroupStorageSize), consecutive threads taking
// consecutive words of global memory; a thread's complex multiply–add then costs 8/16 = 0.5 loads
// from workgroup memory (the one-entry kernel: 2).
//
// Ranged (RANGED; fast mode's tiny Ritz blocks, whose bounds only the GPU knows): matrix b's product
// is wanted on [r0, r1) × [r0, r1) only, (r0, r1) = ranges[rangeBase + b]; a workgroup whose tile
// misses that square returns at once, and only entries inside it are stored (Z elsewhere is left as
// it was). With RANGE_DEPTH the inner index runs over [r0, min(r1, depth)) too (op(X) and op(Y) then
// square blocks of one matrix). The grid stays the full one; the work scales with the ranges.
//
// Hermitian (HERMITIAN; C = B·diag(n)·B†, the tiny blocks' Gc, V†V and T̃·Gc·T̃†): Z is square and
// Hermitian, so only tiles on or below the diagonal are summed, and a tile below it also stores the
// conjugates of its entries at the mirrored places: half the work, and Z exactly Hermitian there.
// Needs TM = TN (the host sets TX = TY).
//
// Buffers (complex numbers as vec2f (re, im); each matrix row-major, the batch's matrices one after
// another):
//   @binding(0) X: array<vec2f> [batch, rows, depth], or [batch, depth, rows] where CONJ_X — read
//   @binding(1) Y: array<vec2f> [batch, depth, cols], or [batch, cols, depth] where CONJ_Y — read
//   @binding(2) w: array<f32>   [batch, depth] (read only where WEIGHTED; bind any buffer else) — read
//   @binding(3) Z: array<vec2f> [batch, rows, cols] — written
//   @binding(4) params: { rows, cols, depth, rangeBase: u32 } — uniform
//   @binding(5) ranges: array<vec2u> [rangeBase + batch] (r0, r1) (read only where RANGED; bind any
//               buffer else) — read
// Workgroup: (TX, TY, 1) threads; grid (⌈cols/TN⌉, ⌈rows/TM⌉, batch). Override constants: TX, TY, TK,
// CONJ_X, CONJ_Y, WEIGHTED, RANGED, RANGE_DEPTH, HERMITIAN.

override TX: u32 = 16u;
override TY: u32 = 16u;
override TK: u32 = 16u;
override CONJ_X: bool = false;
override CONJ_Y: bool = false;
override WEIGHTED: bool = false;
override RANGED: bool = false;
override RANGE_DEPTH: bool = false;
override HERMITIAN: bool = false;

// the tile, derived (the host sets TX, TY)
override TM: u32 = 4u * TY;
override TN: u32 = 4u * TX;

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

// op(X)·diag(w) slice: [TK, TM] where CONJ_X, else [TM, TK] (the layout X has in memory)
var<workgroup> xs: array<vec2f, TM * TK>;
// op(Y) slice: [TK, TN]
var<workgroup> ys: array<vec2f, TK * TN>;

// 1, from the dispatch size at run time: no algebraic identity holds across a product with it
var<private> one: f32 = 0.0;

// RANGED: this matrix's range (r0, r1)
var<private> range: vec2u;

// the end of the inner index
fn depthEnd() -> u32 {
  if (RANGE_DEPTH) { return min(params.depth, range.y); }
  return params.depth;
}

// two entries' compensated sums: (re, im) of each, and their Kahan corrections
struct Sum {
  s: vec4f,
  c: vec4f,
}

fn conj(z: vec2f) -> vec2f { return vec2f(z.x, -z.y); }

// op(X)[i][k] · w[k] of matrix b (zero outside)
fn xAt(b: u32, i: u32, k: u32) -> vec2f {
  let p = params;
  if (i >= p.rows || k >= depthEnd()) { return vec2f(0.0); }
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
  if (j >= p.cols || k >= depthEnd()) { return vec2f(0.0); }
  if (CONJ_Y) { return conj(Y[(b * p.cols + j) * p.depth + k]); }
  return Y[(b * p.depth + k) * p.cols + j];
}

// slices of depth k0 … k0 + TK − 1 for the tile at (row0, col0), thread t taking words t, t + TX·TY, …
fn stage(b: u32, row0: u32, col0: u32, k0: u32, t: u32) {
  for (var e = t; e < TM * TK; e += TX * TY) {
    if (CONJ_X) {
      xs[e] = xAt(b, row0 + e % TM, k0 + e / TM);
    } else {
      xs[e] = xAt(b, row0 + e / TK, k0 + e % TK);
    }
  }
  for (var e = t; e < TK * TN; e += TX * TY) {
    if (CONJ_Y) {
      let j = e / TK;
      let k = e % TK;
      ys[k * TN + j] = yAt(b, k0 + k, col0 + j);
    } else {
      ys[e] = yAt(b, k0 + e / TN, col0 + e % TN);
    }
  }
}

// op(X)·diag(w) of the slice at row i (of the tile), depth kk
fn xsAt(i: u32, kk: u32) -> vec2f {
  if (CONJ_X) { return xs[kk * TM + i]; }
  return xs[i * TK + kk];
}

// x times the two complex numbers of y, each (x.re·y.re − x.im·y.im, x.re·y.im + x.im·y.re) in that
// order (±1 factors are exact)
fn times(x: vec2f, y: vec4f) -> vec4f {
  return x.x * y + vec4f(-1.0, 1.0, -1.0, 1.0) * (x.y * y.yxwz);
}

// Kahan: the sum a plus the term p
fn add(a: Sum, p: vec4f) -> Sum {
  let term = p - a.c;
  let t = fma(a.s, vec4f(one), term);
  return Sum(t, (t - a.s) - term);
}

// column j inside Z (and, where RANGED, inside the range)
fn column(j: u32) -> bool {
  if (RANGED) { return j < params.cols && j >= range.x && j < range.y; }
  return j < params.cols;
}

// HERMITIAN: this tile lies strictly below the diagonal (its entries are mirrored)
var<private> mirror: bool = false;

// entries (i, j) and (i, j + TX) of matrix b, where inside (and, where mirror, their conjugates at (j, i), (j + TX, i))
fn store(b: u32, i: u32, j: u32, v: vec4f) {
  let p = params;
  if (i >= p.rows) { return; }
  if (RANGED && (i < range.x || i >= range.y)) { return; }
  let base = b * p.rows * p.cols;
  if (column(j)) {
    Z[base + i * p.cols + j] = v.xy;
    if (mirror) { Z[base + j * p.cols + i] = vec2f(v.x, -v.y); }
  }
  if (column(j + TX)) {
    Z[base + i * p.cols + j + TX] = v.zw;
    if (mirror) { Z[base + (j + TX) * p.cols + i] = vec2f(v.z, -v.w); }
  }
}

@compute @workgroup_size(TX, TY, 1)
fn main(
  @builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) l: vec3u,
  @builtin(local_invocation_index) t: u32, @builtin(num_workgroups) nwg: vec3u,
) {
  one = f32(min(nwg.x, 1u));
  let p = params;
  let b = wg.z;
  let row0 = wg.y * TM;
  let col0 = wg.x * TN;
  // uniform across the workgroup, so the return is too
  if (HERMITIAN && col0 > row0) { return; }
  mirror = HERMITIAN && col0 < row0;
  // the inner index's range [k1, kEnd)
  var k1 = 0u;
  var kEnd = p.depth;
  if (RANGED) {
    // uniform across the workgroup (read-only storage at the workgroup's index), so the return is too
    let r = ranges[p.rangeBase + b];
    range = r;
    if (r.x >= r.y || row0 >= r.y || row0 + TM <= r.x || col0 >= r.y || col0 + TN <= r.x) { return; }
    if (RANGE_DEPTH) {
      k1 = r.x;
      kEnd = min(p.depth, r.y);
    }
  }
  // a thread whose first row or column lies outside has no entry to sum, only slices to stage
  let inside = row0 + l.y < p.rows && col0 + l.x < p.cols;
  // row r, columns 0 and 1 (a) or 2 and 3 (b) of the thread's block
  var s0a: Sum; var s0b: Sum;
  var s1a: Sum; var s1b: Sum;
  var s2a: Sum; var s2b: Sum;
  var s3a: Sum; var s3b: Sum;
  for (var k0 = k1; k0 < kEnd; k0 += TK) {
    stage(b, row0, col0, k0, t);
    workgroupBarrier();
    if (inside) {
      let kn = min(TK, kEnd - k0);
      for (var kk = 0u; kk < kn; kk++) {
        let y = kk * TN + l.x;
        let ya = vec4f(ys[y], ys[y + TX]);
        let yb = vec4f(ys[y + 2u * TX], ys[y + 3u * TX]);
        let x0 = xsAt(l.y, kk);
        s0a = add(s0a, times(x0, ya));
        s0b = add(s0b, times(x0, yb));
        let x1 = xsAt(l.y + TY, kk);
        s1a = add(s1a, times(x1, ya));
        s1b = add(s1b, times(x1, yb));
        let x2 = xsAt(l.y + 2u * TY, kk);
        s2a = add(s2a, times(x2, ya));
        s2b = add(s2b, times(x2, yb));
        let x3 = xsAt(l.y + 3u * TY, kk);
        s3a = add(s3a, times(x3, ya));
        s3b = add(s3b, times(x3, yb));
      }
    }
    workgroupBarrier();
  }
  let i = row0 + l.y;
  let j = col0 + l.x;
  store(b, i, j, s0a.s);
  store(b, i, j + 2u * TX, s0b.s);
  store(b, i + TY, j, s1a.s);
  store(b, i + TY, j + 2u * TX, s1b.s);
  store(b, i + 2u * TY, j, s2a.s);
  store(b, i + 2u * TY, j + 2u * TX, s2b.s);
  store(b, i + 3u * TY, j, s3a.s);
  store(b, i + 3u * TY, j + 2u * TX, s3b.s);
}
