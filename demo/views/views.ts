/** The page's views, in the paper's order; each draws itself from the current ViewState. */
import { asymmetricView } from "./asymmetric-view.ts";
import { averagesView } from "./averages-view.ts";
import { initialView } from "./initial-view.ts";
import { productionView } from "./production-view.ts";
import { pureView } from "./pure-view.ts";
import { thermoView } from "./thermo-view.ts";
import type { ViewState } from "./view-state.ts";

export interface View {
  id: string;
  title: string;
  draw(el: HTMLElement, s: ViewState): void;
}

export const VIEWS: View[] = [
  { id: "initial", title: "Initial state (Figs. 3, 7)", draw: initialView },
  { id: "thermo", title: "Temperatures, chemical potentials, distance from equilibrium (Fig. 4)", draw: thermoView },
  { id: "production", title: "Entropy production and its parts (Fig. 5)", draw: productionView },
  { id: "averages", title: "Regime III against the coupling (Fig. 6)", draw: averagesView },
  { id: "pure", title: "Pure state against ensemble (Fig. 8)", draw: pureView },
  { id: "asymmetric", title: "Asymmetric baths (Fig. 9)", draw: asymmetricView },
];

/** One <section> per view under `root` (created once), each redrawn from `s`. */
export function drawViews(root: HTMLElement, s: ViewState): void {
  for (const v of VIEWS) {
    let section = root.querySelector<HTMLElement>(`section[data-view="${v.id}"]`);
    if (!section) {
      section = document.createElement("section");
      section.className = "view";
      section.dataset.view = v.id;
      section.id = `view-${v.id}`;
      const h = document.createElement("h2");
      h.textContent = v.title;
      const body = document.createElement("div");
      body.className = "view-body";
      section.append(h, body);
      root.append(section);
    }
    v.draw(section.querySelector<HTMLElement>(".view-body")!, s);
  }
}
