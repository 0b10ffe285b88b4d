/** Fig. 8: one pure initial state (thin, coloured) against the thermal ensemble (thick, grey), against log t. */
import { PALETTE } from "../../src/io/svg-axes.ts";
import { ENTROPY_LABEL, TIME_LABEL } from "../../src/io/plots.ts";
import type { Row } from "../../src/observables/columns.ts";
import { drawChart, type ChartSeries } from "../plot/chart.ts";
import { sigmaNote } from "./sigma-note.ts";
import { note, panel, timedRows, type ViewState } from "./view-state.ts";

const PANELS: Array<{ id: string; title: string; yLabel: string; yLog?: boolean; curves: Array<[string, (r: Row) => number]> }> = [
  { id: "beta", title: "β*_ν", yLabel: "β* [1/energy unit]", curves: [["β*_L", (r) => r.betaL], ["β*_R", (r) => r.betaR]] },
  { id: "mu", title: "μ*_ν", yLabel: "μ* [energy unit]", curves: [["μ*_L", (r) => r.muL], ["μ*_R", (r) => r.muR]] },
  { id: "production", title: "Σ and σ", yLabel: ENTROPY_LABEL, yLog: true, curves: [["Σ", (r) => r.Sigma], ["σ", (r) => r.sigma]] },
  {
    id: "correlations", title: "Correlations", yLabel: ENTROPY_LABEL, yLog: true,
    curves: [["I_{S−B}", (r) => r.ISB], ["I_{L−R}", (r) => r.ILR], ["I_{oL}+I_{oR}", (r) => r.IoL + r.IoR]],
  },
  { id: "athermality", title: "Local athermality", yLabel: ENTROPY_LABEL, curves: [["D*_{env}", (r) => r.Dstar]] },
];

export function pureView(view: HTMLElement, s: ViewState): void {
  const pure = timedRows(s.results[s.selected]);
  const ens = timedRows(s.ensemble[s.selected]);
  if (pure.length === 0 || ens.length === 0) {
    return note(view, "Run a pure initial state with \"also run the thermal ensemble\" (the pure-state preset) to see Fig. 8.");
  }
  note(view, sigmaNote(s));
  for (const p of PANELS) {
    const series: ChartSeries[] = [
      ...p.curves.map(([label, f]): ChartSeries => ({ label: `${label} ensemble`, x: ens.map((r) => r.t), y: ens.map(f), color: "#bbb", width: 5 })),
      ...p.curves.map(([label, f], i): ChartSeries => ({ label: `${label} pure`, x: pure.map((r) => r.t), y: pure.map(f), color: PALETTE[i], width: 1.2 })),
    ];
    drawChart(panel(view, p.id), { id: `fig8-${p.id}`, title: `${p.title}: pure state vs ensemble`, xLabel: TIME_LABEL, yLabel: p.yLabel, xLog: true, yLog: p.yLog, series });
  }
}
