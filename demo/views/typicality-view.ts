/**
 * Fig. 8 over many pure states (`initial.seeds`): per quantity the band of realizations between the
 * 10 % and 90 % quantiles over the seeds and their median, against the thermal ensemble's curve
 * (thick, light), as the CLI's `plots/typicality-*.svg` draw them and from the same statistics
 * (`seedStatistics`). A seed whose bath starts extremal (β*_ν(0) = ±∞: σ, D^eq undefined) is counted
 * under the legend, not drawn.
 */
import { TYPICALITY_PANELS } from "../../src/io/seed-plots.ts";
import { ENTROPY_LABEL, ENTROPY_ROUNDOFF, TIME_LABEL } from "../../src/io/plots.ts";
import { PALETTE } from "../../src/io/svg-axes.ts";
import { type SeedStatistics, seedStatistics, type Statistic, type StatisticColumn } from "../../src/sweep/seed-statistics.ts";
import { drawChart, type ChartSeries } from "../plot/chart.ts";
import { note, panel, timedRows, type ViewState } from "./view-state.ts";

/** Light tints of PALETTE[0..3] for the thick ensemble curves (pure-view.ts's, and one more). */
const TINT = ["#b9cde2", "#f3b9ba", "#bcd9b8", "#f9d2ab"];

/** The statistics of the seeds that have finished (a running seed's partial trace stays out). */
export function finishedStatistics(s: ViewState): SeedStatistics | undefined {
  const done = s.values.flatMap((v, i) => {
    const r = s.results[i];
    return r && v !== undefined && !s.partial.has(r) ? [{ seed: v, r }] : [];
  });
  return done.length > 0 ? seedStatistics(done.map((d) => d.seed), done.map((d) => d.r)) : undefined;
}

/** How many of a column's values were left out as extremal: the most at any drawn time. */
function extremalCount(stats: SeedStatistics, c: StatisticColumn, ks: readonly number[]): number {
  return ks.reduce((m, k) => Math.max(m, stats.trace[c][k].extremal), 0);
}

/** Draws Fig. 8's bands (one chart per panel of TYPICALITY_PANELS, ids `fig8-typicality-<panel>`) from the finished seeds. */
export function typicalityView(view: HTMLElement, s: ViewState): void {
  const stats = finishedStatistics(s);
  if (!stats) return note(view, "The band of realizations over the seeds appears here as the pure states finish.");
  const n = stats.seeds.length;
  const running = s.values.length - n;
  const ens = timedRows(s.ensemble[0]);
  note(view, `${n} pure state${n === 1 ? "" : "s"}${running > 0 ? ` (${running} more to come)` : ""}: their median (solid) and the band between the 10 % and 90 % quantiles over the seeds` +
    (ens.length > 0 ? ", against the thermal ensemble (thick, light)." : "; tick \"also run the thermal ensemble\" to compare with it."));
  const ks = stats.times.flatMap((t, k) => (t > 0 ? [k] : []));
  const t = ks.map((k) => stats.times[k]);
  const of = (c: StatisticColumn, f: keyof Statistic) => ks.map((k) => stats.trace[c][k][f]);
  for (const p of TYPICALITY_PANELS) {
    const series: ChartSeries[] = [
      ...(ens.length > 0 ? p.columns.map(([label, c], i): ChartSeries => ({ label: `${label} ensemble`, x: ens.map((r) => r.t), y: ens.map((r) => r[c]), color: TINT[i], width: 5 })) : []),
      ...p.columns.map(([label, c], i): ChartSeries => ({ label: `${label} 10–90 %`, x: t, y: of(c, "q90"), fillTo: of(c, "q10"), band: true, color: PALETTE[i] })),
      ...p.columns.map(([label, c], i): ChartSeries => ({ label: `${label} median`, x: t, y: of(c, "q50"), color: PALETTE[i], width: 1.4 })),
    ];
    // counted, not averaged: the seeds whose bath starts extremal have no σ (or D^eq) to draw
    const left = p.columns.flatMap(([label, c]) => {
      const x = extremalCount(stats, c, ks);
      return x > 0 ? [`${label}: ${x} of ${n} left out (extremal bath)`] : [];
    });
    drawChart(panel(view, `typicality-${p.name}`), {
      id: `fig8-typicality-${p.name}`, figure: `Fig. 8 ${p.title.replace(/_ν|_\{|\}/g, "")} band`, title: `${p.title}: ${n} pure states${ens.length > 0 ? " vs ensemble" : ""}`,
      xLabel: TIME_LABEL, yLabel: p.yLabel, xLog: true, yLog: p.yLog, roundoff: p.yLabel === ENTROPY_LABEL ? ENTROPY_ROUNDOFF : undefined,
      series, notes: [`over ${n} seed${n === 1 ? "" : "s"}`, ...left],
    });
  }
}
