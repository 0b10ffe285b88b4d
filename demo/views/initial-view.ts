/** Figs. 3 and 7: the initial Fermi distributions of both baths, and the sampled (or given) occupations. */
import { PALETTE } from "../../src/io/svg-axes.ts";
import { bathLevels } from "../../src/model/levels.ts";
import { initialOccupations, thermalOccupations } from "../../src/model/initial-state.ts";
import { drawChart, type ChartSeries } from "../plot/chart.ts";
import { panel, selectedProblem, type ViewState } from "./view-state.ts";

export function initialView(view: HTMLElement, s: ViewState): void {
  const p = selectedProblem(s);
  const epsL = bathLevels(p.KL, p.W);
  const epsR = bathLevels(p.KR, p.W);
  const series: ChartSeries[] = [
    { label: `f_L (β_L = ${p.betaL}, μ_L = ${p.muL})`, x: epsL, y: thermalOccupations(p.KL, p.W, p.betaL, p.muL), color: PALETTE[0] },
    { label: `f_R (β_R = ${p.betaR}, μ_R = ${p.muR})`, x: epsR, y: thermalOccupations(p.KR, p.W, p.betaR, p.muR), color: PALETTE[1] },
  ];
  if (p.initial.kind !== "thermal") {
    const n = initialOccupations(p);
    const what = p.initial.kind === "pure" ? `pure state, seed ${p.initial.seed}` : "given";
    series.push(
      { label: `n_{Lk} (${what})`, x: epsL, y: n.subarray(1, 1 + p.KL), color: "#000", markers: true, width: 0 },
      { label: `n_{Rk} (${what})`, x: epsR, y: n.subarray(1 + p.KL), color: "#777", markers: true, width: 0 },
    );
  }
  drawChart(panel(view, "initial"), {
    id: "fig3-initial",
    title: p.initial.kind === "pure" ? "Initial pure state and its Fermi distributions (Figs. 3, 7)" : "Initial Fermi distributions (Fig. 3)",
    xLabel: "ε_k [energy unit]",
    yLabel: "occupation n_k",
    yDomain: [-0.04, 1.04],
    series,
  });
}
