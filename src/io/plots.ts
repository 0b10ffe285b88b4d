/** The paper's figures as SVG text: a run's time traces (Figs. 4–5) and a sweep's regime-III averages (Fig. 6). */
import type { Row, RowColumn, RunResult } from "../observables/columns.ts";
import { findRegimes, REGIME_RULE, regimeBoundaries } from "../observables/regimes.ts";
import { GREY, PALETTE, renderChart, type RefLine, type Series } from "./svg-axes.ts";

/** One SVG document and the file stem to save it under (`<name>.svg`). */
export interface Plot {
  name: string;
  svg: string;
}

export const TIME_LABEL = "t [ħ/energy unit]";
export const ENTROPY_LABEL = "entropy [nats]";
/** Entropies at or below this [nats] are rounding (S_tot is at most N ln 2 ≈ 10³): "= 0 to rounding" on log axes. */
export const ENTROPY_ROUNDOFF = 1e-12;

/** Σ, σ and their parts (the legend of Fig. 5, top row): label and value of a row. */
export const PRODUCTION: Array<[string, (r: Row) => number]> = [
  ["σ", (r) => r.sigma],
  ["Σ", (r) => r.Sigma],
  ["D^{eq}_{env}", (r) => r.Deq],
  ["I_{S−B}", (r) => r.ISB],
  ["I_{L−R}", (r) => r.ILR],
  ["I_{oL}+I_{oR}", (r) => r.IoL + r.IoR],
  ["D*_{env}", (r) => r.Dstar],
];

/** Light versions of PALETTE[0], PALETTE[1]: reference lines of bath L and R. */
export const LIGHT = ["#9ab7d3", "#f0abac"];

function series(label: string, x: number[], y: number[], i: number, dashed = false): Series {
  return { label, x, y, color: PALETTE[i % PALETTE.length], dashed };
}

/** One series per column of `rows` against `x`. */
function columns(x: number[], rows: readonly Row[], cols: Array<[string, RowColumn]>): Series[] {
  return cols.map(([label, c], i) => series(label, x, rows.map((r) => r[c]), i));
}

/**
 * The time traces of one run, all against log t (t = 0 and non-finite values are skipped), each with
 * the regimes I–III of src/observables/regimes.ts as dotted lines and their rule under the legend:
 * `beta-star` (β*_L, β*_R; dashed: β*_ref of the global Gibbs state and β*_ν(∞) of the infinite-time
 * state; Fig. 4 top), `mu-star` (the same for μ*),
 * `entropy-production` (σ, Σ, D^eq, I_S−B, I_L−R, I_oL+I_oR, D*_env; log–log, Fig. 5 top),
 * `mutual-information` (I_S−B, I_L−R, I_oL, I_oR; log–log, Fig. 5 bottom) and
 * `relative-entropy` (D[ρ_ν‖π_ν]/Sπ_ν; Fig. 4 bottom). Never throws on empty or NaN-only rows.
 *
 * @example
 * for (const p of plotTrace(result, "trace")) writeFileAtomicSync(`plots/${p.name}.svg`, p.svg);
 */
export function plotTrace(result: RunResult, title: string): Plot[] {
  const rows = result.rows;
  const m = result.meta;
  const t = rows.map((r) => r.t);
  const regimes = { boundaries: regimeBoundaries(findRegimes(rows, m)), firstRegion: "I", notes: REGIME_RULE };
  // the global Gibbs value (App. B) and where each bath actually goes (the dephased state)
  const refs = (sym: string, global: number, L: number, R: number): RefLine[] => [
    { label: `${sym}*_{ref} (global Gibbs)`, y: global, color: GREY },
    { label: `${sym}*_L(∞) (infinite time)`, y: L, color: PALETTE[0], dash: "2 3" },
    { label: `${sym}*_R(∞) (infinite time)`, y: R, color: PALETTE[1], dash: "2 3" },
  ];
  return [
    {
      name: "beta-star",
      svg: renderChart({
        title: `${title}: effective inverse temperatures β*`,
        xLabel: TIME_LABEL, yLabel: "β* [1/energy unit]", xLog: true,
        series: columns(t, rows, [["β*_L", "betaL"], ["β*_R", "betaR"]]),
        refLines: refs("β", m.betaRef, m.betaLinf, m.betaRinf), ...regimes,
      }),
    },
    {
      name: "mu-star",
      svg: renderChart({
        title: `${title}: effective chemical potentials μ*`,
        xLabel: TIME_LABEL, yLabel: "μ* [energy unit]", xLog: true,
        series: columns(t, rows, [["μ*_L", "muL"], ["μ*_R", "muR"]]),
        refLines: refs("μ", m.muRef, m.muLinf, m.muRinf), ...regimes,
      }),
    },
    {
      name: "entropy-production",
      svg: renderChart({
        title: `${title}: entropy production and its parts`,
        xLabel: TIME_LABEL, yLabel: ENTROPY_LABEL, xLog: true, yLog: true, roundoff: ENTROPY_ROUNDOFF, ...regimes,
        series: PRODUCTION.map(([label, f], i) => series(label, t, rows.map(f), i)),
      }),
    },
    {
      name: "mutual-information",
      svg: renderChart({
        title: `${title}: correlations`,
        xLabel: TIME_LABEL, yLabel: ENTROPY_LABEL, xLog: true, yLog: true, roundoff: ENTROPY_ROUNDOFF, ...regimes,
        series: columns(t, rows, [["I_{S−B}", "ISB"], ["I_{L−R}", "ILR"], ["I_{oL}", "IoL"], ["I_{oR}", "IoR"]]),
      }),
    },
    {
      name: "relative-entropy",
      svg: renderChart({
        title: `${title}: distance of each bath from its grand canonical state`,
        xLabel: TIME_LABEL, yLabel: "D[ρ_ν‖π_ν]/S^π_ν [dimensionless]", xLog: true, ...regimes,
        series: columns(t, rows, [["D[ρ_L‖π_L]/S^π_L", "DrelL"], ["D[ρ_R‖π_R]/S^π_R", "DrelR"]]),
      }),
    },
  ];
}

/** Axis symbol and unit of a swept config field. */
export function fieldLabel(field: string): string {
  const known: Record<string, string> = {
    Gamma: "Γ [energy unit]", GammaL: "Γ_L [energy unit]", GammaR: "Γ_R [energy unit]",
    W: "W [energy unit]", epsD: "ε_d [energy unit]", nD: "n_d",
    betaL: "β_L [1/energy unit]", betaR: "β_R [1/energy unit]",
    muL: "μ_L [energy unit]", muR: "μ_R [energy unit]",
    K: "K (levels per bath)", KL: "K_L (levels)", KR: "K_R (levels)",
  };
  return known[field] ?? field;
}

/** The correlations over their classical maxima (SPEC §2, Fig. 6 bottom): label and value of a row. */
export function normalizedCorrelations(K: { KL: number; KR: number }): Array<[string, (r: Row) => number]> {
  const ln2 = Math.LN2;
  return [
    ["I_{S−B}/ln 2", (r) => r.ISB / ln2],
    ["I_{L−R}/(min(K_L,K_R) ln 2)", (r) => r.ILR / (Math.min(K.KL, K.KR) * ln2)],
    ["I_{oL}/((K_L−1) ln 2)", (r) => r.IoL / ((K.KL - 1) * ln2)],
    ["I_{oR}/((K_R−1) ln 2)", (r) => r.IoR / ((K.KR - 1) * ln2)],
  ];
}

/** The files `plotAverages` writes (`<name>.svg`), for the sweep directory's own-file list. */
export const AVERAGE_PLOTS = ["averages", "normalized-correlations"] as const;

/**
 * A sweep's regime-III averages against the swept value (Fig. 6): `averages` (σ, Σ, D^eq, I_S−B,
 * I_L−R, I_oL+I_oR, D*_env; log–log) and `normalized-correlations` (I_S−B/ln 2,
 * I_L−R/(min(K_L,K_R) ln 2), I_oν/((K_ν−1) ln 2), with the classical bound 1 grey dashed). The x
 * axis is logarithmic when every swept value is positive. Never throws on empty or NaN-only tables.
 *
 * @example
 * plotAverages("Gamma", [{ value: 3.16, average }, { value: 10, average: average2 }], { KL: 1000, KR: 1000 });
 */
export function plotAverages(field: string, table: ReadonlyArray<{ value: number; average: Row }>, K: { KL: number; KR: number }): Plot[] {
  const sorted = [...table].sort((a, b) => a.value - b.value);
  const x = sorted.map((e) => e.value);
  const rows = sorted.map((e) => e.average);
  const finite = x.filter(Number.isFinite);
  const xLog = finite.length > 0 && finite.every((v) => v > 0);
  const symbol = fieldLabel(field).split(" ")[0].replace("_", "");
  const normalized = normalizedCorrelations(K);
  return [
    {
      name: AVERAGE_PLOTS[0],
      svg: renderChart({
        title: `Regime-III averages vs ${symbol}`,
        xLabel: fieldLabel(field), yLabel: `regime-III average [nats]`, xLog, yLog: true, markers: true, roundoff: ENTROPY_ROUNDOFF,
        series: PRODUCTION.map(([label, f], i) => series(label, x, rows.map(f), i)),
      }),
    },
    {
      name: AVERAGE_PLOTS[1],
      svg: renderChart({
        title: `Correlations over their classical maximum vs ${symbol}`,
        xLabel: fieldLabel(field), yLabel: "I / I^{max}_{cl} [dimensionless]", xLog, yLog: true, markers: true,
        series: normalized.map(([label, f], i) => series(label, x, rows.map(f), i + 3)),
        refLines: [{ label: "classical bound", y: 1, color: GREY }],
      }),
    },
  ];
}
