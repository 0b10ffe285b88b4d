/**
 * The benchmark workloads (SPEC §5 and smaller ones), shared by the Node benchmark (bench.ts) and the
 * browser one (browser-page.ts): no Node imports here.
 */
import type { Problem } from "../src/model/problem.ts";
import { resolveTimes } from "../src/config/time-grid.ts";

export const caseA = (K: number, Gamma: number): Problem => ({
  KL: K, KR: K, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1,
  GammaL: Gamma, GammaR: Gamma, initial: { kind: "thermal" },
});
const traceTimes = () => resolveTimes({ from: 1e-4, to: 1e8, perDecade: 10, zero: true }, "times");
export const logspace = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, i) => a * (b / a) ** (n === 1 ? 0 : i / (n - 1)));

export type Job = { label: string; problem: Problem; times: number[] };
export const WORKLOADS: Record<string, () => Job[]> = {
  "trace-k32": () => [{ label: "case a, K=32, Γ=3, 122 times (SwiftShader-sized)", problem: caseA(32, 3), times: traceTimes() }],
  "trace-k64": () => [
    { label: "case a, K=64, Γ=3, 122 times", problem: caseA(64, 3), times: traceTimes() },
    { label: "pure seed 5, K=64, Γ=3, 122 times", problem: { ...caseA(64, 3), initial: { kind: "pure", seed: 5 } }, times: traceTimes() },
  ],
  "trace-k200": () => [{ label: "case a, K=200, Γ=3, 122 times", problem: caseA(200, 3), times: traceTimes() }],
  // how fast mode's error grows with K (SwiftShader-sized): --compare against the f64 engine
  "check-k128": () => [
    { label: "case a, K=128, Γ=3, 6 times", problem: caseA(128, 3), times: [0.3, 2, 10, 100, 1e3, 1e5] },
  ],
  // accuracy at the paper's size: --compare runs the f64 engine on the same points
  "check-k1000": () => [
    { label: "case a, K=1000, Γ=3, 4 times", problem: caseA(1000, 3), times: [0.3, 15, 1e3, 1e5] },
    { label: "pure seed 5, K=1000, Γ=3, 4 times", problem: { ...caseA(1000, 3), initial: { kind: "pure", seed: 5 } }, times: [0.3, 15, 1e3, 1e5] },
  ],
  "point-k1000": () => [{ label: "case a, K=1000, Γ=3, t=1e5", problem: caseA(1000, 3), times: [1e5] }],
  trace: () => [{ label: "case a, K=1000, Γ=3, 122 times", problem: caseA(1000, 3), times: traceTimes() }],
  scaling: () => [250, 500, 1000, 2000, 4000].map((K) => ({ label: `K=${K}, t=1e5`, problem: caseA(K, 3), times: [1e5] })),
};
/** SPEC §5 `fig6` at bath size K: cases (a) and (b), 6 Γ, 21 regime-III times each (252 points). */
const fig6 = (K: number): Job[] =>
  [0.5, 1, 1.5, 2, 2.5, 3].flatMap((x) => [
    { label: `case a Γ=10^${x}`, problem: caseA(K, 10 ** x), times: logspace(1e5, 1e8, 21) },
    { label: `case b Γ=10^${x}`, problem: { ...caseA(K, 10 ** x), muL: 0.5, muR: 0.5 }, times: logspace(1e5, 1e8, 21) },
  ]);
/** SPEC §5 `massive` at bath size K: 64 Γ in [1, 1000] × 64 times in [1e−2, 1e8] (4096 points). */
const massive = (K: number): Job[] =>
  logspace(1, 1000, 64).map((G) => ({ label: `Γ=${G.toPrecision(4)}`, problem: caseA(K, G), times: logspace(1e-2, 1e8, 64) }));
WORKLOADS.fig6 = () => fig6(1000);
WORKLOADS.massive = () => massive(1000);
// SwiftShader-sized (the browser benchmark's pair)
WORKLOADS["fig6-k64"] = () => fig6(64);
WORKLOADS["massive-k64"] = () => massive(64);

