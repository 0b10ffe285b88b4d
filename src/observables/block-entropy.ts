/** S_G = Σ h(λ) over the eigenvalues λ of a correlation-matrix block C_GG (eq. 21). */
import { hermitianEigenvalues } from "../spectrum/hermitian-eigenvalues.ts";
import { binaryEntropy } from "../thermo/fermi.ts";

/** Σ h(λ) over a block's eigenvalues, each clamped into [0, 1] (however they were computed). */
export function spectrumEntropy(eigenvalues: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < eigenvalues.length; i++) s += binaryEntropy(eigenvalues[i]);
  return s;
}

/** @param re, im the block, row-major n×n (overwritten). */
export function blockEntropy(re: Float64Array, im: Float64Array, n: number): number {
  return spectrumEntropy(hermitianEigenvalues(re, im, n));
}

