/**
 * Fig. 5: Σ, σ and their parts against t on log–log axes — stacked (Σ = I_S−B + I_L−R + I_oL + I_oR
 * + ΔD*_env, σ = Σ + D^eq_env, eqs. 12–14) and as separate curves — and the mutual informations.
 */
import { PALETTE } from "../../src/io/svg-axes.ts";
import { ENTROPY_LABEL, PRODUCTION, TIME_LABEL } from "../../src/io/plots.ts";
import type { Row } from "../../src/observables/columns.ts";
import { drawChart, type ChartSeries } from "../plot/chart.ts";
import { findRegimes, regimeBoundaries } from "../plot/regimes.ts";
import { sigmaNote } from "./sigma-note.ts";
import { note, panel, timedRows, valueLabel, type ViewState } from "./view-state.ts";

/**
 * The cumulative layers, bottom to top. D*_env enters as Σ − (the correlations), i.e. D*_env(t) −
 * D*_env(0), so the stack tops out at Σ exactly and the layers need no initial row.
 */
function layers(rows: readonly Row[]): Array<{ label: string; top: number[]; bottom: number[] }> {
  const c1 = rows.map((r) => r.ISB);
  const c2 = rows.map((r, i) => c1[i] + r.ILR);
  const c3 = rows.map((r, i) => c2[i] + r.IoL + r.IoR);
  const sigmaBig = rows.map((r) => r.Sigma);
  const sigma = rows.map((r) => r.sigma);
  const zero = rows.map(() => 0);
  return [
    { label: "I_{S−B}", bottom: zero, top: c1 },
    { label: "I_{L−R}", bottom: c1, top: c2 },
    { label: "I_{oL}+I_{oR}", bottom: c2, top: c3 },
    { label: "D*_{env}(t)−D*_{env}(0)", bottom: c3, top: sigmaBig },
    { label: "D^{eq}_{env}", bottom: sigmaBig, top: sigma },
  ];
}

export function productionView(view: HTMLElement, s: ViewState): void {
  const result = s.results[s.selected];
  const rows = timedRows(result);
  if (!result || rows.length === 0) return note(view, "The time traces appear here as soon as the shown value has finished.");
  note(view, sigmaNote(s));
  const t = rows.map((r) => r.t);
  const at = valueLabel(s, s.selected);
  const suffix = at ? ` (${at})` : "";
  const common = { xLabel: TIME_LABEL, yLabel: ENTROPY_LABEL, xLog: true, yLog: true, boundaries: regimeBoundaries(findRegimes(result.rows, result.meta)), firstRegion: "I" };
  const stacked: ChartSeries[] = layers(rows).map((l, i) => ({ label: l.label, x: t, y: l.top, fillTo: l.bottom, color: PALETTE[(i + 3) % PALETTE.length], width: 1 }));
  stacked.push({ label: "Σ", x: t, y: rows.map((r) => r.Sigma), color: "#000", width: 2 }, { label: "σ", x: t, y: rows.map((r) => r.sigma), color: "#000", dashed: true, width: 2 });
  drawChart(panel(view, "stacked"), { ...common, id: "fig5-stacked", title: `Σ and σ as stacked parts${suffix}`, series: stacked });
  drawChart(panel(view, "production"), {
    ...common, id: "fig5-production", title: `Entropy production and its parts${suffix}`,
    series: PRODUCTION.map(([label, f], i) => ({ label, x: t, y: rows.map(f), color: PALETTE[i % PALETTE.length] })),
  });
  drawChart(panel(view, "mi"), {
    ...common, id: "fig5-mi", title: `Mutual informations${suffix}`,
    series: ([["I_{S−B}", "ISB"], ["I_{L−R}", "ILR"], ["I_{oL}", "IoL"], ["I_{oR}", "IoR"]] as const)
      .map(([label, c], i) => ({ label, x: t, y: rows.map((r) => r[c]), color: PALETTE[(i + 3) % PALETTE.length] })),
  });
}
