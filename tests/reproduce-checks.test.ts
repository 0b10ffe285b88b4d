// The seven checks of `setsim reproduce` on synthetic data: each holds on data shaped like the paper's
// physics and fails on data that breaks its conclusion, with the failing number marked.
import { describe, expect, it } from "vitest";
import { META_COLUMNS, type Meta, ROW_COLUMNS, type Row, type RunResult } from "../src/observables/columns.ts";
import type { AverageEntry } from "../src/io/format.ts";
import { seedStatistics } from "../src/sweep/seed-statistics.ts";
import { atLeast, atMost, type CheckResult, checkOf, info, tightenCheck } from "../src/reproduce/checks/check.ts";
import { checkCompetition } from "../src/reproduce/checks/competition.ts";
import { checkInterBathCorrelation, checkSystemBathCorrelation } from "../src/reproduce/checks/correlations.ts";
import { checkEffectiveTemperatures } from "../src/reproduce/checks/effective-temperatures.ts";
import { checkEqualBaths } from "../src/reproduce/checks/equal-baths.ts";
import { checkThermalization } from "../src/reproduce/checks/thermalization.ts";
import { checkTypicality } from "../src/reproduce/checks/typicality.ts";

const K = 200;
const row = (patch: Partial<Row>): Row => ({ ...Object.fromEntries(ROW_COLUMNS.map((c) => [c, 0])), ...patch }) as Row;
const META = { ...Object.fromEntries(META_COLUMNS.map((c) => [c, 0])), betaL0: 10, betaR0: 2, betaLgg: 1.5, betaRgg: 1.5, muLgg: 0, muRgg: 0, E0: -10 } as Meta;
/** Times 0, 1e-4 … 1e8 at 2 per decade. */
const TIMES = [0, ...Array.from({ length: 25 }, (_, i) => 10 ** (-4 + i / 2))];

/** A thermal trace shaped like the paper's: β* from (10, 2) to 1.5, μ* from ±1 to 0 (a thermoelectric bump for `bump`), Σ growing. */
function trace(patch: (t: number, r: Row) => Partial<Row> = () => ({}), meta: Partial<Meta> = {}): RunResult {
  const rows = TIMES.map((t) => {
    const s = 1 - Math.exp(-t / 100); // 0 → 1 over regime II
    const base = row({
      t, betaL: 10 + (1.5 - 10) * s, betaR: 2 + (1.5 - 2) * s, muL: 1 - s, muR: -1 + s,
      EL: -240 + 5 * s, ER: -233 - 2.5 * s, nd: 0.5 * s,
      Sigma: 50 * s, Deq: 200 * s, ISB: 1.2 * s, ILR: 20 * s, IoL: 8 * s, IoR: 8 * s, Dstar: 13 * s, DrelL: 0.3 * s, DrelR: 0.3 * s,
    });
    base.nd = 0;
    return { ...base, ...patch(t, base) };
  });
  // ⟨H⟩ = E_L + E_R − |⟨V⟩| with a coupling energy of 0.5
  return { config: { K, W: 10, epsD: 0 }, meta: { ...META, E0: rows.at(-1)!.EL + rows.at(-1)!.ER - 0.5, ...meta }, rows };
}

/** A Fig. 6 table over six Γ with the given regime-III averages. */
function table(average: (G: number) => Partial<Row>): { KL: number; KR: number; table: AverageEntry[] } {
  const gammas = [3.16, 10, 31.6, 100, 316, 1000];
  return { KL: K, KR: K, table: gammas.map((G) => ({ value: G, average: row({ Sigma: 50, Deq: 230, ISB: 1.2, ILR: 23, Dstar: 11, IoL: 8, IoR: 8, DrelL: 0.3, DrelR: 0.3, ...average(G) }) })) };
}

/** The numbers of a check that fail. */
const failing = (c: CheckResult) => c.numbers.filter((n) => n.pass === false).map((n) => n.label);

describe("the checks of the paper's conclusions", () => {
  it("(1) competition: fails when I_L−R + D*_env carry too little of Σ, D^eq is smaller than Σ, or one side carries all", () => {
    const good = checkCompetition([{ label: "case (a)", value: table(() => ({})) }], [{ label: "trace", value: trace() }]);
    expect(good.pass, failing(good).join("; ")).toBe(true);
    const small = checkCompetition([{ label: "case (a)", value: table(() => ({ ILR: 5, Dstar: 5, Deq: 40 })) }], []);
    expect(small.pass).toBe(false);
    expect(failing(small)).toEqual(["case (a): min over Γ = 3.16 … 1000 of (I_L−R + D*_env) / Σ", "case (a): min over Γ of D^eq_env / Σ"]);
    const noAthermality = checkCompetition([], [{ label: "trace", value: trace((t, r) => ({ Dstar: 0.01 * r.Sigma })) }]);
    expect(failing(noAthermality)).toEqual(["trace: median over t ≥ t_II of D*_env / Σ"]);
  });

  it("(2) thermalization: fails when a bath's regime-III β* or μ* stays off the global state's", () => {
    expect(checkThermalization([{ label: "thermal", value: [trace()] }], K).pass).toBe(true);
    const hot = trace((t, r) => (t >= 1e5 ? { betaL: 1.2 * r.betaL } : {}));
    expect(failing(checkThermalization([{ label: "thermal", value: [trace(), hot] }], K))).toEqual(["thermal: |β̄*_ν − β*_ν,global| / β*_ν,global"]);
    const shifted = trace((t) => (t >= 1e5 ? { muR: 0.2 } : {}));
    expect(failing(checkThermalization([{ label: "pure", value: [shifted] }], K))).toEqual(["pure: |μ̄*_ν − μ*_ν,global| / Δε_ν"]);
  });

  it("(3) typicality: fails when the ensemble lies outside the pure states' spread", () => {
    const pure = [0.97, 0.99, 1, 1.01, 1.03].map((f, i) => trace((t, r) => ({ betaL: r.betaL * f, Sigma: r.Sigma * f, muL: r.muL + 0.01 * i })));
    const stats = seedStatistics([1, 2, 3, 4, 5], pure);
    expect(checkTypicality([{ label: "case (a)", value: { ensemble: trace(), statistics: stats } }]).pass).toBe(true);
    const apart = trace((t, r) => (t > 1 ? { Sigma: 1.5 * r.Sigma } : {}));
    const c = checkTypicality([{ label: "case (a)", value: { ensemble: apart, statistics: stats } }]);
    expect(failing(c)).toEqual(["case (a): Σ, max over t of |ensemble − median| / (q90 − q10)"]);
  });

  it("(4) equal baths: fails when D[ρ‖π]/Sπ or I_oν differ between the baths in regime III", () => {
    expect(checkEqualBaths([{ label: "case (a)", value: table(() => ({})) }], [{ label: "trace", value: trace() }]).pass).toBe(true);
    const c = checkEqualBaths([{ label: "case (a)", value: table((G) => (G > 100 ? { DrelL: 0.35, DrelR: 0.25, IoL: 10, IoR: 6 } : {})) }], []);
    expect(failing(c)).toHaveLength(2);
  });

  it("(5) effective temperatures: fails on an undefined β*, a negative Σ or D^eq, energies outside, or no thermoelectric effect", () => {
    const ok = trace((t) => ({ muL: 0.5 + 0.3 * Math.exp(-((Math.log10(t + 1e-9) - 1) ** 2)), muR: 0.5 }));
    expect(checkEffectiveTemperatures([{ label: "a", value: trace() }], [{ label: "b", value: ok }]).pass).toBe(true);
    const broken = trace((t) => (t === 1 ? { betaL: Infinity, Sigma: -1e-3 } : t === 10 ? { Deq: -0.1 } : t >= 1e5 ? { EL: -250 } : {}));
    expect(failing(checkEffectiveTemperatures([{ label: "a", value: broken }], []))).toHaveLength(4);
    const flat = trace(() => ({ muL: 0.5, muR: 0.5 }));
    expect(failing(checkEffectiveTemperatures([], [{ label: "b", value: flat }]))).toEqual(["b: transient max |μ*_L − μ*_R| / Δε (μ_L = μ_R at t = 0)"]);
  });

  it("(6) inter-bath correlation: fails when I_L−R changes much with Γ or holds less than a bit", () => {
    expect(checkInterBathCorrelation([{ label: "case (a)", value: table(() => ({})) }]).pass).toBe(true);
    expect(failing(checkInterBathCorrelation([{ label: "case (a)", value: table((G) => ({ ILR: 0.01 * G })) }]))).toHaveLength(2);
  });

  it("(7) system–bath correlation: fails below the classical bound or when another correlation dominates relatively", () => {
    expect(checkSystemBathCorrelation([{ label: "case (a)", value: table(() => ({})) }]).pass).toBe(true);
    expect(failing(checkSystemBathCorrelation([{ label: "case (a)", value: table(() => ({ ISB: 0.6 })) }]))).toEqual(["case (a): min over Γ of I_S−B / ln 2"]);
    const strongLR = table(() => ({ ILR: 2 * K * Math.LN2 }));
    expect(failing(checkSystemBathCorrelation([{ label: "case (a)", value: strongLR }]))).toEqual(["case (a): min over Γ of (I_S−B / ln 2) / (largest other normalized correlation)"]);
  });

  it("a check with no number held, or a NaN, does not pass", () => {
    expect(checkCompetition([], []).pass).toBe(false);
    expect(checkInterBathCorrelation([{ label: "x", value: table(() => ({ ILR: NaN })) }]).pass).toBe(false);
  });

  it("tightenCheck moves every limit toward the strict side by its factor (setsim reproduce --tighten)", () => {
    const c = checkOf("x", 1, "claim", "method.", [atMost("a", 0.5, 1), atLeast("b", 3, 2), atLeast("c", -1e-10, -1e-9), atMost("d", -2, -1), info("e", 7)]);
    expect(c.pass).toBe(true);
    const t = tightenCheck(c, 0.1);
    expect(t.numbers.map((n) => n.limit)).toEqual(["≤ 0.1", "≥ 20", "≥ -1e-10", "≤ -10", undefined]);
    expect(t.numbers.map((n) => n.pass)).toEqual([false, false, true, false, undefined]);
    expect(t.pass).toBe(false);
    expect(t.method).toBe("method. Tolerances tightened by a factor 0.1 (--tighten x=0.1): not the check's own limits.");
    // a factor > 1 loosens; 1 changes nothing but the method's note
    expect(tightenCheck(c, 1).numbers).toEqual(c.numbers);
    expect(tightenCheck(checkOf("x", 1, "", "", [atMost("a", 5, 1)]), 10).pass).toBe(true);
  });
});
