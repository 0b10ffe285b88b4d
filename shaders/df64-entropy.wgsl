// df64-entropy.wgsl — natural logarithms and binary entropies in double-float (prepended after
// df64.wgsl to the kernels that use them; not a kernel by itself).
//
// ln x = e·ln 2 + 2 atanh((m − 1)/(m + 1)) with x = m·2^e, m in [√½, √2): the atanh series in
// s = u² ≤ 0.0295 reaches 2⁻⁵⁰ in 11 terms, so ln keeps the ~2⁻⁴⁷ relative accuracy of df64 with
// no table and no exp. log1p(x) = 2 atanh(x/(2 + x)) near 0 keeps small arguments exact where 1 + x
// would round them away.
//
// Why the differences h(p + τ) − h(p) get a formula of their own (df_h_change): near t = 0 every
// root of the deleted-row secular equation sits within τ ~ t² of a pole, and I_S−B ~ 1e−12 is a sum of
// such differences; written as
//   τ ln(q/p) − (p + τ) log1p(τ/p) − (q − τ) log1p(−τ/q),  q = 1 − p,
// each term is O(τ) and the error O(2⁻⁴⁷τ), where h(p + τ) − h(p) from two h's of size ~0.5 would
// lose 2⁻⁴⁷·0.5 each time.

fn df_ln2() -> vec2f {
  return vec2f(bitcast<f32>(0x3f317218u), bitcast<f32>(0xb102e308u));
}

// 2 atanh(u) for |u| ≤ 0.18: 2u Σ_k u^{2k}/(2k + 1), Horner from the 11th term
fn df_atanh2(u: vec2f) -> vec2f {
  let s = df_mul(u, u);
  var acc = vec2f(0.0);
  for (var k = 10i; k >= 0i; k--) {
    acc = df_add(df_div(vec2f(1.0, 0.0), vec2f(f32(2 * k + 1), 0.0)), df_mul(s, acc));
  }
  return df_mul_f(df_mul(u, acc), 2.0);
}

// ln x for x > 0 (x.x a normal f32)
fn df_log(x: vec2f) -> vec2f {
  let fr = frexp(x.x);
  var e = fr.exp;
  if (fr.fract < 0.70710678) { e -= 1; }
  // m = x·2^−e: both words scaled by a power of two, exactly
  let s = ldexp(1.0, -e);
  let m = vec2f(x.x * s, x.y * s);
  let u = df_div(df_add(m, vec2f(-1.0, 0.0)), df_add(m, vec2f(1.0, 0.0)));
  return df_add(df_mul_f(df_ln2(), f32(e)), df_atanh2(u));
}

// ln(1 + x) for x > −1
fn df_log1p(x: vec2f) -> vec2f {
  if (x.x > -0.29 && x.x < 0.41) {
    return df_atanh2(df_div(x, df_add(vec2f(2.0, 0.0), x)));
  }
  return df_log(df_add(vec2f(1.0, 0.0), x));
}

// h(p) = −p ln p − q ln q, given p and q = 1 − p (each exact where it is small); h(0) = h(1) = 0
fn df_h(p: vec2f, q: vec2f) -> vec2f {
  if (p.x <= 0.0 || q.x <= 0.0) { return vec2f(0.0); }
  return -df_add(df_mul(p, df_log(p)), df_mul(q, df_log(q)));
}

// h(a) for 0 ≤ a ≤ 1 given a alone (small a exact): −a ln a − (1 − a) log1p(−a)
fn df_h_of(a: vec2f) -> vec2f {
  let q = df_add(vec2f(1.0, 0.0), -a);
  if (a.x <= 0.0 || q.x <= 0.0) { return vec2f(0.0); }
  return -df_add(df_mul(a, df_log(a)), df_mul(q, df_log1p(-a)));
}

// h(p + τ) − h(p), given p, q = 1 − p and τ with 0 ≤ p + τ ≤ 1, without cancellation (see above)
fn df_h_change(p: vec2f, q: vec2f, tau: vec2f) -> vec2f {
  if (tau.x == 0.0) { return vec2f(0.0); }
  if (p.x <= 0.0) { return df_h_of(tau); }
  // p = 1: h(1 + τ) = h(−τ)
  if (q.x <= 0.0) { return df_h_of(-tau); }
  let a = df_mul(tau, df_add(df_log(q), -df_log(p)));
  let b = df_mul(df_add(p, tau), df_log1p(df_div(tau, p)));
  let c = df_mul(df_add(q, -tau), df_log1p(df_div(-tau, q)));
  return df_add(a, -df_add(b, c));
}
