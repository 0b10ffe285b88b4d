/** S_G = Σ h(λ) over the eigenvalues λ of a correlation-matrix block C_GG (eq. 21). */
import { hermitianEigenvalues } from "../spectrum/hermitian-eigenvalues.ts";
import { binaryEntropy } from "../thermo/fermi.ts";

/** @param re, im the block, row-major n×n (overwritten). Eigenvalues are clamped into [0, 1]. */
export function blockEntropy(re: Float64Array, im: Float64Array, n: number): number {
  let s = 0;
  for (const x of hermitianEigenvalues(re, im, n)) s += binaryEntropy(x);
  return s;
}
