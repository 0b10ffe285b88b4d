/**
 * Fig. 3: the initial Fermi distributions of both baths; Fig. 7: for a pure (or given) initial
 * state, each bath's occupations as black dots on its Fermi function in grey.
 */
import { GREY, PALETTE } from "../../src/io/svg-axes.ts";
import { bathLevels } from "../../src/model/levels.ts";
import { initialOccupations, thermalOccupations } from "../../src/model/initial-state.ts";
import { drawChart } from "../plot/chart.ts";
import { panel, selectedProblem, type ViewState } from "./view-state.ts";

const common = { xLabel: "ε_k [energy unit]", yLabel: "occupation n_k", yDomain: [-0.04, 1.04] as [number, number] };

export function initialView(view: HTMLElement, s: ViewState): void {
  const p = selectedProblem(s);
  const baths = [
    { nu: "L", eps: bathLevels(p.KL, p.W), f: thermalOccupations(p.KL, p.W, p.betaL, p.muL), beta: p.betaL, mu: p.muL },
    { nu: "R", eps: bathLevels(p.KR, p.W), f: thermalOccupations(p.KR, p.W, p.betaR, p.muR), beta: p.betaR, mu: p.muR },
  ];
  drawChart(panel(view, "fermi"), {
    ...common, id: "fig3-initial", figure: "Fig. 3", title: "Initial Fermi distributions (Fig. 3)",
    series: baths.map((b, i) => ({ label: `f_${b.nu} (β_${b.nu} = ${b.beta}, μ_${b.nu} = ${b.mu})`, x: b.eps, y: b.f, color: PALETTE[i] })),
  });
  if (p.initial.kind === "thermal") {
    for (const b of baths) panel(view, `sample-${b.nu}`).remove();
    return;
  }
  const n = initialOccupations(p);
  const what = p.initial.kind === "pure" ? `pure state, seed ${p.initial.seed}` : "given occupations";
  baths.forEach((b, i) => {
    const occupations = i === 0 ? n.subarray(1, 1 + p.KL) : n.subarray(1 + p.KL);
    drawChart(panel(view, `sample-${b.nu}`), {
      ...common, id: `fig7-${b.nu}`, figure: `Fig. 7 bath ${b.nu}`, title: `Bath ${b.nu}: ${what} (Fig. 7)`,
      series: [
        { label: `f_${b.nu}`, x: b.eps, y: b.f, color: GREY },
        { label: `n_{${b.nu}k}`, x: b.eps, y: occupations, color: "#000", markers: true, width: 0 },
      ],
    });
  });
}
