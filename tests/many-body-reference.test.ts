// Sanity checks of the many-body exact-diagonalization reference itself, so that it can be trusted as an oracle for the engine.
import { describe, expect, it } from "vitest";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { manyBodyEvolution } from "./reference/many-body.ts";
import { expectAllClose, lcg } from "./helpers/allclose.ts";

const hb = (x: number): number => (x <= 0 || x >= 1 ? 0 : -x * Math.log(x) - (1 - x) * Math.log(1 - x));
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** A dense random real symmetric h: every pair coupled, so Jordan–Wigner strings across skipped modes are exercised. */
function randomH(N: number, rand: () => number): number[][] {
  const h = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  for (let i = 0; i < N; i++) {
    h[i][i] = 2 * rand() - 1;
    for (let j = 0; j < i; j++) h[i][j] = h[j][i] = 2 * rand() - 1;
  }
  return h;
}

/** diag(U† diag(occ) U) with U = e^{−iht}, from the eigendecomposition of h (single-particle picture). */
function singleParticleOccupations(h: number[][], occ: number[], t: number): number[] {
  const eig = new EigenvalueDecomposition(new Matrix(h), { assumeSymmetric: true });
  const Q = eig.eigenvectorMatrix;
  const lam = eig.realEigenvalues;
  const N = occ.length;
  const out = new Array<number>(N).fill(0);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < N; k++) {
      let re = 0;
      let im = 0;
      for (let m = 0; m < N; m++) {
        const q = Q.get(k, m) * Q.get(i, m);
        re += q * Math.cos(lam[m] * t);
        im -= q * Math.sin(lam[m] * t);
      }
      out[i] += occ[k] * (re * re + im * im);
    }
  }
  return out;
}

const times = [0, 0.3, 1.7, 5, 23];

describe("many-body reference", () => {
  const rand = lcg(20240611);
  const KL = 2;
  const N = 5;
  const h = randomH(N, rand);
  const occ = [0.15, 0.9, 0.35, 0.6, 0.05];
  const rows = manyBodyEvolution(h, occ, KL, times);

  it("at t = 0 every entropy is the sum of h(occ_i) over its set", () => {
    const r = rows[0];
    expectAllClose(r.SS, hb(occ[0]), 1e-12, 0, "SS");
    expectAllClose(r.SL, sum(occ.slice(1, 1 + KL).map(hb)), 1e-12, 0, "SL");
    expectAllClose(r.SR, sum(occ.slice(1 + KL).map(hb)), 1e-12, 0, "SR");
    expectAllClose(r.SB, sum(occ.slice(1).map(hb)), 1e-12, 0, "SB");
    expectAllClose(r.Stot, sum(occ.map(hb)), 1e-12, 0, "Stot");
    expectAllClose(r.occupations, occ, 1e-13, 0, "occupations");
  });

  it("keeps Tr ρ = 1, ⟨H⟩, ⟨N⟩ and S_tot constant", () => {
    const E0 = sum(occ.map((n, i) => n * h[i][i]));
    for (const r of rows) {
      expectAllClose(r.trace, 1, 1e-12, 0, `trace t=${r.t}`);
      expectAllClose(r.energy, E0, 1e-12, 0, `energy t=${r.t}`);
      expectAllClose(r.number, sum(occ), 1e-12, 0, `number t=${r.t}`);
      expectAllClose(r.Stot, rows[0].Stot, 1e-11, 0, `Stot t=${r.t}`);
      expectAllClose(sum(r.occupations), sum(occ), 1e-12, 0, `Σ occupations t=${r.t}`);
    }
  });

  it("single-mode reduced states are diagonal: S_S = h(⟨n_0⟩)", () => {
    // Number conservation forbids dot coherences, so the dot entropy is fixed by its occupation.
    for (const r of rows) expectAllClose(r.SS, hb(r.occupations[0]), 1e-11, 0, `SS t=${r.t}`);
    expect(rows.some((r) => Math.abs(r.SS - rows[0].SS) > 1e-3)).toBe(true);
  });

  it("subadditivity and the Araki–Lieb inequality hold", () => {
    for (const r of rows) {
      expect(r.SB).toBeLessThanOrEqual(r.SL + r.SR + 1e-12);
      expect(r.Stot).toBeLessThanOrEqual(r.SS + r.SB + 1e-12);
      expect(Math.abs(r.SS - r.SB)).toBeLessThanOrEqual(r.Stot + 1e-12);
    }
  });

  it.each([
    { N: 3, KL: 1 },
    { N: 5, KL: 2 },
  ])("occupations match the single-particle formula (N = $N)", ({ N, KL }) => {
    const r2 = lcg(7 + N);
    const hh = randomH(N, r2);
    const oo = Array.from({ length: N }, () => r2());
    const res = manyBodyEvolution(hh, oo, KL, times);
    for (const r of res) expectAllClose(r.occupations, singleParticleOccupations(hh, oo, r.t), 1e-11, 0, `t=${r.t}`);
  });

  it("a pure initial state stays pure: S_B = S_S, S_tot = 0 (N = 7)", () => {
    const r3 = lcg(99);
    const N7 = 7;
    const h7 = randomH(N7, r3);
    const o7 = [0, 1, 1, 0, 1, 0, 0];
    const res = manyBodyEvolution(h7, o7, 3, [0, 0.8, 4.1]);
    for (const r of res) {
      expectAllClose(r.Stot, 0, 1e-10, 0, `Stot t=${r.t}`);
      expectAllClose(r.SB, r.SS, 1e-10, 0, `SB vs SS t=${r.t}`);
      expectAllClose(r.number, 3, 1e-12, 0, `number t=${r.t}`);
    }
    expect(res[2].SS).toBeGreaterThan(1e-3);
  });

  it("refuses more than 7 modes", () => {
    const h8 = randomH(8, lcg(1));
    expect(() => manyBodyEvolution(h8, new Array<number>(8).fill(0.5), 3, [0])).toThrow(/N = 8/);
  });
});
