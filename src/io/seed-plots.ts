/**
 * Fig. 8 over many pure states: per quantity, the median over the seeds with the 10–90 % band of
 * realizations, against log t, and (where given) the thermal ensemble's curve, thick and grey.
 */
import type { Row, RunResult } from "../observables/columns.ts";
import type { SeedStatistics, Statistic, StatisticColumn } from "../sweep/seed-statistics.ts";
import { ENTROPY_LABEL, type Plot, TIME_LABEL } from "./plots.ts";
import { type Band, PALETTE, renderChart, type Series } from "./svg-axes.ts";

/** The panels of Fig. 8: name, title, y label, log y, and the columns drawn. */
export const TYPICALITY_PANELS: Array<{ name: string; title: string; yLabel: string; yLog: boolean; columns: Array<[string, StatisticColumn]> }> = [
  { name: "beta-star", title: "β*_ν", yLabel: "β* [1/energy unit]", yLog: true, columns: [["β*_L", "betaL"], ["β*_R", "betaR"]] },
  { name: "mu-star", title: "μ*_ν", yLabel: "μ* [energy unit]", yLog: false, columns: [["μ*_L", "muL"], ["μ*_R", "muR"]] },
  { name: "entropy-production", title: "Σ and σ", yLabel: ENTROPY_LABEL, yLog: true, columns: [["Σ", "Sigma"], ["σ", "sigma"]] },
  { name: "correlations", title: "correlations", yLabel: ENTROPY_LABEL, yLog: true, columns: [["I_{S−B}", "ISB"], ["I_{L−R}", "ILR"], ["I_{oL}", "IoL"], ["I_{oR}", "IoR"]] },
  { name: "athermality", title: "local athermality", yLabel: ENTROPY_LABEL, yLog: false, columns: [["D*_{env}", "Dstar"]] },
];

/** Indices of the times t > 0 (every trace is drawn against log t). */
const timed = (times: readonly number[]) => times.flatMap((t, k) => (t > 0 ? [k] : []));

/**
 * One SVG per panel of Fig. 8 (`typicality-beta-star`, …): for each column the median over the seeds
 * (solid) and the band between the 10 % and 90 % quantiles; with `ensemble`, its curve thick and grey.
 *
 * @example
 * for (const p of plotTypicality(stats, "case (a), Γ = 3", ensembleRun)) writeFileAtomicSync(`${p.name}.svg`, p.svg);
 */
export function plotTypicality(stats: SeedStatistics, title: string, ensemble?: RunResult): Plot[] {
  const ks = timed(stats.times);
  const t = ks.map((k) => stats.times[k]);
  const ens = ensemble?.rows.filter((r) => r.t > 0) ?? [];
  const of = (c: StatisticColumn, f: keyof Statistic) => ks.map((k) => stats.trace[c][k][f]);
  const count = `${stats.seeds.length} pure state${stats.seeds.length === 1 ? "" : "s"}`;
  return TYPICALITY_PANELS.map((p) => {
    const series: Series[] = [
      ...(ensemble ? p.columns.map(([label, c]): Series => ({ label: `${label} ensemble`, x: ens.map((r) => r.t), y: ens.map((r: Row) => r[c]), color: "#bbbbbb", width: 5 })) : []),
      ...p.columns.map(([label, c], i): Series => ({ label: `${label} median`, x: t, y: of(c, "q50"), color: PALETTE[i], width: 1.4 })),
    ];
    const bands: Band[] = p.columns.map(([label, c], i) => ({ label: `${label} 10–90 %`, x: t, lo: of(c, "q10"), hi: of(c, "q90"), color: PALETTE[i] }));
    return {
      name: `typicality-${p.name}`,
      svg: renderChart({ title: `${title}: ${p.title}, ${count}${ensemble ? " vs the ensemble" : ""}`, xLabel: TIME_LABEL, yLabel: p.yLabel, xLog: true, yLog: p.yLog, series, bands }),
    };
  });
}
