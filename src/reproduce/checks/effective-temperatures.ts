/** Conclusion (5): the effective temperatures and chemical potentials behave as thermodynamics expects, at all times. */
import type { RunResult } from "../../observables/columns.ts";
import { atLeast, atMost, checkOf, type CheckResult, type Labelled, levelSpacing, regimeIIIMean } from "./check.ts";

/** Rounding allowance of Σ ≥ 0 and D^eq ≥ 0 (sums of O(K) terms of O(1) in f64). */
export const ROUNDING = 1e-9;

/**
 * How far the regime-III bath energies lie outside the interval of the initial ones, over the energy
 * the tunnel coupling holds (−⟨V⟩ = E_L + E_R + ε_d n_d − ⟨H⟩, which the baths' bare energies share):
 * ≤ 1 means inside the interval widened by it.
 */
function outsideInitialEnergies(r: RunResult): number {
  const [lo, hi] = [Math.min(r.rows[0].EL, r.rows[0].ER), Math.max(r.rows[0].EL, r.rows[0].ER)];
  const out = (E: number) => Math.max(lo - E, E - hi, 0);
  const epsD = (r.config as { epsD?: number }).epsD ?? 0;
  const coupling = Math.abs(regimeIIIMean(r.rows.map((x) => ({ ...x, EL: x.EL + x.ER + epsD * x.nd - r.meta.E0 })), "EL"));
  const worst = Math.max(out(regimeIIIMean(r.rows, "EL")), out(regimeIIIMean(r.rows, "ER")));
  return worst === 0 ? 0 : worst / coupling;
}

/**
 * Over the thermal traces: β*_ν, μ*_ν defined (finite) at every t > 0; Σ ≥ 0 and D^eq_env = σ − Σ ≥ 0
 * at every t (eq. 14); the regime-III bath energies between the initial ones (Fig. 4 (a-1) inset).
 * Over the case-(b) traces: a transient thermoelectric μ*_L − μ*_R from a temperature difference alone,
 * larger than a level spacing (the scale of μ*'s own fluctuations), that closes to within one in regime III.
 *
 * @example
 * checkEffectiveTemperatures(thermalTraces, [{ label: "case (b), Γ = 3", value: traceB }]).pass;
 */
export function checkEffectiveTemperatures(traces: ReadonlyArray<Labelled<RunResult>>, thermoelectric: ReadonlyArray<Labelled<RunResult>>): CheckResult {
  const numbers = [
    ...traces.flatMap(({ label, value: r }) => {
      const timed = r.rows.filter((x) => x.t > 0);
      const undefinedCount = timed.filter((x) => ![x.betaL, x.betaR, x.muL, x.muR].every(Number.isFinite)).length;
      return [
        atMost(`${label}: times with β*_ν or μ*_ν undefined`, undefinedCount, 0),
        atLeast(`${label}: min over t of Σ(t)`, Math.min(...r.rows.map((x) => x.Sigma)), -ROUNDING),
        atLeast(`${label}: min over t of D^eq_env(t) = σ − Σ`, Math.min(...r.rows.map((x) => x.Deq)), -ROUNDING),
        atMost(`${label}: regime-III E_ν outside [E_L(0), E_R(0)] by, in units of the coupling energy |⟨V⟩|`, outsideInitialEnergies(r), 1),
      ];
    }),
    ...thermoelectric.flatMap(({ label, value: r }) => {
      const gap = (x: { muL: number; muR: number }) => Math.abs(x.muL - x.muR);
      const de = levelSpacing(r, "L");
      return [
        atLeast(`${label}: transient max |μ*_L − μ*_R| / Δε (μ_L = μ_R at t = 0)`, Math.max(...r.rows.map(gap)) / de, 1),
        atMost(`${label}: regime-III |μ̄*_L − μ̄*_R| / Δε`, Math.abs(regimeIIIMean(r.rows, "muL") - regimeIIIMean(r.rows, "muR")) / de, 1),
      ];
    }),
  ];
  return checkOf(
    "effective-temperatures", 5,
    "The effective nonequilibrium temperatures and chemical potentials of Ref. [4, 5, 16] work very well across all time scales and in unison with thermodynamic expectations.",
    `Over every thermal trace (cases (a) and (b), Γ = 3 and 30, every time): β*_ν and μ*_ν (eqs. 5–6) exist at every t > 0; the entropy production Σ (eq. 7) and the finite-bath term D^eq_env = σ − Σ (eq. 14) are non-negative (second law; allowance ${ROUNDING} for rounding); ` +
    `in regime III each bath's energy lies between the two initial energies (Fig. 4 (a-1) inset: in case (a) both baths heat up, yet their energies meet in between), up to the energy the tunnel coupling holds, |⟨V⟩|, which the baths' bare energies give up. ` +
    `Case (b) starts with μ_L = μ_R and shows the transient thermoelectric effect of Sec. IV A: |μ*_L − μ*_R| rises above a level spacing Δε (μ* of a finite bath fluctuates by about Δε) and closes again to within one Δε in regime III.`,
    numbers,
  );
}
