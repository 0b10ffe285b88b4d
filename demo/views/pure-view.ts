/**
 * Fig. 8: one pure initial state (thin, dark) against the thermal ensemble (thick, light), against
 * log t. The paper draws every ensemble curve grey; here each keeps a light tint of its quantity's
 * colour so that the legend tells β*_L's ensemble from β*_R's. Many pure states: typicality-view.ts.
 */
import { PALETTE } from "../../src/io/svg-axes.ts";
import { ENTROPY_LABEL, ENTROPY_ROUNDOFF, TIME_LABEL } from "../../src/io/plots.ts";
import type { Row } from "../../src/observables/columns.ts";
import { drawChart, type ChartSeries } from "../plot/chart.ts";
import { sigmaNote } from "./sigma-note.ts";
import { typicalityView } from "./typicality-view.ts";
import { note, panel, timedRows, type ViewState } from "./view-state.ts";

/** Light tints of PALETTE[0..2] for the thick ensemble curves. */
const TINT = ["#b9cde2", "#f3b9ba", "#bcd9b8"];

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
  // many pure states (initial.seeds): the band of realizations instead of one state
  if (s.parsed.sweep?.field === "seed") return typicalityView(view, s);
  const pure = timedRows(s.results[s.selected]);
  const ens = timedRows(s.ensemble[s.selected]);
  if (pure.length === 0 || ens.length === 0) {
    return note(view, "Run a pure initial state with \"also run the thermal ensemble\" (the pure-state preset) to see Fig. 8.");
  }
  note(view, sigmaNote(s));
  for (const p of PANELS) {
    const series: ChartSeries[] = [
      ...p.curves.map(([label, f], i): ChartSeries => ({ label: `${label} ensemble (thick)`, x: ens.map((r) => r.t), y: ens.map(f), color: TINT[i], width: 5 })),
      ...p.curves.map(([label, f], i): ChartSeries => ({ label: `${label} pure state`, x: pure.map((r) => r.t), y: pure.map(f), color: PALETTE[i], width: 1.2 })),
    ];
    drawChart(panel(view, p.id), {
      id: `fig8-${p.id}`, figure: `Fig. 8 ${p.title.replace(/_ν|_\{|\}/g, "")}`, title: `${p.title}: pure state vs ensemble`, xLabel: TIME_LABEL, yLabel: p.yLabel,
      xLog: true, yLog: p.yLog, roundoff: p.yLabel === ENTROPY_LABEL ? ENTROPY_ROUNDOFF : undefined, series,
    });
  }
}
