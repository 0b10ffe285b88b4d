// tridiagonal-ql.wgsl — eigenvalues and eigenvectors of a batch of real symmetric tridiagonal matrices
// T by implicit QL with Wilkinson shifts (the tqli recurrences of Numerical Recipes, also in
// src/spectrum/f32-emulation.ts), in f32, one workgroup per matrix: T = Z·diag(λ)·Zᵀ, λ ascending.
// Fast mode's eigenvectors of a bath block C = Q·T·Q† (V = Q·Z).
//
// Why this shape: a QL sweep is a chain of scalar recurrences (shift, then Givens rotations
// i = hi−1 … lo) that no thread can share, but each rotation acts on the same two columns of every
// row of Z, and rows are independent. Rotating Z here, after each sweep (thread 0 stores the sweep's
// rotations, then every thread applies them to its own rows), streams 8 bytes of Z a row element a
// rotation through one workgroup (6.2 GB on a K = 1000 bath block): bound by memory. So the sweeps are
// LOGGED: the host encodes rounds of (this kernel with params.direct = 0, then ql-rotations.wgsl). In a
// logging round thread 0 alone runs sweeps and appends each one's rotations to the matrix's chunk of
// `rlog` until the next sweep might not fit, saves its state (d, e in work, l and iter in work's last
// entry, the counts in status) and ends; ql-rotations.wgsl then applies the chunk to Z over many
// workgroups, 16 sweeps a pass over Z (0.43 GB on that block). The last round (params.direct = 1)
// resumes the sweeps rotating Z here (usually none are left: a bound on the rounds, not a path the
// bath blocks take), then sorts and normalizes. In that loop rotations go to a storage scratch (m
// reaches ~4000: 32 KiB a sweep, more than workgroup memory), double-buffered by sweep parity with the
// sweep descriptor, so two barriers a sweep suffice (thread 0 writes sweep k + 2's slot only after
// every thread has passed sweep k + 1's barriers).
// Z is kept transposed while it is rotated (Zt[k·m + r] = component r of vector k): a rotation then
// reads and writes consecutive words across the threads; one in-place transpose at the end gives the
// row-major output (ROW_MAJOR = false leaves Zt, i.e. row k = eigenvector k).
//
// Numerics: deflation as LAPACK's, |e_i| ≤ ε(|d_i| + |d_{i+1}|), ε = 2⁻²⁴, and always where
// |e_i| ≤ √FLT_MIN (LAPACK adds safmin to e² in its test): dropping such e_i moves the values by less
// than f32 rounding, and Z only has to be accurate as f32 vectors (the graded refinement fixes the
// values). √(a² + b²) is taken scaled by max(|a|, |b|), so tiny entries (values clustered near 0 give
// e ~ 1e−20) neither flush to zero (f32 has no denormals here) nor stop a sweep. At most MAX_ITER
// sweeps per eigenvalue: past that the eigenvalue is deflated as it stands and status.x is set (no
// hang). Finally a selection sort by thread 0 orders λ ascending; its transpositions, published once,
// are applied by every thread to its own rows of Zt.
//
// Buffers:
//   @binding(0) tri:    array<vec4f> [B, m] (d_j, d_j.lo, e_j, e_j.lo): d_j = T_jj, e_j = T_{j+1,j}
//                       (e_{m−1} is ignored); the .y/.w words (df64 lower words, or 0) are added — read
//   @binding(1) values: array<f32> [B, m] eigenvalue k of matrix b, ascending in k — written
//   @binding(2) Z:      array<f32> [B, m, m] Z[(b·m + r)·m + k] = component r of eigenvector k
//                       (ROW_MAJOR = false: Z[(b·m + k)·m + r]) — written
//   @binding(3) status: array<vec4u> [B] (failed: 1 if an eigenvalue hit MAX_ITER, sweeps, rotations,
//                       most sweeps one eigenvalue took) — written
//   @binding(4) work:   array<vec4f> [B, 3m + 1] scratch: (d_j, e_j, 0, 0); then rotation i as (s_i, c_i − σ_i,
//                       σ_i, 0), σ_i = ±1 the sign of c_i, for even and odd sweeps (the sort's
//                       transpositions reuse the first of these); last, (l, iter, 0, 0) as f32 between rounds
//   @binding(5) params: { m, capacity, round, direct: u32 } — uniform: capacity = log entries a matrix;
//                       round 0 initializes (Z = I, work); direct = 0: log this round's sweeps, 1: rotate Z
//                       here, then sort and normalize (the last round)
//   @binding(6) rlog:   array<vec2f> [B, capacity] this round's sweeps: their rotations from entry 0 on, sweep
//                       by sweep, i = hi−1 … lo as (s_i, δ_i), δ_i = c_i − σ_i = −σ_i·max(s_i²/(1 + |c_i|),
//                       FLT_MIN): σ_i = −sign(δ_i) even where s_i² underflows (FLT_MIN changes nothing
//                       else: its products flush to zero); their headers (f32(lo), f32(hi)) from the last
//                       entry down (so that ql-rotations.wgsl loads W of them at once); a header with
//                       lo = hi ends the chunk — written
// Workgroup: (WG, 1, 1), one per matrix (workgroup x = b); thread t owns rows r = t, t + WG, …

override WG: u32 = 256u;
override MAX_ITER: u32 = 30u;
override ROW_MAJOR: bool = true;

const EPS: f32 = 5.9604645e-8; // 2⁻²⁴
const FLOOR: f32 = 1.0842022e-19; // 2⁻⁶³ = √FLT_MIN

const FLT_MIN: f32 = 1.1754944e-38; // 2⁻¹²⁶

struct Params {
  m: u32,
  capacity: u32,
  round: u32,
  direct: u32,
}

@group(0) @binding(0) var<storage, read> tri: array<vec4f>;
@group(0) @binding(1) var<storage, read_write> values: array<f32>;
@group(0) @binding(2) var<storage, read_write> Z: array<f32>;
@group(0) @binding(3) var<storage, read_write> status: array<vec4u>;
@group(0) @binding(4) var<storage, read_write> work: array<vec4f>;
@group(0) @binding(5) var<uniform> params: Params;
@group(0) @binding(6) var<storage, read_write> rlog: array<vec2f>;

// (more, lo, hi, 0) per sweep parity: rotations i = hi−1 … lo; more = 0: converged
var<workgroup> sweep: array<vec4u, 2>;

// whether e (a.y) is negligible beside its two diagonal neighbours (a.x, b.x)
fn negligible(a: vec4f, b: vec4f) -> bool {
  return abs(a.y) <= EPS * (abs(a.x) + abs(b.x)) + FLOOR;
}

// √(a² + b²) without squaring anything below 1 in magnitude relative to the larger
fn hyp(a: f32, b: f32) -> f32 {
  let big = max(abs(a), abs(b));
  let small = min(abs(a), abs(b));
  if (small == 0.0) { return big; }
  let q = small / big;
  return big * sqrt(1.0 + q * q);
}

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) tid: u32, @builtin(num_workgroups) nwg: vec3u) {
  let one = f32(min(nwg.x, 1u));
  let m = params.m;
  let b = wid.x;
  let Zb = b * m * m;
  let W = b * (3u * m + 1u);
  let state = W + 3u * m;
  let logging = params.direct == 0u;
  let R = params.capacity;
  let LB = b * R;
  var pos = 0u; // rotations logged this round (entries 0 … pos − 1 of the matrix's chunk)
  var logged = 0u; // sweeps logged this round (headers at entries R − 1 … R − logged)

  // thread 0's state: eigenvalue l in progress, its sweeps, and the counts for `status`
  var l = 0u;
  var iter = 0u;
  var sweeps = 0u;
  var rotations = 0u;
  var most = 0u;
  var failed = 0u;
  if (params.round == 0u) {
    // Zt = I, each thread its own rows (no other thread touches them until the transpose)
    for (var r = tid; r < m; r += WG) {
      for (var k = 0u; k < m; k++) { Z[Zb + k * m + r] = select(0.0, 1.0, k == r); }
    }
    if (tid == 0u) {
      for (var j = 0u; j < m; j++) {
        let t = tri[b * m + j];
        work[W + j] = vec4f(t.x + t.y, select(t.z + t.w, 0.0, j + 1u == m), 0.0, 0.0);
      }
    }
  } else if (tid == 0u) {
    let saved = status[b];
    failed = saved.x;
    sweeps = saved.y;
    rotations = saved.z;
    most = saved.w;
    l = u32(work[state].x);
    iter = u32(work[state].y);
  }

  var parity = 0u;
  loop {
    if (tid == 0u) {
      var pending = vec4u(0u);
      let rot = W + (1u + parity) * m;
      // runs sweeps until one has rotations to apply, or every eigenvalue has converged
      loop {
        if (l >= m) { break; }
        // the first negligible e_n from l on (or m − 1): the sweep spans l … n. Four tests' loads are
        // issued at once: one thread's scan waits on memory, not on arithmetic
        var n = l;
        loop {
          if (n + 1u >= m) { break; }
          let q0 = work[W + n];
          let q1 = work[W + min(n + 1u, m - 1u)];
          let q2 = work[W + min(n + 2u, m - 1u)];
          let q3 = work[W + min(n + 3u, m - 1u)];
          let q4 = work[W + min(n + 4u, m - 1u)];
          if (negligible(q0, q1)) { break; }
          n++;
          if (n + 1u >= m || negligible(q1, q2)) { break; }
          n++;
          if (n + 1u >= m || negligible(q2, q3)) { break; }
          n++;
          if (n + 1u >= m || negligible(q3, q4)) { break; }
          n++;
        }
        if (n == l) {
          most = max(most, iter);
          l++;
          iter = 0u;
          continue;
        }
        if (iter == MAX_ITER) {
          failed = 1u;
          work[W + l].y = 0.0;
          continue;
        }
        // logging: stop before a sweep that might not fit (its header, ≤ n − l rotations, the end mark)
        if (logging && pos + n - l + logged + 2u > R) { break; }
        iter++;
        sweeps++;
        // Wilkinson shift from the leading 2×2 of the unreduced block
        let dl = work[W + l];
        var g = (work[W + l + 1u].x - dl.x) / (2.0 * dl.y);
        var r = hyp(g, 1.0);
        g = work[W + n].x - dl.x + dl.y / (g + select(-r, r, g >= 0.0));
        var s = 1.0;
        var c = 1.0;
        var p = 0.0;
        var lo = l;
        var broken = false;
        // entries i and k = i − 1 of the rotation at hand, in registers (neither is written before
        // it is read), and entry k − 1 loaded a rotation ahead, so that its latency overlaps this
        // rotation's arithmetic instead of adding to the chain
        var cur = work[W + n];
        var nxt = work[W + n - 1u];
        for (var i = n; i > l; i--) {
          let k = i - 1u;
          let ahead = work[W + max(k, 1u) - 1u];
          let ek = nxt.y;
          let f = s * ek;
          let bb = c * ek;
          r = hyp(f, g);
          work[W + i].y = r;
          if (r == 0.0) {
            // the block splits at k (underflow): recover, and the next sweep starts over
            work[W + i].x = cur.x - p;
            work[W + n].y = 0.0;
            broken = true;
            lo = i;
            break;
          }
          s = f / r;
          c = g / r;
          g = cur.x - p;
          r = (nxt.x - g) * s + 2.0 * c * bb;
          p = s * r;
          work[W + i].x = g + p;
          g = c * r - bb;
          // c − σ as −σs²/(1 + |c|): exact for c² + s² = 1, so the rotation Z sees is orthogonal to
          // rounding even where c rounds to ±1 (c = ±1, s ≠ 0 would lengthen both columns by s²/2,
          // and ~2m sweeps a column would leave |ZᵀZ − I| = 1e−5 on a K = 256 bath block, 2e−6
          // this way: bench/ql-sweeps.ts)
          let sigma = select(-1.0, 1.0, c >= 0.0);
          if (logging) {
            rlog[LB + pos + n - 1u - k] = vec2f(s, -sigma * max((s * s) / (1.0 + abs(c)), FLT_MIN));
          } else {
            work[rot + k] = vec4f(s, -sigma * (s * s) / (1.0 + abs(c)), sigma, 0.0);
          }
          cur = nxt;
          nxt = ahead;
        }
        if (!broken) {
          work[W + l].x -= p;
          work[W + l].y = g;
          work[W + n].y = 0.0;
        }
        if (lo < n) {
          rotations += n - lo;
          if (logging) {
            rlog[LB + R - 1u - logged] = vec2f(f32(lo), f32(n));
            logged++;
            pos += n - lo;
            continue;
          }
          pending = vec4u(1u, lo, n, 0u);
          break;
        }
      }
      sweep[parity] = pending;
    }
    if (logging) { break; }
    storageBarrier();
    let sw = workgroupUniformLoad(&sweep[parity]);
    if (sw.x == 0u) { break; }
    // rotation i mixes columns i and i + 1: (z_i, z_{i+1}) ← (c z_i − s z_{i+1}, s z_i + c z_{i+1}),
    // as σz + (a small increment), c = σ + (c − σ)
    let rot = W + (1u + parity) * m;
    for (var r = tid; r < m; r += WG) {
      var z1 = Z[Zb + sw.z * m + r];
      for (var i = sw.z; i > sw.y; i--) {
        let q = work[rot + i - 1u];
        let z0 = Z[Zb + (i - 1u) * m + r];
        Z[Zb + i * m + r] = q.z * z1 + (q.x * z0 + q.y * z1);
        z1 = q.z * z0 + (q.y * z0 - q.x * z1);
      }
      Z[Zb + sw.y * m + r] = z1;
    }
    parity ^= 1u;
  }
  if (logging) {
    if (tid == 0u) {
      rlog[LB + R - 1u - logged] = vec2f(0.0, 0.0);
      work[state] = vec4f(f32(l), f32(iter), 0.0, 0.0);
      status[b] = vec4u(failed, sweeps, rotations, most);
    }
    return;
  }

  // selection sort of λ by thread 0; transposition k ↔ p_k stored as p_k (exact in f32 below 2²⁴)
  let perm = W + m;
  if (tid == 0u) {
    for (var k = 0u; k < m; k++) {
      var p = k;
      var lowest = work[W + k].x;
      for (var j = k + 1u; j < m; j++) {
        let x = work[W + j].x;
        if (x < lowest) {
          lowest = x;
          p = j;
        }
      }
      if (p != k) {
        work[W + p].x = work[W + k].x;
        work[W + k].x = lowest;
      }
      work[perm + k].x = f32(p);
      values[b * m + k] = lowest;
    }
    status[b] = vec4u(failed, sweeps, rotations, most);
  }
  storageBarrier();
  for (var r = tid; r < m; r += WG) {
    for (var k = 0u; k < m; k++) {
      let p = u32(work[perm + k].x);
      if (p != k) {
        let x = Z[Zb + k * m + r];
        Z[Zb + k * m + r] = Z[Zb + p * m + r];
        Z[Zb + p * m + r] = x;
      }
    }
  }
  storageBarrier();
  // each vector to unit length: the rotations' rounding still lengthens the vectors, with a bias (not a
  // random walk; 6e−6 at m = 512 in f32 emulation), while their directions stay orthogonal to ~2e−6;
  // the sum is compensated (Kahan, with f32-gemm.wgsl's hidden 1 so that no compiler folds the
  // correction away)
  for (var k = tid; k < m; k += WG) {
    let v = Zb + k * m;
    var sum = 0.0;
    var comp = 0.0;
    for (var r = 0u; r < m; r++) {
      let y = Z[v + r] * Z[v + r] - comp;
      let t = (sum + y) * one;
      comp = (t - sum) - y;
      sum = t;
    }
    let scale = select(1.0, 1.0 / sqrt(sum), sum > 0.0);
    for (var r = 0u; r < m; r++) { Z[v + r] *= scale; }
  }
  if (ROW_MAJOR) {
    storageBarrier();
    // in-place transpose: the pairs (i, j > i) are disjoint, so no barrier between rows
    for (var i = 0u; i < m; i++) {
      for (var j = i + 1u + tid; j < m; j += WG) {
        let x = Z[Zb + i * m + j];
        Z[Zb + i * m + j] = Z[Zb + j * m + i];
        Z[Zb + j * m + i] = x;
      }
    }
  }
}
