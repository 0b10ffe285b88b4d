/** The controls over the results: which value's trace is shown, and data exports enabled only where there is data to export. */
import { type DataFormat, exportText } from "./data-export.ts";
import type { ViewState } from "./views/view-state.ts";

/** One option per swept value, saying which have finished, which are running and which wait. */
export function fillValueSelect(select: HTMLSelectElement, s: ViewState): void {
  select.innerHTML = "";
  s.values.forEach((v, i) => {
    const r = s.results[i];
    const state = !r ? " (pending)" : s.partial.has(r) ? ` (running: ${r.rows.length} times so far)` : "";
    const o = document.createElement("option");
    o.value = String(i);
    o.textContent = `${v === undefined ? "the run" : `${s.parsed.sweep!.field} = ${+v.toPrecision(6)}`}${state}`;
    select.append(o);
  });
  select.value = String(s.selected);
}

/**
 * Each data export button is enabled when its file exists: a finished shown run (a partial one would
 * not be what `setsim run` writes), or at least one finished regime-III average.
 */
export function updateExports(controls: HTMLElement, s: ViewState | null): void {
  controls.querySelectorAll<HTMLButtonElement>("button[data-export]").forEach((b) => {
    const format = b.dataset.export as DataFormat;
    const shown = s?.results[s.selected];
    const partialShown = shown !== undefined && s!.partial.has(shown);
    const ready = s !== null && exportText(s, format) !== null && !(partialShown && (format === "json" || format === "csv"));
    b.disabled = !ready;
    b.title = ready ? "" : format.startsWith("averages") ? "no regime-III average has finished yet" : "the shown value has not finished";
  });
}
