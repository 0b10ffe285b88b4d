/**
 * Fig. 5: Σ, σ and their parts against t — stacked on a linear axis (Σ = I_S−B + I_L−R + I_oL + I_oR
 * + ΔD*_env, σ = Σ + D^eq_env, eqs. 12–14), as separate curves on log–log axes — and the mutual
 * informations. The stack is linear because a band filled from 0 on a log axis makes its bottom layer
 * look dominant; each layer's top is a line, so a negative ΔD*_env = D*_env(t) − D*_env(0) (pure
 * states) shows as Σ's line lying below the correlations' line, its band between the two.
 */
import { PALETTE } from "../../src/io/svg-axes.ts";
import { ENTROPY_LABEL, ENTROPY_ROUNDOFF, PRODUCTION, TIME_LABEL } from "../../src/io/plots.ts";
import type { Row } from "../../src/observables/columns.ts";
import { findRegimes, REGIME_RULE, regimeBoundaries } from "../../src/observables/regimes.ts";
import { drawChart, type ChartSeries } from "../plot/chart.ts";
import { sigmaNote } from "./sigma-note.ts";
import { note, panel, timedRows, valueLabel, type ViewState } from "./view-state.ts";

/** The cumulative layers, bottom to top: each layer's top is the sum of the parts up to it. */
function layers(rows: readonly Row[]): Array<{ label: string; top: number[]; bottom: number[] }> {
  const c1 = rows.map((r) => r.ISB);
  const c2 = rows.map((r, i) => c1[i] + r.ILR);
  const c3 = rows.map((r, i) => c2[i] + r.IoL + r.IoR);
  const sigmaBig = rows.map((r) => r.Sigma);
  const sigma = rows.map((r) => r.sigma);
  const zero = rows.map(() => 0);
  return [
    { label: "I_{S−B}", bottom: zero, top: c1 },
    { label: "+ I_{L−R}", bottom: c1, top: c2 },
    { label: "+ I_{oL}+I_{oR}", bottom: c2, top: c3 },
    // D*_env enters as Σ − (the correlations), i.e. D*_env(t) − D*_env(0): the stack ends at Σ exactly
    { label: "+ ΔD*_{env} = Σ", bottom: c3, top: sigmaBig },
    { label: "+ D^{eq}_{env} = σ", bottom: sigmaBig, top: sigma },
  ];
}

export function productionView(view: HTMLElement, s: ViewState): void {
  const result = s.results[s.selected];
  const rows = timedRows(result);
  if (!result || rows.length === 0) return note(view, "The time traces appear here as soon as the shown value has its first times.");
  const negative = rows.some((r) => r.Sigma < r.ISB + r.ILR + r.IoL + r.IoR - ENTROPY_ROUNDOFF);
  note(view, [sigmaNote(s), negative ? "ΔD*_env = D*_env(t) − D*_env(0) < 0 here (a pure initial state): in the stack, Σ's line runs below the correlations' line." : ""].filter(Boolean).join(" "));
  const t = rows.map((r) => r.t);
  const at = valueLabel(s, s.selected);
  const suffix = at ? ` (${at})` : "";
  const regimes = { boundaries: regimeBoundaries(findRegimes(result.rows, result.meta)), firstRegion: "I", notes: REGIME_RULE };
  const stacked: ChartSeries[] = layers(rows).map((l, i) => ({ label: l.label, x: t, y: l.top, fillTo: l.bottom, color: PALETTE[(i + 3) % PALETTE.length], width: 1.4 }));
  drawChart(panel(view, "stacked"), {
    ...regimes, id: "fig5-stacked", figure: "Fig. 5 stack", title: `Σ and σ as stacked parts (linear axis)${suffix}`,
    xLabel: TIME_LABEL, yLabel: ENTROPY_LABEL, xLog: true, series: stacked, roundoff: ENTROPY_ROUNDOFF,
  });
  const common = { ...regimes, xLabel: TIME_LABEL, yLabel: ENTROPY_LABEL, xLog: true, yLog: true, roundoff: ENTROPY_ROUNDOFF };
  drawChart(panel(view, "production"), {
    ...common, id: "fig5-production", figure: "Fig. 5 Σ, σ", title: `Entropy production and its parts${suffix}`,
    series: PRODUCTION.map(([label, f], i) => ({ label, x: t, y: rows.map(f), color: PALETTE[i % PALETTE.length] })),
  });
  drawChart(panel(view, "mi"), {
    ...common, id: "fig5-mi", figure: "Fig. 5 I", title: `Mutual informations${suffix}`,
    series: ([["I_{S−B}", "ISB"], ["I_{L−R}", "ILR"], ["I_{oL}", "IoL"], ["I_{oR}", "IoR"]] as const)
      .map(([label, c], i) => ({ label, x: t, y: rows.map((r) => r[c]), color: PALETTE[(i + 3) % PALETTE.length] })),
  });
}
