/** Fermi function and binary entropy h, evaluated without overflow for any argument. */

/** f(x) = 1/(eˣ+1), exact limits 0 and 1 for |x| beyond the f64 range. */
export function fermi(x: number): number {
  if (x >= 0) {
    const e = Math.exp(-x);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(x));
}

/** h(p) = −p ln p − (1−p) ln(1−p), clamped into [0, 1], h(0) = h(1) = 0 (nats). */
export function binaryEntropy(p: number): number {
  if (!(p > 0) || !(p < 1)) return 0;
  return -p * Math.log(p) - (1 - p) * Math.log1p(-p);
}

/**
 * h(f(x)) computed from x directly, so deep-lying levels (f = 1 − 1e−30) keep their tiny entropy
 * instead of rounding to 0: h = ln(1+e^{−|x|}) + |x| e^{−|x|}/(1+e^{−|x|}).
 */
export function fermiEntropy(x: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(a)) return 0;
  const e = Math.exp(-a);
  return Math.log1p(e) + (a * e) / (1 + e);
}

/** Sum of h over the values of an array. */
export function entropyOfOccupations(n: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n.length; i++) s += binaryEntropy(n[i]);
  return s;
}
