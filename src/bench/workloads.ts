/**
 * The benchmark workloads (`npm run bench`, `setsim bench`, the benchmark page): SPEC §5's, at any
 * bath size K (the paper's K = 1000 by default), and a few fixed-size ones of the core issues.
 */
import type { Problem } from "../model/problem.ts";
import { resolveTimes } from "../config/time-grid.ts";
import { ConfigError } from "../errors.ts";

/** One problem and its times, with a label for reports. */
export interface BenchJob {
  label: string;
  problem: Problem;
  times: number[];
}

/** The paper's case (a): β = (10, 2), μ = (1, −1), W = 10, thermal baths. */
export const caseA = (K: number, Gamma: number): Problem => ({
  KL: K, KR: K, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1,
  GammaL: Gamma, GammaR: Gamma, initial: { kind: "thermal" },
});
export const traceTimes = (): number[] => resolveTimes({ from: 1e-4, to: 1e8, perDecade: 10, zero: true }, "times");
export const logspace = (a: number, b: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => a * (b / a) ** (n === 1 ? 0 : i / (n - 1)));

/** SPEC §5's workloads at bath size K (K = 1000 is SPEC's). */
export const SPEC_WORKLOADS = {
  fig6: (K: number): BenchJob[] => [0.5, 1, 1.5, 2, 2.5, 3].flatMap((x) => [
    { label: `case a Γ=10^${x}`, problem: caseA(K, 10 ** x), times: logspace(1e5, 1e8, 21) },
    { label: `case b Γ=10^${x}`, problem: { ...caseA(K, 10 ** x), muL: 0.5, muR: 0.5 }, times: logspace(1e5, 1e8, 21) },
  ]),
  trace: (K: number): BenchJob[] => [{ label: `case a, K=${K}, Γ=3, 122 times`, problem: caseA(K, 3), times: traceTimes() }],
  massive: (K: number): BenchJob[] =>
    logspace(1, 1000, 64).map((G) => ({ label: `Γ=${G.toPrecision(4)}`, problem: caseA(K, G), times: logspace(1e-2, 1e8, 64) })),
  // SPEC's 250 … 4000 around K = 1000
  scaling: (K: number): BenchJob[] => [0.25, 0.5, 1, 2, 4].map((f) => Math.max(2, Math.round(f * K)))
    .map((k) => ({ label: `K=${k}, t=1e5`, problem: caseA(k, 3), times: [1e5] })),
};
export type SpecWorkload = keyof typeof SPEC_WORKLOADS;

/** Every named workload (the SPEC ones at K = 1000). */
export const WORKLOADS: Record<string, () => BenchJob[]> = {
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
  ...Object.fromEntries(Object.entries(SPEC_WORKLOADS).map(([name, make]) => [name, () => make(1000)])),
};

/**
 * A workload by name: a SPEC one at bath size K where K is given (its report name then says so,
 * e.g. `trace@K=64`), else any named one as it stands.
 */
export function workload(name: string, K?: number): { name: string; jobs: BenchJob[] } {
  if (K !== undefined) {
    const make = SPEC_WORKLOADS[name as SpecWorkload];
    if (!make) throw new ConfigError("--K", `only SPEC §5's workloads (${Object.keys(SPEC_WORKLOADS).join(", ")}) take a bath size`);
    if (!(Number.isInteger(K) && K >= 2)) throw new ConfigError("--K", "must be an integer ≥ 2");
    return { name: K === 1000 ? name : `${name}@K=${K}`, jobs: make(K) };
  }
  const make = WORKLOADS[name];
  if (!make) throw new ConfigError("WORKLOAD", `unknown workload ${name}; known: ${Object.keys(WORKLOADS).join(", ")}`);
  return { name, jobs: make() };
}
