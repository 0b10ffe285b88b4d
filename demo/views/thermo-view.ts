/** Fig. 4: β*_ν(t) and μ*_ν(t) with the global grand canonical values, and D[ρ_ν‖π_ν]/Sπ_ν, against log t. */
import { GREY, PALETTE } from "../../src/io/svg-axes.ts";
import { TIME_LABEL } from "../../src/io/plots.ts";
import type { RowColumn } from "../../src/observables/columns.ts";
import { drawChart } from "../plot/chart.ts";
import { findRegimes, regimeBoundaries } from "../../src/observables/regimes.ts";
import { note, panel, timedRows, valueLabel, type ViewState } from "./view-state.ts";

export function thermoView(view: HTMLElement, s: ViewState): void {
  const result = s.results[s.selected];
  const rows = timedRows(result);
  if (!result || rows.length === 0) return note(view, "The time traces appear here as soon as the shown value has finished.");
  note(view, "");
  const t = rows.map((r) => r.t);
  const col = (c: RowColumn) => rows.map((r) => r[c]);
  const m = result.meta;
  const boundaries = regimeBoundaries(findRegimes(result.rows, m));
  const at = valueLabel(s, s.selected);
  const suffix = at ? ` (${at})` : "";
  const common = { xLabel: TIME_LABEL, xLog: true, boundaries, firstRegion: "I" };
  drawChart(panel(view, "beta"), {
    ...common, id: "fig4-beta", title: `Effective inverse temperatures β*_ν${suffix}`, yLabel: "β* [1/energy unit]",
    series: [
      { label: "β*_L", x: t, y: col("betaL"), color: PALETTE[0] },
      { label: "β*_R", x: t, y: col("betaR"), color: PALETTE[1] },
    ],
    refLines: [
      { label: "β*_{ref} (global state)", y: m.betaRef, color: GREY },
      { label: "β*_L in global state", y: m.betaLgg, color: "#9ab7d3" },
      { label: "β*_R in global state", y: m.betaRgg, color: "#f0abac" },
    ],
  });
  drawChart(panel(view, "mu"), {
    ...common, id: "fig4-mu", title: `Effective chemical potentials μ*_ν${suffix}`, yLabel: "μ* [energy unit]",
    series: [
      { label: "μ*_L", x: t, y: col("muL"), color: PALETTE[0] },
      { label: "μ*_R", x: t, y: col("muR"), color: PALETTE[1] },
    ],
    refLines: [
      { label: "μ*_{ref} (global state)", y: m.muRef, color: GREY },
      { label: "μ*_L in global state", y: m.muLgg, color: "#9ab7d3" },
      { label: "μ*_R in global state", y: m.muRgg, color: "#f0abac" },
    ],
  });
  drawChart(panel(view, "drel"), {
    ...common, id: "fig4-drel", title: `Distance of each bath from its grand canonical state${suffix}`,
    yLabel: "D[ρ_ν‖π_ν]/S^π_ν",
    series: [
      { label: "D[ρ_L‖π_L]/S^π_L", x: t, y: col("DrelL"), color: PALETTE[0] },
      { label: "D[ρ_R‖π_R]/S^π_R", x: t, y: col("DrelR"), color: PALETTE[1] },
    ],
  });
}
