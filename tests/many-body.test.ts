// The CPU engine against many-body exact diagonalization (Fock space ≤ 128 states): entropies and mutual informations to 1e-10.
import { describe, it } from "vitest";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { denseHamiltonian, hamiltonian } from "../src/model/hamiltonian.ts";
import { initialOccupations } from "../src/model/initial-state.ts";
import type { Problem } from "../src/model/problem.ts";
import { manyBodyEvolution } from "./reference/many-body.ts";
import { expectAllClose } from "./helpers/allclose.ts";

const h2 = (x: number) => (x <= 0 || x >= 1 ? 0 : -x * Math.log(x) - (1 - x) * Math.log(1 - x));

const base = { W: 4, betaL: 2, betaR: 0.7, muL: 0.5, muR: -0.4 };
const cases: [string, Problem][] = [
  ["thermal, K_L = K_R = 2, symmetric", { ...base, KL: 2, KR: 2, epsD: 0, nD: 0, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
  ["thermal, K_L = 3 ≠ K_R = 2, ε_d ≠ 0, n_d ≠ 0, Γ_L ≠ Γ_R", { ...base, KL: 3, KR: 2, epsD: 0.3, nD: 0.6, GammaL: 2.5, GammaR: 0.8, initial: { kind: "thermal" } }],
  ["thermal, K_L = K_R = 3, n_d = 1", { ...base, KL: 3, KR: 3, epsD: -0.5, nD: 1, GammaL: 1, GammaR: 4, initial: { kind: "thermal" } }],
  ["pure (seed 5), K_L = 2, K_R = 3", { ...base, KL: 2, KR: 3, epsD: 0.2, nD: 0, GammaL: 3, GammaR: 2, initial: { kind: "pure", seed: 5 } }],
  ["pure (seed 11), K_L = K_R = 3, n_d = 1", { ...base, KL: 3, KR: 3, epsD: 0, nD: 1, GammaL: 2, GammaR: 2, initial: { kind: "pure", seed: 11 } }],
  ["occupations, K_L = 3, K_R = 2, n_d = 0.25", { ...base, KL: 3, KR: 2, epsD: 0.4, nD: 0.25, GammaL: 1.5, GammaR: 3.5, initial: { kind: "occupations", occupations: [0.9, 0.1, 0.6, 1, 0.35] } }],
];
const times = [0, 0.05, 0.3, 1, 2.7, 10, 55];

describe("CPU engine against many-body exact diagonalization", () => {
  it.each(cases)("%s", async (_, p) => {
    const { rows } = await runCpu(p, times);
    const occ = Array.from(initialOccupations(p));
    const ed = manyBodyEvolution(denseHamiltonian(hamiltonian(p)), occ, p.KL, times);
    for (let i = 0; i < times.length; i++) {
      const r = rows[i];
      const m = ed[i];
      const sumH = (from: number, to: number) => m.occupations.slice(from, to).reduce((s, x) => s + h2(x), 0);
      const want = {
        SS: m.SS, SL: m.SL, SR: m.SR, SB: m.SB,
        ISB: m.SS + m.SB - m.Stot,
        ILR: m.SL + m.SR - m.SB,
        IoL: sumH(1, 1 + p.KL) - m.SL,
        IoR: sumH(1 + p.KL, 1 + p.KL + p.KR) - m.SR,
        nd: m.occupations[0],
      };
      const keys = Object.keys(want) as (keyof typeof want)[];
      expectAllClose(keys.map((k) => r[k]), keys.map((k) => want[k]), 1e-10, 0, `t=${times[i]} ${keys.join(",")}`);
    }
  });
});
