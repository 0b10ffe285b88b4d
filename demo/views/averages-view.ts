/** Fig. 6: the regime-III averages against the swept value (log–log), and the normalized correlations with the classical bound. */
import { GREY, PALETTE } from "../../src/io/svg-axes.ts";
import { ENTROPY_ROUNDOFF, fieldLabel, normalizedCorrelations, PRODUCTION } from "../../src/io/plots.ts";
import { problemFor } from "../../src/config/schema.ts";
import type { Row } from "../../src/observables/columns.ts";
import { drawChart } from "../plot/chart.ts";
import { note, panel, type ViewState } from "./view-state.ts";

export function averagesView(view: HTMLElement, s: ViewState): void {
  const sweep = s.parsed.sweep;
  if (sweep?.field === "seed") return note(view, "Many pure states sweep the seed, not a parameter: their band of realizations is in Fig. 8 below.");
  if (!sweep || !s.parsed.average) return note(view, "Sweep a parameter (e.g. Γ) with a regime-III average to see Fig. 6.");
  const done = s.values.flatMap((v, i) => (s.results[i]?.average && v !== undefined ? [{ v, row: s.results[i]!.average as Row }] : []))
    .sort((a, b) => a.v - b.v);
  if (done.length === 0) return note(view, "The averages appear here as each swept value finishes.");
  note(view, "");
  const x = done.map((d) => d.v);
  const xLog = x.every((v) => v > 0);
  const xLabel = fieldLabel(sweep.field);
  drawChart(panel(view, "averages"), {
    id: "fig6-averages", figure: "Fig. 6 averages", title: "Regime-III averages", xLabel, yLabel: "regime-III average [nats]", xLog, yLog: true, roundoff: ENTROPY_ROUNDOFF,
    series: PRODUCTION.map(([label, f], i) => ({ label, x, y: done.map((d) => f(d.row)), color: PALETTE[i % PALETTE.length], markers: true })),
  });
  // K may be the swept field: each value is normalized by its own bath sizes
  const norms = done.map((d) => normalizedCorrelations(problemFor(s.parsed, d.v)));
  drawChart(panel(view, "normalized"), {
    id: "fig6-normalized", figure: "Fig. 6 normalized", title: "Correlations over their classical maximum", xLabel, yLabel: "I / I^{max}_{cl}", xLog, yLog: true, roundoff: ENTROPY_ROUNDOFF,
    series: norms[0].map(([label], k) => ({ label, x, y: done.map((d, i) => norms[i][k][1](d.row)), color: PALETTE[(k + 3) % PALETTE.length], markers: true })),
    refLines: [{ label: "classical bound", y: 1, color: GREY }],
  });
}
