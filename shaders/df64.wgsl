// df64.wgsl — double-float arithmetic (prepended to the kernels that use it; not a kernel by itself).
//
// A df64 value is a vec2f (hi, lo) with hi = fl(hi + lo): an unevaluated sum carrying ~48 bits, from
// the error-free transformations TwoSum (Knuth) and TwoProduct: by fma where fma is fused (GPUs), by
// Dekker's splitting where it is not (SwiftShader evaluates fma as a*b + c, rounded twice); the
// override DEKKER picks. Nothing here is exact if the compiler reassociates or contracts the error
// terms; the engine checks at start-up which variant is exact on the device (df64-probe.wgsl) and
// refuses accurate mode where neither is.
//
// WGSL lets a compiler reassociate (§15.7.5), and NVIDIA's Vulkan compiler does: it folds the TwoSum
// error (a − (s − (s − a))) + … to 0. Every intermediate of an error term is therefore multiplied by
// `df_one`, a 1 the compiler cannot see: it comes from the dispatch size at run time, so no algebraic
// identity holds across it. Each entry point that uses df64 calls df64_init first.

override DEKKER: bool = false;

var<private> df_one: f32 = 0.0;

// num_workgroups is ≥ 1 in every dispatch, which the compiler cannot know
fn df64_init(num_workgroups: vec3u) {
  df_one = f32(min(num_workgroups.x, 1u));
}

fn opq(x: f32) -> f32 {
  return x * df_one;
}

fn two_sum(a: f32, b: f32) -> vec2f {
  let s = opq(a + b);
  let bb = opq(s - a);
  return vec2f(s, (a - opq(s - bb)) + (b - bb));
}

fn quick_two_sum(a: f32, b: f32) -> vec2f {
  let s = opq(a + b);
  return vec2f(s, b - opq(s - a));
}

// hi + lo = a with hi holding the upper 12 bits of the 24-bit significand (|a| < 2¹¹⁴)
fn split(a: f32) -> vec2f {
  let c = opq(4097.0 * a);
  let hi = c - opq(c - a);
  return vec2f(hi, a - hi);
}

fn two_prod(a: f32, b: f32) -> vec2f {
  let p = opq(a * b);
  if (DEKKER) {
    let x = split(a);
    let y = split(b);
    return vec2f(p, ((x.x * y.x - p) + x.x * y.y + x.y * y.x) + x.y * y.y);
  }
  return vec2f(p, fma(a, b, -p));
}

// a + b, with the lower parts summed too (the accurate variant: relative error ~2⁻⁴⁷)
fn df_add(a: vec2f, b: vec2f) -> vec2f {
  var s = two_sum(a.x, b.x);
  let t = two_sum(a.y, b.y);
  s = quick_two_sum(s.x, s.y + t.x);
  return quick_two_sum(s.x, s.y + t.y);
}

// a·b for a df64 a and an f32 b
fn df_mul_f(a: vec2f, b: f32) -> vec2f {
  let p = two_prod(a.x, b);
  return quick_two_sum(p.x, a.y * b + p.y);
}

// a·b for df64 a and b
fn df_mul(a: vec2f, b: vec2f) -> vec2f {
  let p = two_prod(a.x, b.x);
  return quick_two_sum(p.x, p.y + (a.x * b.y + a.y * b.x));
}

// a/b for df64 a and b: f32 quotient, then one correction from the df64 remainder
fn df_div(a: vec2f, b: vec2f) -> vec2f {
  let q1 = a.x / b.x;
  let r = df_add(a, -df_mul_f(b, q1));
  return quick_two_sum(q1, r.x / b.x);
}

// a + b for df64, without the lower-part TwoSum: error ≤ ~2⁻⁴⁶(|a| + |b|), which is all the
// absolute accuracies here need (matrix entries, sums of positive or bounded terms)
fn df_add_fast(a: vec2f, b: vec2f) -> vec2f {
  let s = two_sum(a.x, b.x);
  return quick_two_sum(s.x, s.y + (a.y + b.y));
}

// Complex df64 numbers are vec4f (re.hi, re.lo, im.hi, im.lo).

fn c_add(a: vec4f, b: vec4f) -> vec4f {
  return vec4f(df_add_fast(a.xy, b.xy), df_add_fast(a.zw, b.zw));
}

fn c_sub(a: vec4f, b: vec4f) -> vec4f {
  return vec4f(df_add_fast(a.xy, -b.xy), df_add_fast(a.zw, -b.zw));
}

// a·conj(b)
fn c_mul_conj(a: vec4f, b: vec4f) -> vec4f {
  let re = df_add_fast(df_mul(a.xy, b.xy), df_mul(a.zw, b.zw));
  let im = df_add_fast(df_mul(a.zw, b.xy), -df_mul(a.xy, b.zw));
  return vec4f(re, im);
}

fn c_scale(a: vec4f, s: vec2f) -> vec4f {
  return vec4f(df_mul(a.xy, s), df_mul(a.zw, s));
}

// a·b
fn c_mul(a: vec4f, b: vec4f) -> vec4f {
  let re = df_add_fast(df_mul(a.xy, b.xy), -df_mul(a.zw, b.zw));
  let im = df_add_fast(df_mul(a.xy, b.zw), df_mul(a.zw, b.xy));
  return vec4f(re, im);
}
