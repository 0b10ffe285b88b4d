/** Fig. 9: β*_L(t), β*_R(t) for every swept value (e.g. Γ = 1 and 3 with K_L ≠ K_R), with their global values dashed. */
import { PALETTE } from "../../src/io/svg-axes.ts";
import { TIME_LABEL } from "../../src/io/plots.ts";
import { drawChart, type ChartSeries } from "../plot/chart.ts";
import { note, panel, selectedProblem, timedRows, valueLabel, type ViewState } from "./view-state.ts";

export function asymmetricView(view: HTMLElement, s: ViewState): void {
  const series: ChartSeries[] = [];
  s.results.forEach((r, i) => {
    const rows = timedRows(r);
    if (!r || rows.length === 0) return;
    const t = rows.map((row) => row.t);
    const at = valueLabel(s, i);
    const tag = at ? `, ${at}` : "";
    const color = PALETTE[i % PALETTE.length];
    series.push(
      { label: `β*_L${tag}`, x: t, y: rows.map((row) => row.betaL), color },
      { label: `β*_R${tag}`, x: t, y: rows.map((row) => row.betaR), color, width: 1 },
      { label: i === 0 ? "β*_{ref} (global, per value)" : "", x: [t[0], t[t.length - 1]], y: [r.meta.betaRef, r.meta.betaRef], color, dashed: true, width: 1 },
    );
  });
  if (series.length === 0) return note(view, "β* of every swept value appears here as it finishes.");
  const p = selectedProblem(s);
  note(view, p.KL === p.KR ? "Fig. 9 compares asymmetric baths: choose the asymmetric preset (K_L ≠ K_R)." : "");
  drawChart(panel(view, "beta-all"), {
    id: "fig9-beta", title: `β*_ν for K_L = ${p.KL}, K_R = ${p.KR}`, xLabel: TIME_LABEL, yLabel: "β* [1/energy unit]", xLog: true, series,
  });
}
