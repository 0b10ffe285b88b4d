/**
 * Fig. 4: β*_ν(t) and μ*_ν(t) with their references — the global Gibbs state of App. B, its bath
 * parts, and the infinite-time state the baths actually settle on — and D[ρ_ν‖π_ν]/Sπ_ν, against log t.
 */
import { GREY, PALETTE } from "../../src/io/svg-axes.ts";
import { LIGHT, TIME_LABEL } from "../../src/io/plots.ts";
import type { Meta, RowColumn } from "../../src/observables/columns.ts";
import { findRegimes, REGIME_RULE, regimeBoundaries } from "../../src/observables/regimes.ts";
import { drawChart } from "../plot/chart.ts";
import { note, panel, timedRows, valueLabel, type ViewState } from "./view-state.ts";

/** What each dashed line means (the page's tooltip; the README says the same at length). */
export const REFERENCES_HELP =
  "Reference lines. Grey dashes: the global Gibbs state π ∝ exp[−β(H − μN)] matched to the conserved ⟨H⟩, ⟨N⟩ (App. B, coupling energy included). " +
  "Light dashes: the baths' own β*_ν, μ*_ν inside that global state. " +
  "Dotted, in the bath's colour: β*_ν(∞), μ*_ν(∞) of the infinite-time state, C(0) projected onto the eigenspaces of H: the exact long-time average of each bath's energy and particle number, where regime III settles and the regime marks are measured. " +
  "The Gibbs values differ from it at strong coupling (the coupling energy shifts the global state), because the model is integrable (it relaxes to its diagonal ensemble, not to a Gibbs state), and at finite K.";

/** The references of one quantity (β or μ) as dashed lines. */
function references(sym: "β" | "μ", m: Meta) {
  const [ref, Lgg, Rgg, Linf, Rinf] = sym === "β"
    ? [m.betaRef, m.betaLgg, m.betaRgg, m.betaLinf, m.betaRinf]
    : [m.muRef, m.muLgg, m.muRgg, m.muLinf, m.muRinf];
  return [
    { label: `${sym}*_{ref} (global Gibbs)`, y: ref, color: GREY },
    { label: `${sym}*_L in global Gibbs`, y: Lgg, color: LIGHT[0] },
    { label: `${sym}*_R in global Gibbs`, y: Rgg, color: LIGHT[1] },
    { label: `${sym}*_L(∞) infinite time`, y: Linf, color: PALETTE[0], dash: "2 3" },
    { label: `${sym}*_R(∞) infinite time`, y: Rinf, color: PALETTE[1], dash: "2 3" },
  ];
}

export function thermoView(view: HTMLElement, s: ViewState): void {
  const result = s.results[s.selected];
  const rows = timedRows(result);
  if (!result || rows.length === 0) return note(view, "The time traces appear here as soon as the shown value has its first times.");
  note(view, "");
  const help = panel(view, "references-help");
  help.className = "note refs-help";
  help.innerHTML = `Reference lines: the global Gibbs state (grey), its bath parts (light) and the infinite-time state (dotted), where regime III settles <span class="info" tabindex="0" role="note" aria-label="what the reference lines mean">?</span>`;
  help.title = REFERENCES_HELP;
  help.querySelector(".info")!.setAttribute("title", REFERENCES_HELP);
  const t = rows.map((r) => r.t);
  const col = (c: RowColumn) => rows.map((r) => r[c]);
  const m = result.meta;
  const at = valueLabel(s, s.selected);
  const suffix = at ? ` (${at})` : "";
  const common = { xLabel: TIME_LABEL, xLog: true, boundaries: regimeBoundaries(findRegimes(result.rows, m)), firstRegion: "I", notes: REGIME_RULE };
  drawChart(panel(view, "beta"), {
    ...common, id: "fig4-beta", figure: "Fig. 4 β*", title: `Effective inverse temperatures β*_ν${suffix}`, yLabel: "β* [1/energy unit]",
    series: [{ label: "β*_L", x: t, y: col("betaL"), color: PALETTE[0] }, { label: "β*_R", x: t, y: col("betaR"), color: PALETTE[1] }],
    refLines: references("β", m),
  });
  drawChart(panel(view, "mu"), {
    ...common, id: "fig4-mu", figure: "Fig. 4 μ*", title: `Effective chemical potentials μ*_ν${suffix}`, yLabel: "μ* [energy unit]",
    series: [{ label: "μ*_L", x: t, y: col("muL"), color: PALETTE[0] }, { label: "μ*_R", x: t, y: col("muR"), color: PALETTE[1] }],
    refLines: references("μ", m),
  });
  drawChart(panel(view, "drel"), {
    ...common, id: "fig4-drel", figure: "Fig. 4 D[ρ‖π]/Sπ", title: `Distance of each bath from its grand canonical state${suffix}`,
    yLabel: "D[ρ_ν‖π_ν]/S^π_ν",
    series: [
      { label: "D[ρ_L‖π_L]/S^π_L", x: t, y: col("DrelL"), color: PALETTE[0] },
      { label: "D[ρ_R‖π_R]/S^π_R", x: t, y: col("DrelR"), color: PALETTE[1] },
    ],
  });
}
