// The O(N²) arrowhead eigensolver against ml-matrix's dense symmetric solver, and its residual and orthogonality up to N = 2001.
import { describe, expect, it } from "vitest";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { type Arrowhead, denseHamiltonian, hamiltonian } from "../src/model/hamiltonian.ts";
import { allEigenvalues, arrowheadEigen } from "../src/spectrum/arrowhead.ts";
import { denseEigenpairs } from "../src/spectrum/dense-eigenvectors.ts";
import type { Problem } from "../src/model/problem.ts";
import { expectAllClose, lcg } from "./helpers/allclose.ts";

const problem = (KL: number, KR: number, over: Partial<Problem> = {}): Problem => ({
  KL, KR, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3,
  initial: { kind: "thermal" }, ...over,
});

function norm(h: Arrowhead): number {
  let s = h.alpha ** 2;
  for (let k = 0; k < h.d.length; k++) s += h.d[k] ** 2 + 2 * h.z[k] ** 2;
  return Math.sqrt(s);
}

/** max ‖ℋv − λv‖ and max |VᵀV − I| using the arrowhead structure for the products. */
function residualAndOrthogonality(h: Arrowhead, checkOrth: boolean) {
  const { values, vectors } = denseEigenpairs(arrowheadEigen(h));
  const N = h.d.length + 1;
  let res = 0;
  for (let n = 0; n < N; n++) {
    const v = vectors[n];
    let r0 = h.alpha * v[0] - values[n] * v[0];
    for (let k = 0; k < N - 1; k++) {
      r0 += h.z[k] * v[k + 1];
      res = Math.max(res, Math.abs(h.z[k] * v[0] + h.d[k] * v[k + 1] - values[n] * v[k + 1]));
    }
    res = Math.max(res, Math.abs(r0));
  }
  let orth = 0;
  if (checkOrth) {
    for (let a = 0; a < N; a++) {
      const va = vectors[a];
      for (let b = a; b < N; b++) {
        const vb = vectors[b];
        let s = 0;
        for (let i = 0; i < N; i++) s += va[i] * vb[i];
        orth = Math.max(orth, Math.abs(s - (a === b ? 1 : 0)));
      }
    }
  }
  return { res, orth, count: values.length };
}

describe("arrowhead eigensolver", () => {
  it.each([
    ["degenerate baths K_L = K_R = 3", problem(3, 3)],
    ["asymmetric K_L = 7, K_R = 4, ε_d ≠ 0", problem(7, 4, { epsD: 0.7, GammaL: 2, GammaR: 0.5 })],
    ["degenerate K = 100, Γ_L ≠ Γ_R", problem(100, 100, { GammaL: 5, GammaR: 0.1 })],
    ["one bath uncoupled (Γ_R = 0)", problem(20, 30, { GammaR: 0 })],
    ["no coupling at all", problem(5, 5, { GammaL: 0, GammaR: 0, epsD: 0.3 })],
    ["dot far outside the band", problem(60, 61, { epsD: -40, GammaL: 100, GammaR: 100 })],
  ])("matches the dense solver's eigenvalues: %s", (_, p) => {
    const h = hamiltonian(p);
    const dense = new EigenvalueDecomposition(new Matrix(denseHamiltonian(h)), { assumeSymmetric: true });
    const ref = [...dense.realEigenvalues].sort((a, b) => a - b);
    expectAllClose(allEigenvalues(arrowheadEigen(h)), ref, 1e-12 * norm(h), 0, "eigenvalues");
  });

  it("has random arrowheads' eigenvalues to 1e-12·‖ℋ‖", () => {
    const rnd = lcg(7);
    for (let trial = 0; trial < 20; trial++) {
      const m = 2 + Math.floor(rnd() * 40);
      // repeated poles and tiny couplings on purpose
      const d = Float64Array.from({ length: m }, () => Math.round((rnd() - 0.5) * 8) / 2);
      const z = Float64Array.from({ length: m }, () => (rnd() < 0.1 ? 1e-20 : rnd() - 0.5));
      const h = { alpha: rnd() - 0.5, d, z };
      const dense = new EigenvalueDecomposition(new Matrix(denseHamiltonian(h)), { assumeSymmetric: true });
      const ref = [...dense.realEigenvalues].sort((a, b) => a - b);
      expectAllClose(allEigenvalues(arrowheadEigen(h)), ref, 1e-12 * norm(h), 0, `trial ${trial}`);
      const { res, orth } = residualAndOrthogonality(h, true);
      expect(res).toBeLessThanOrEqual(1e-12 * norm(h));
      expect(orth).toBeLessThanOrEqual(1e-12);
    }
  });

  it.each([
    ["K_L = K_R = 1000 (degenerate pairs)", problem(1000, 1000)],
    ["K_L = 1001, K_R = 999", problem(1001, 999, { epsD: 0.25 })],
  ])("has residual ≤ 1e-12·‖ℋ‖ and orthogonality ≤ 1e-12 at N = 2001: %s", (_, p) => {
    const h = hamiltonian(p);
    const { res, orth, count } = residualAndOrthogonality(h, true);
    expect(count).toBe(2001);
    expect(res).toBeLessThanOrEqual(1e-12 * norm(h));
    expect(orth).toBeLessThanOrEqual(1e-12);
  });
});
