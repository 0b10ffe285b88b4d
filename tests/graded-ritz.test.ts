// Fast mode's graded Rayleigh–Ritz in f32 emulation against the f64 block entropies, and plain f32 eigenvalues missing on the same blocks.
import { describe, expect, it } from "vitest";
import { planTimes, blocksAt } from "../src/engine/run-plan.ts";
import { bathFactor } from "../src/propagation/correlation-blocks.ts";
import { type GradedRitzOptions, gradedRitzEntropy } from "../src/spectrum/graded-ritz.ts";
import { blockEntropy } from "../src/observables/block-entropy.ts";
import type { Problem } from "../src/model/problem.ts";

const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1 };
const cases: [string, Problem, number][] = [
  ["thermal, case a, K = 128", { ...base, KL: 128, KR: 128, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }, 1e5],
  ["pure (seed 5), K = 64", { ...base, KL: 64, KR: 64, GammaL: 3, GammaR: 3, initial: { kind: "pure", seed: 5 } }, 120],
  ["asymmetric K_L = 61, K_R = 37, Γ_L ≠ Γ_R", { ...base, KL: 61, KR: 37, GammaL: 2, GammaR: 5, initial: { kind: "thermal" } }, 15],
  ["ε_d ≠ 0, n_d = 1, case b, K = 64", { ...base, KL: 64, KR: 64, epsD: 0.4, nD: 1, muL: 0.5, muR: 0.5, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }, 2],
];

/** S_L, S_R by the f64 engine's blocks and by the emulation (options as given). */
function both(p: Problem, t: number, options: Partial<GradedRitzOptions> = {}) {
  const plan = planTimes(p);
  const b = blocksAt(plan, t);
  const ref = [blockEntropy(b.LL.re, b.LL.im, p.KL), blockEntropy(b.RR.re, b.RR.im, p.KR)];
  const got = [
    gradedRitzEntropy(bathFactor(plan.spectrum, t, 1, p.KL), p.KL, plan.n0, options).S,
    gradedRitzEntropy(bathFactor(plan.spectrum, t, 1 + p.KL, p.KR), p.KR, plan.n0, options).S,
  ];
  return { ref, got };
}

describe("graded Rayleigh–Ritz (f32 emulation)", () => {
  it.each(cases)("gives S_L and S_R within 2e-6 of the f64 engine: %s", (_, p, t) => {
    const { ref, got } = both(p, t);
    for (let i = 0; i < 2; i++) expect(Math.abs(got[i] - ref[i])).toBeLessThan(2e-6);
  });

  it("is what makes f32 work: plain f32 (Householder + QL) eigenvalues of the same K = 128 block miss by more than 1e-5, 10× the refined error", () => {
    const [, p, t] = cases[0];
    const refined = both(p, t);
    const plain = both(p, t, { theta: 0 });
    const err = (x: { ref: number[]; got: number[] }) => Math.abs(x.got[0] - x.ref[0]);
    expect(err(plain)).toBeGreaterThan(1e-5);
    expect(err(plain)).toBeGreaterThan(10 * err(refined));
  });
});
