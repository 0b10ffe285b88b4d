// β*, μ* (eqs. 5–6): round trips over a wide (β, μ) grid, inverted baths, and extremal states that must give ±∞, never hang.
import { describe, expect, it } from "vitest";
import { matchGrandCanonical } from "../src/thermo/beta-star.ts";
import { bathLevels } from "../src/model/levels.ts";
import { fermi } from "../src/thermo/fermi.ts";

const levels = bathLevels(1000, 10);
function moments(beta: number, mu: number) {
  let E = 0;
  let N = 0;
  for (const e of levels) {
    const f = fermi(beta * (e - mu));
    E += e * f;
    N += f;
  }
  return { E, N };
}

describe("matchGrandCanonical", () => {
  const betas = [-50, -10, -2, -0.3, 0.05, 0.5, 2, 10, 50, 200, 1000];
  const mus = [-4, -1, 0, 0.5, 2.5, 4];
  it.each(betas)("recovers β = %d and μ over the grid (β < 0: inverted bath)", (beta) => {
    for (const mu of mus) {
      const { E, N } = moments(beta, mu);
      const r = matchGrandCanonical(levels, E, N);
      // conditioning degrades as β·Δε grows: E − E_min ~ e^{−βΔε}
      const tol = Math.abs(beta) > 100 ? 1e-6 : 1e-9;
      expect(Math.abs(r.beta - beta) / Math.abs(beta), `β=${beta} μ=${mu}`).toBeLessThan(tol);
      expect(Math.abs(r.mu - mu), `β=${beta} μ=${mu}`).toBeLessThan(1e-6);
      const back = moments(r.beta, r.mu);
      expect(Math.abs(back.N - N)).toBeLessThan(1e-9);
      expect(Math.abs(back.E - E)).toBeLessThan(1e-9 * Math.max(1, Math.abs(E)));
    }
  });

  it("gives β* = +∞ for a ground state and −∞ for the highest state at its particle number", () => {
    const low = levels.slice(0, 300).reduce((a, b) => a + b, 0);
    const high = levels.slice(700).reduce((a, b) => a + b, 0);
    const g = matchGrandCanonical(levels, low, 300);
    expect(g.beta).toBe(Infinity);
    expect(g.mu).toBeCloseTo((levels[299] + levels[300]) / 2, 12);
    const top = matchGrandCanonical(levels, high, 300);
    expect(top.beta).toBe(-Infinity);
    expect(top.mu).toBeCloseTo((levels[699] + levels[700]) / 2, 12);
  });

  it("reports empty and full baths as non-finite β* with μ* = ∓∞", () => {
    expect(matchGrandCanonical(levels, 0, 0)).toEqual({ beta: NaN, mu: -Infinity, alpha: -Infinity });
    const sum = levels.reduce((a, b) => a + b, 0);
    expect(matchGrandCanonical(levels, sum, 1000)).toEqual({ beta: NaN, mu: Infinity, alpha: Infinity });
  });

  it("finds a large finite β* just off the ground state, with fractional filling", () => {
    const occ = new Float64Array(1000);
    occ.fill(1, 0, 400);
    occ[400] = 0.3;
    occ[399] = 0.9;
    let E = 0;
    let N = 0;
    occ.forEach((f, k) => {
      E += f * levels[k];
      N += f;
    });
    const r = matchGrandCanonical(levels, E, N);
    expect(Number.isFinite(r.beta) && r.beta > 0).toBe(true);
    const back = moments(r.beta, r.mu);
    expect(Math.abs(back.E - E)).toBeLessThan(1e-8);
  });
});
