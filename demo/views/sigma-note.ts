/** Why σ and D^eq_env are missing from a view: the shown initial state has an extremal bath (β*_ν(0) = ±∞). */
import { extremalKind } from "../../src/thermo/extremal-note.ts";
import { selectedProblem, type ViewState } from "./view-state.ts";

/** The explanation for the shown value's run, or "" when σ is defined (every thermal start). */
export function sigmaNote(s: ViewState): string {
  const p = selectedProblem(s);
  if (p.initial.kind === "thermal") return "";
  const kinds = (["L", "R"] as const).flatMap((nu) => extremalKind(p, nu) ?? []);
  if (kinds.length === 0) return "";
  return `σ and D^eq_env are not drawn: the initial state is ${kinds.join("; and ")}. ` +
    "σ = ΔS_S − Σ_ν β*_ν(0) Q_ν (eq. 13) is undefined for it; Σ and its parts are not.";
}
