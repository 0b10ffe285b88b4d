/**
 * Fig. 9: β*_L(t) (solid) and β*_R(t) (dotted) for every swept value (e.g. Γ = 1 and 3 with
 * K_L ≠ K_R), with each value's global Gibbs β*_ref (long dashes) and the infinite-time β*_ν(∞).
 */
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
    const ends = [t[0], t[t.length - 1]];
    series.push(
      { label: `β*_L${tag}`, x: t, y: rows.map((row) => row.betaL), color, width: 1.8 },
      { label: `β*_R${tag}`, x: t, y: rows.map((row) => row.betaR), color, width: 1.8, dash: "2 2" },
      { label: `β*_{ref} global Gibbs${tag}`, x: ends, y: [r.meta.betaRef, r.meta.betaRef], color, dashed: true, width: 1 },
      { label: `β*_L(∞) infinite time${tag}`, x: ends, y: [r.meta.betaLinf, r.meta.betaLinf], color, dash: "1 3", width: 1.5 },
      { label: `β*_R(∞) infinite time${tag}`, x: ends, y: [r.meta.betaRinf, r.meta.betaRinf], color, dash: "1 3", width: 1 },
    );
  });
  if (series.length === 0) return note(view, "β* of every swept value appears here as it runs.");
  const p = selectedProblem(s);
  note(view, p.KL === p.KR ? "Fig. 9 compares asymmetric baths: choose an asymmetric preset (K_L ≠ K_R)." : "");
  drawChart(panel(view, "beta-all"), {
    id: "fig9-beta", figure: "Fig. 9 β*", title: `β*_ν for K_L = ${p.KL}, K_R = ${p.KR}`, xLabel: TIME_LABEL, yLabel: "β* [1/energy unit]", xLog: true, series,
  });
}
