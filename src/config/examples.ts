/** Ready run configs: the paper's cases and the reference workloads of SPEC §5 (`setsim example NAME`). */

/** Case (a) of the paper: β = (10, 2), μ = (1, −1), ε_d = 0, n_d = 0, W = 10 (no K, Γ or times). */
export const caseA = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1 };
/** Case (b) of the paper: β = (10, 2), μ = (0.5, 0.5), ε_d = 0, n_d = 0, W = 10. */
export const caseB = { ...caseA, muL: 0.5, muR: 0.5 };

/** 1e-4 … 1e8 at 10 per decade, plus t = 0: 122 times. */
export const traceTimes = { from: 1e-4, to: 1e8, perDecade: 10, zero: true };
/** Γ = 10^0.5, 10^1, …, 10^3 (Fig. 6). */
export const fig6Gamma = { from: 10 ** 0.5, to: 1000, points: 6 };
/** Regime-III average: 21 log-spaced times in [1e5, 1e8] (Fig. 6). */
export const fig6Average = { from: 1e5, to: 1e8, points: 21 };

/**
 * Named example configs, each accepted by `parseConfig`. Key order inside each config follows SPEC §3
 * so that `setsim example NAME` prints a readable file.
 *
 * @example
 * parseConfig(EXAMPLES["trace-k200"].config).times.length; // 122
 */
export const EXAMPLES: Record<string, { description: string; config: object }> = {
  "case-a": {
    description: "paper case (a): β=(10,2), μ=(1,−1), K=1000, Γ=3, t in 1e-4…1e8 (122 times)",
    config: { K: 1000, ...caseA, Gamma: 3, initial: { kind: "thermal" }, times: traceTimes },
  },
  "case-b": {
    description: "paper case (b): β=(10,2), μ=(0.5,0.5), K=1000, Γ=3, t in 1e-4…1e8 (122 times)",
    config: { K: 1000, ...caseB, Gamma: 3, initial: { kind: "thermal" }, times: traceTimes },
  },
  trace: {
    description: "workload `trace`: case (a), K=1000, Γ=3, 122 times 1e-4…1e8 plus t=0",
    config: { K: 1000, ...caseA, Gamma: 3, initial: { kind: "thermal" }, times: traceTimes },
  },
  "trace-k200": {
    description: "the trace at K=200: a quick full run (README's first command)",
    config: { K: 200, ...caseA, Gamma: 3, initial: { kind: "thermal" }, times: traceTimes },
  },
  "fig6-a": {
    description: "workload `fig6`, case (a): Γ=10^0.5…10^3 (6 values), regime-III average over 21 times in 1e5…1e8",
    config: { K: 1000, ...caseA, Gamma: fig6Gamma, initial: { kind: "thermal" }, average: fig6Average },
  },
  "fig6-b": {
    description: "workload `fig6`, case (b): Γ=10^0.5…10^3 (6 values), regime-III average over 21 times in 1e5…1e8",
    config: { K: 1000, ...caseB, Gamma: fig6Gamma, initial: { kind: "thermal" }, average: fig6Average },
  },
  massive: {
    description: "workload `massive`: case (a), K=1000, 64 Γ in 1…1000 × 64 times in 1e-2…1e8 (4096 points)",
    config: {
      K: 1000, ...caseA,
      Gamma: { from: 1, to: 1000, points: 64 },
      initial: { kind: "thermal" },
      times: { from: 1e-2, to: 1e8, points: 64 },
    },
  },
  scaling: {
    description: "workload `scaling`: case (a), Γ=3, t=1e5, K = 250, 500, 1000, 2000, 4000",
    config: { K: [250, 500, 1000, 2000, 4000], ...caseA, Gamma: 3, initial: { kind: "thermal" }, times: [1e5] },
  },
  pure: {
    description: "case (a) from a pure product state drawn with seed 5 (K=1000, Γ=3, 122 times)",
    config: { K: 1000, ...caseA, Gamma: 3, initial: { kind: "pure", seed: 5 }, times: traceTimes },
  },
  asymmetric: {
    description: "Appendix A: case (a) with K_L=1001, K_R=999, Γ=1 (122 times)",
    config: { KL: 1001, KR: 999, ...caseA, Gamma: 1, initial: { kind: "thermal" }, times: traceTimes },
  },
};
