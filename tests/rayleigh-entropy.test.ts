// The refined block entropy of accurate mode (src/spectrum/rayleigh-entropy.ts): from a perturbed, non-unitary eigenbasis, against the exact Σ h(λ).
import { describe, expect, it } from "vitest";
import { rayleighEntropy, type ComplexMatrix } from "../src/spectrum/rayleigh-entropy.ts";
import { binaryEntropy, fermi } from "../src/thermo/fermi.ts";
import { lcg } from "./helpers/allclose.ts";

/** A random unitary n×n matrix (columns), by twice-modified Gram–Schmidt of a random complex matrix. */
function randomUnitary(n: number, rnd: () => number): ComplexMatrix {
  const re = new Float64Array(n * n).map(() => rnd() - 0.5);
  const im = new Float64Array(n * n).map(() => rnd() - 0.5);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < j; k++) {
        let pr = 0, pi = 0; // ⟨col k, col j⟩
        for (let i = 0; i < n; i++) {
          pr += re[i * n + k] * re[i * n + j] + im[i * n + k] * im[i * n + j];
          pi += re[i * n + k] * im[i * n + j] - im[i * n + k] * re[i * n + j];
        }
        for (let i = 0; i < n; i++) {
          re[i * n + j] -= pr * re[i * n + k] - pi * im[i * n + k];
          im[i * n + j] -= pr * im[i * n + k] + pi * re[i * n + k];
        }
      }
      let nrm = 0;
      for (let i = 0; i < n; i++) nrm += re[i * n + j] ** 2 + im[i * n + j] ** 2;
      nrm = Math.sqrt(nrm);
      for (let i = 0; i < n; i++) {
        re[i * n + j] /= nrm;
        im[i * n + j] /= nrm;
      }
    }
  }
  return { re, im, n };
}

/** P†·Q for n×n complex matrices. */
function adjointTimes(P: ComplexMatrix, Q: ComplexMatrix): ComplexMatrix {
  const n = P.n;
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0, si = 0;
      for (let k = 0; k < n; k++) {
        const ar = P.re[k * n + i], ai = -P.im[k * n + i];
        const br = Q.re[k * n + j], bi = Q.im[k * n + j];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      re[i * n + j] = sr;
      im[i * n + j] = si;
    }
  }
  return { re, im, n };
}

/** A·X for A = U diag(lam) U†, without forming A (so A's rounding does not enter). */
function applyA(U: ComplexMatrix, lam: Float64Array, X: ComplexMatrix): ComplexMatrix {
  const c = adjointTimes(U, X); // U†X
  const n = X.n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      c.re[i * n + j] *= lam[i];
      c.im[i * n + j] *= lam[i];
    }
  }
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0, si = 0;
      for (let k = 0; k < n; k++) {
        sr += U.re[i * n + k] * c.re[k * n + j] - U.im[i * n + k] * c.im[k * n + j];
        si += U.re[i * n + k] * c.im[k * n + j] + U.im[i * n + k] * c.re[k * n + j];
      }
      re[i * n + j] = sr;
      im[i * n + j] = si;
    }
  }
  return { re, im, n };
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
    const S = adjointTimes(X, applyA(U, lam, X));
    const G = adjointTimes(X, X);
    let exact = 0;
    for (const l of lam) exact += binaryEntropy(l);
    let plain = 0;
    for (let i = 0; i < lam.length; i++) plain += binaryEntropy(S.re[i * lam.length + i]);
    const refined = rayleighEntropy(S, G);
    expect(Math.abs(refined - exact)).toBeLessThan(1e-11 * Math.max(exact, 1));
    expect(Math.abs(plain - exact)).toBeGreaterThan(1e-8);
  });

  it("is exact for an exact eigenbasis", () => {
    const lam = thermalSpectrum(20, 10, 0);
    const U = randomUnitary(20, lcg(5));
    const S = adjointTimes(U, applyA(U, lam, U));
    const G = adjointTimes(U, U);
    let exact = 0;
    for (const l of lam) exact += binaryEntropy(l);
    expect(Math.abs(rayleighEntropy(S, G) - exact)).toBeLessThan(1e-13);
  });
});
