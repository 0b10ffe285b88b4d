// The refined block entropy of accurate mode (src/spectrum/rayleigh-entropy.ts): from a perturbed, non-unitary eigenbasis, against the exact Σ h(λ).
import { describe, expect, it } from "vitest";
import { rayleighEntropy, type ComplexMatrix } from "../src/spectrum/rayleigh-entropy.ts";
import { binaryEntropy, fermi } from "../src/thermo/fermi.ts";
import { lcg } from "./helpers/allclose.ts";
import { matmul, randomUnitary } from "./helpers/random-matrices.ts";

/** A·X for A = U diag(lam) U†, without forming A (so that A's rounding does not enter). */
function applyA(U: ComplexMatrix, lam: Float64Array, X: ComplexMatrix): ComplexMatrix {
  const c = matmul(U, X);
  const n = X.n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      c.re[i * n + j] *= lam[i];
      c.im[i * n + j] *= lam[i];
    }
  }
  return matmul(U, c, false);
}

/** An f32 eigenbasis as Jacobi leaves it: U rotated within a near-degenerate cluster, perturbed by `eps`, rounded to f32. */
function approximateBasis(U: ComplexMatrix, eps: number, rnd: () => number): ComplexMatrix {
  const n = U.n;
  const re = U.re.map((x) => Math.fround(x + eps * (rnd() - 0.5)));
  const im = U.im.map((x) => Math.fround(x + eps * (rnd() - 0.5)));
  return { re, im, n };
}

const thermalSpectrum = (n: number, beta: number, mu: number) =>
  Float64Array.from({ length: n }, (_, k) => fermi(beta * ((k * 10) / (n - 1) - 5 - mu)));

describe("rayleighEntropy: Σ h(λ) from X̂†AX̂ and X̂†X̂ of an approximate eigenbasis", () => {
  const cases: [string, Float64Array][] = [
    ["thermal β = 10 (graded, eigenvalues 1e−22 … 1 − 1e−18)", thermalSpectrum(48, 10, 1)],
    ["thermal β = 2", thermalSpectrum(40, 2, -1)],
    ["clusters and exact degeneracies", Float64Array.from({ length: 33 }, (_, k) => [0.3, 0.3 + 1e-9, 0.7, 1e-12, 0.5][k % 5])],
    ["pure state (0s and 1s) with a few mixed values", Float64Array.from({ length: 30 }, (_, k) => (k % 7 === 0 ? 0.37 : k % 2))],
  ];
  it.each(cases)("matches the exact entropy to 1e-11 where Σ h(diag) misses by ~1e-6: %s", (_, lam) => {
    const rnd = lcg(lam.length * 7 + 1);
    const U = randomUnitary(lam.length, rnd);
    const X = approximateBasis(U, 1e-6, rnd);
    const S = matmul(X, applyA(U, lam, X));
    const G = matmul(X, X);
    let exact = 0;
    for (const l of lam) exact += binaryEntropy(l);
    let plain = 0;
    for (let i = 0; i < lam.length; i++) plain += binaryEntropy(S.re[i * lam.length + i]);
    const refined = rayleighEntropy(S, G);
    expect(Math.abs(refined - exact)).toBeLessThan(1e-11 * Math.max(exact, 1));
    expect(Math.abs(plain - exact)).toBeGreaterThan(1e-8);
  });

  it("stays finite and exact with a decoupled zero mode (padding) beside a cluster of slightly negative eigenvalues", () => {
    // a pure state's exact zeros come out of f64 as ±1e−14; padding adds a mode with B = 0 and no coupling
    const lam = Float64Array.from([1, -1e-14, -1e-14, 0.3, 1, -2e-15, 0.7, 1 - 1e-14, 1]);
    const n = lam.length;
    const rnd = lcg(17);
    const U = randomUnitary(n, rnd);
    // the exact basis: the Rayleigh quotients of the negative eigenvalues stay ≤ 0 (clamped to 0)
    const S0 = matmul(U, applyA(U, lam, U));
    const G0 = matmul(U, U);
    const pad = (M: ComplexMatrix, diagonal: number): ComplexMatrix => {
      const m = n + 1;
      const re = new Float64Array(m * m);
      const im = new Float64Array(m * m);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          re[i * m + j] = M.re[i * n + j];
          im[i * m + j] = M.im[i * n + j];
        }
      }
      re[m * m - 1] = diagonal;
      return { re, im, n: m };
    };
    let exact = 0;
    for (const l of lam) exact += binaryEntropy(l);
    const refined = rayleighEntropy(pad(S0, 0), pad(G0, 1));
    expect(Number.isFinite(refined)).toBe(true);
    expect(Math.abs(refined - exact)).toBeLessThan(1e-11);
  });

  it("is exact for an exact eigenbasis", () => {
    const lam = thermalSpectrum(20, 10, 0);
    const U = randomUnitary(20, lcg(5));
    const S = matmul(U, applyA(U, lam, U));
    const G = matmul(U, U);
    let exact = 0;
    for (const l of lam) exact += binaryEntropy(l);
    expect(Math.abs(rayleighEntropy(S, G) - exact)).toBeLessThan(1e-13);
  });
});
