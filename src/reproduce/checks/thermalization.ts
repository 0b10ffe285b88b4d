/** Conclusion (2): the baths thermalize to the global state, for ensembles and for pure states alike. */
import type { RunResult } from "../../observables/columns.ts";
import { atMost, checkOf, type CheckResult, finiteK, type Labelled, levelSpacing, regimeIIIMean } from "./check.ts";

/** β*_ν's regime-III mean within this fraction of the global state's value at K = 200 (scaled as 1/√K). */
export const BETA_TOLERANCE_K200 = 0.1;
/** μ*_ν's regime-III mean within this many level spacings of the global state's value. */
export const MU_TOLERANCE_SPACINGS = 1;

/**
 * Each group's worst bath and run: the regime-III mean of β*_ν and of μ*_ν against the value of the
 * baths inside the global grand canonical state of the same ⟨H⟩ and ⟨N⟩ (App. B: meta.betaLgg, …):
 * β* within 10 %·√(200/K) relative, μ* within one level spacing Δε_ν.
 *
 * @example
 * checkThermalization([{ label: "thermal starts, Γ = 3", value: [traceA, traceB] }, { label: "pure states", value: seedRuns }], 200).pass;
 */
export function checkThermalization(groups: ReadonlyArray<Labelled<readonly RunResult[]>>, K: number): CheckResult {
  const tol = finiteK(BETA_TOLERANCE_K200, K);
  const worst = (runs: readonly RunResult[], f: (r: RunResult, nu: "L" | "R") => number) =>
    Math.max(...runs.flatMap((r) => [f(r, "L"), f(r, "R")]));
  const numbers = groups.flatMap(({ label, value: runs }) => [
    atMost(`${label}: |β̄*_ν − β*_ν,global| / β*_ν,global`, worst(runs, (r, nu) => Math.abs(regimeIIIMean(r.rows, `beta${nu}`) / r.meta[`beta${nu}gg`] - 1)), tol),
    atMost(`${label}: |μ̄*_ν − μ*_ν,global| / Δε_ν`, worst(runs, (r, nu) => Math.abs(regimeIIIMean(r.rows, `mu${nu}`) - r.meta[`mu${nu}gg`]) / levelSpacing(r, nu)), MU_TOLERANCE_SPACINGS),
  ]);
  return checkOf(
    "thermalization", 2,
    "Despite the microscopic athermality, we observed thermalization of the relevant macroscopic observables in an integrable system for both pure and mixed states.",
    `In regime III (t ≥ 1e5, the window of Fig. 6) the mean β*_ν and μ*_ν of each bath are compared with the values of the baths inside the global grand canonical state of the same ⟨H⟩ and ⟨N⟩ (App. B), ` +
    `for thermal starts, for many pure states and for asymmetric baths, all at Γ = 3; the worst bath and run of each group is listed. ` +
    `A finite bath never settles exactly: in regime III its β*(t) keeps fluctuating (measured at K = 200: by 1–2 % for the ensemble, 4–10 % for a single pure state; less at larger K, roughly as 1/√K), ` +
    `so β̄* must lie within ${+(100 * tol).toPrecision(2)} % of the global value (10 % at K = 200, scaled as 1/√K); ` +
    `μ*(t) fluctuates by about one level spacing (one electron more or less in a bath moves μ* by Δε_ν = W/(K_ν − 1)), so μ̄* must lie within one Δε_ν. ` +
    `At larger Γ the global state holds an O(Γ/K) share of the energy in the coupling and its β* moves off the baths' (visible in Fig. 4 at Γ = 30, not held to this check); at Γ = 1 the paper itself finds discrepancies (App. A, Fig. 9).`,
    numbers,
  );
}
