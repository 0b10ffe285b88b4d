// The configurations every engine is checked on against the f64 engine: thermal, pure, asymmetric and ε_d ≠ 0, at times spanning all three regimes.
import type { Problem } from "../../src/model/problem.ts";

const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1 };

export const engineConfigs: [string, Problem][] = [
  ["thermal, case a, K = 32", { ...base, KL: 32, KR: 32, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
  ["thermal, case a, K = 64", { ...base, KL: 64, KR: 64, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
  ["pure (seed 5), K = 24", { ...base, KL: 24, KR: 24, GammaL: 3, GammaR: 3, initial: { kind: "pure", seed: 5 } }],
  ["asymmetric K_L = 21, K_R = 14, Γ_L ≠ Γ_R", { ...base, KL: 21, KR: 14, GammaL: 2, GammaR: 5, initial: { kind: "thermal" } }],
  ["ε_d ≠ 0, n_d = 1, case b", { ...base, KL: 20, KR: 20, epsD: 0.4, nD: 1, muL: 0.5, muR: 0.5, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
];

export const engineTimes = [0, 0.01, 0.3, 2, 15, 120, 1e3, 1e5, 1e8];
