/** Bath levels ε_νk and wide-band couplings t_ν of SPEC §1. */

/** ε_k = (k−1)·W/(K−1) − W/2, k = 1..K: both band edges included. */
export function bathLevels(K: number, W: number): Float64Array {
  const eps = new Float64Array(K);
  const spacing = W / (K - 1);
  for (let k = 0; k < K; k++) eps[k] = k * spacing - W / 2;
  return eps;
}

/** t_ν = sqrt(Γ_ν Δε_ν / 2π), the same for every level of bath ν (wide-band limit). */
export function bathCoupling(Gamma: number, K: number, W: number): number {
  return Math.sqrt((Gamma * (W / (K - 1))) / (2 * Math.PI));
}
