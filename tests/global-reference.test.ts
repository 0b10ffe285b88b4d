// meta's global references (App. B) checked against a dense ml-matrix diagonalization of ℋ: each matched state reproduces its targets.
import { describe, expect, it } from "vitest";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { denseHamiltonian, hamiltonian } from "../src/model/hamiltonian.ts";
import { initialOccupations } from "../src/model/initial-state.ts";
import type { Problem } from "../src/model/problem.ts";

const fermi = (x: number) => (x > 0 ? Math.exp(-x) / (1 + Math.exp(-x)) : 1 / (1 + Math.exp(x)));

const cases: [string, Problem][] = [
  ["case a, K = 40", { KL: 40, KR: 40, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
  ["asymmetric, ε_d ≠ 0, pure", { KL: 31, KR: 23, W: 8, epsD: 0.4, nD: 1, betaL: 3, betaR: 1, muL: 0.5, muR: -0.2, GammaL: 2, GammaR: 5, initial: { kind: "pure", seed: 3 } }],
];

describe("global reference state", () => {
  it.each(cases)("reproduces ⟨ℋ⟩, ⟨N⟩ and the baths' moments: %s", async (_, p) => {
    const { meta } = await runCpu(p, []);
    const H = denseHamiltonian(hamiltonian(p));
    const N = H.length;
    const evd = new EigenvalueDecomposition(new Matrix(H), { assumeSymmetric: true });
    const lam = evd.realEigenvalues;
    const V = evd.eigenvectorMatrix;
    const n0 = initialOccupations(p);
    const E0 = H.reduce((s, row, i) => s + row[i] * n0[i], 0);
    const N0 = n0.reduce((a, b) => a + b, 0);
    expect(meta.E0).toBeCloseTo(E0, 10);
    expect(meta.N0).toBeCloseTo(N0, 10);
    const diagOf = (beta: number, mu: number) => {
      const f = lam.map((l) => fermi(beta * (l - mu)));
      return Array.from({ length: N }, (_, i) => f.reduce((s, fn, n) => s + fn * V.get(i, n) ** 2, 0));
    };
    // full-ℋ match: Σ λ f = ⟨ℋ⟩, Σ f = ⟨N⟩
    const f = lam.map((l) => fermi(meta.betaRef * (l - meta.muRef)));
    expect(f.reduce((s, x, n) => s + x * lam[n], 0)).toBeCloseTo(E0, 8);
    expect(f.reduce((a, b) => a + b, 0)).toBeCloseTo(N0, 8);
    // bare match: Σ_i ℋ_ii C^π_ii = ⟨ℋ⟩
    const cb = diagOf(meta.betaRefBare, meta.muRefBare);
    expect(cb.reduce((s, c, i) => s + H[i][i] * c, 0)).toBeCloseTo(E0, 8);
    expect(cb.reduce((a, b) => a + b, 0)).toBeCloseTo(N0, 8);
    // the baths inside π: their own β*, μ* reproduce the bath moments of C^π
    const c = diagOf(meta.betaRef, meta.muRef);
    for (const [from, to, beta, mu] of [[1, 1 + p.KL, meta.betaLgg, meta.muLgg], [1 + p.KL, N, meta.betaRgg, meta.muRgg]]) {
      let E = 0, Nb = 0, Eg = 0, Ng = 0;
      for (let i = from; i < to; i++) {
        E += H[i][i] * c[i];
        Nb += c[i];
        const g = fermi(beta * (H[i][i] - mu));
        Eg += H[i][i] * g;
        Ng += g;
      }
      expect(Eg).toBeCloseTo(E, 8);
      expect(Ng).toBeCloseTo(Nb, 8);
    }
  });
});
