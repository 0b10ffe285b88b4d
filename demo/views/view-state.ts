/** What the views draw from: the parsed config, the results that have arrived, and the trace chosen. */
import type { ParsedConfig } from "../../src/config/schema.ts";
import { problemFor } from "../../src/config/schema.ts";
import type { Problem } from "../../src/model/problem.ts";
import type { Meta, Row, RunResult } from "../../src/observables/columns.ts";
import { valueConfig } from "../../src/sweep/run-value.ts";
import { ensembleConfig } from "../run/ensemble.ts";

export interface ViewState {
  parsed: ParsedConfig;
  /** the swept values (one `undefined` without a sweep) */
  values: Array<number | undefined>;
  /** one result per swept value, as they arrive */
  results: Array<RunResult | undefined>;
  /** the thermal-ensemble counterparts of a pure-state run (Fig. 8); many pure states share ensemble[0] */
  ensemble: Array<RunResult | undefined>;
  /** index of the value whose time trace is shown */
  selected: number;
  /** results still running: their finished times so far (no average yet); kept on Cancel */
  partial: Set<RunResult>;
}

/** A fresh state for a parsed config: nothing run yet. */
export function emptyState(parsed: ParsedConfig, values: Array<number | undefined> = parsed.sweep ? parsed.sweep.values : [undefined]): ViewState {
  return { parsed, values, results: [], ensemble: [], selected: 0, partial: new Set() };
}

/** One finished time of a running value: its result so far grows by that row (rows arrive in time order). */
export function addRow(s: ViewState, index: number, kind: "main" | "ensemble", i: number, row: Row, meta: Meta): void {
  const list = kind === "main" ? s.results : s.ensemble;
  let r = list[index];
  if (!r || !s.partial.has(r)) {
    // the ensemble of many pure states is one run without the seed sweep
    const config = kind === "main" ? valueConfig(s.parsed, s.values[index]) : ensembleConfig(valueConfig(s.parsed, s.parsed.sweep?.field === "seed" ? undefined : s.values[index]));
    r = { config, meta, rows: [] };
    list[index] = r;
    s.partial.add(r);
  }
  r.meta = meta;
  r.rows[i] = row;
}

/** A value finished: its complete result replaces the partial one. */
export function setResult(s: ViewState, index: number, kind: "main" | "ensemble", result: RunResult): void {
  const list = kind === "main" ? s.results : s.ensemble;
  const old = list[index];
  if (old) s.partial.delete(old);
  list[index] = result;
}

export function selectedProblem(s: ViewState): Problem {
  return problemFor(s.parsed, s.values[s.selected]);
}

/** The rows at t > 0 (every trace is drawn against log t). */
export function timedRows(r: RunResult | undefined): Row[] {
  return r ? r.rows.filter((row) => row !== undefined && row.t > 0) : [];
}

/** "Γ = 3.162" for a swept value, "" without a sweep. */
export function valueLabel(s: ViewState, i: number): string {
  const v = s.values[i];
  if (v === undefined || !s.parsed.sweep) return "";
  const names: Record<string, string> = { Gamma: "Γ", GammaL: "Γ_L", GammaR: "Γ_R", K: "K", KL: "K_L", KR: "K_R", epsD: "ε_d", nD: "n_d", betaL: "β_L", betaR: "β_R", muL: "μ_L", muR: "μ_R", W: "W" };
  return `${names[s.parsed.sweep.field] ?? s.parsed.sweep.field} = ${+v.toPrecision(4)}`;
}

/** A box for one chart inside a view (re-used across redraws so the page does not jump). */
export function panel(view: HTMLElement, id: string): HTMLElement {
  let el = view.querySelector<HTMLElement>(`[data-panel="${id}"]`);
  if (!el) {
    el = document.createElement("div");
    el.dataset.panel = id;
    view.append(el);
  }
  return el;
}

/** A line of text in a view (e.g. "run a sweep with averages to see this figure"). */
export function note(view: HTMLElement, text: string): void {
  panel(view, "note").className = "note";
  panel(view, "note").textContent = text;
}
