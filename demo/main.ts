/**
 * The demo page: the form (validated by the CLI's parser), one job at a time in a Web Worker, and the
 * paper's figures redrawn as results arrive — time by time, so that Cancel keeps every finished time.
 * `window.setsimDemo` exposes the state and the plotted numbers for the end-to-end tests.
 */
import { parseConfig } from "../src/config/schema.ts";
import { ConfigError } from "../src/errors.ts";
import { clearErrors, showError } from "./form/field-errors.ts";
import { control, fillForm, readForm, type RunRequest } from "./form/form-config.ts";
import { syncSweepWithPairs, updateVisibility } from "./form/form-ui.ts";
import { DEFAULT_PRESET, PRESETS } from "./form/presets.ts";
import { charts } from "./plot/chart.ts";
import { type DataFormat, exportData, exportText } from "./data-export.ts";
import { startJob, type Job } from "./run/controller.ts";
import { detectWebGpu } from "./gpu-status.ts";
import type { AdapterSummary } from "./engine-choice.ts";
import { readUrl, writeShown, writeUrl } from "./url-state.ts";
import { drawViews } from "./views/views.ts";
import { addRow, emptyState, setResult, type ViewState } from "./views/view-state.ts";
import { showProgress, type RunStatus } from "./run-status.ts";
import { fillValueSelect, updateExports } from "./result-controls.ts";
import { showEstimate } from "./estimate-line.ts";

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const form = $<HTMLFormElement>("#config-form");
const views = $("#views");
const runButton = $<HTMLButtonElement>("#run");
const cancelButton = $<HTMLButtonElement>("#cancel");
const valueSelect = $<HTMLSelectElement>("#value-select");
const controls = $("#result-controls");

let state: ViewState | null = null;
let job: Job | null = null;
let status: RunStatus = { phase: "idle" };
/** the page's WebGPU adapter: undefined while it is being probed */
let adapter: AdapterSummary | null | undefined;
/** the value a shared link shows, applied when its run is planned */
let shownFromLink: number | undefined;

declare global {
  interface Window {
    setsimDemo: {
      status(): RunStatus;
      state(): ViewState | null;
      /** the numbers behind a chart: its series' labels, x and y (and a band's lower edge `lo`) */
      chart(id: string): { label: string; x: number[]; y: number[]; lo?: number[] }[] | undefined;
      chartIds(): string[];
      exportText: (format: DataFormat) => { name: string; text: string } | null;
      adapter(): AdapterSummary | null | undefined;
    };
  }
}
window.setsimDemo = {
  status: () => status,
  state: () => state,
  chart: (id) => charts.get(id)?.series.map((s) => ({ label: s.label, x: Array.from(s.x), y: Array.from(s.y), ...(s.fillTo ? { lo: Array.from(s.fillTo) } : {}) })),
  chartIds: () => [...charts.keys()],
  exportText: (format) => (state ? exportText(state, format) : null),
  adapter: () => adapter,
};

function setStatus(next: RunStatus): void {
  status = next;
  showProgress(status);
  runButton.disabled = status.phase === "running";
  cancelButton.disabled = status.phase !== "running";
}

/** Validates the form with the CLI's parser; on failure shows the rule next to the field and returns null. */
function validated(): { req: RunRequest; parsed: ReturnType<typeof parseConfig> } | null {
  clearErrors(form);
  const req = readForm(form);
  try {
    return { req, parsed: parseConfig(req.config) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    showError(form, e.field, e.message);
    return null;
  }
}

let redrawTimer: ReturnType<typeof setTimeout> | undefined;
function redraw(): void {
  clearTimeout(redrawTimer);
  redrawTimer = undefined;
  if (state) {
    drawViews(views, state);
    fillValueSelect(valueSelect, state);
  }
  updateExports(controls, state);
}
/** Rows arrive by the thousand a second on small problems: draw at most every 200 ms. */
function redrawSoon(): void {
  redrawTimer ??= setTimeout(redraw, 200);
}

/** Before any run: the initial-state view and the CPU estimate of the form's config, when it is valid. */
function preview(): void {
  const req = readForm(form);
  let parsed: ReturnType<typeof parseConfig> | null = null;
  try {
    parsed = parseConfig(req.config);
  } catch {
    // shown on Run; a half-typed form is not an error yet
  }
  showEstimate($("#estimate"), parsed, req.ensemble, req.engine, adapter, () => {
    control(form, "engine").value = "webgpu";
    preview();
  });
  if (status.phase === "running" || !parsed) return;
  if (!state || state.results.every((r) => r === undefined)) {
    state = emptyState(parsed);
    redraw();
  }
}

function run(): void {
  const ok = validated();
  if (!ok || job) return;
  $("#shared-offer").hidden = true;
  const s = emptyState(ok.parsed, []);
  state = s;
  views.innerHTML = "";
  charts.clear();
  const started = performance.now();
  setStatus({ phase: "running", done: 0, total: 0, requested: ok.req.engine });
  job = startJob({ type: "start", ...ok.req }, {
    engine: (name, gpu, reason) => setStatus({ ...status, engine: name, gpu, reason }),
    plan: (total, values) => {
      s.values = values;
      if (shownFromLink !== undefined && shownFromLink < values.length) s.selected = shownFromLink;
      shownFromLink = undefined;
      writeUrl(ok.req, s.selected);
      controls.hidden = false;
      redraw();
      setStatus({ ...status, total });
    },
    progress: (done, total, eta) => setStatus({ ...status, phase: "running", done, total, eta }),
    row: (index, kind, i, row, meta) => {
      addRow(s, index, kind, i, row, meta);
      redrawSoon();
    },
    value: (index, kind, result) => {
      setResult(s, index, kind, result);
      redrawSoon();
    },
    end: (outcome, error) => {
      job = null;
      const seconds = (performance.now() - started) / 1000;
      if (error?.field) showError(form, error.field, error.message);
      else if (error) showError(form, undefined, `${error.name}: ${error.message}`);
      setStatus({ ...status, phase: outcome, seconds, error: error?.message });
      redraw();
    },
  });
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  run();
});
cancelButton.addEventListener("click", () => job?.cancel());
form.addEventListener("change", (e) => {
  const target = e.target as HTMLInputElement;
  if (target.name === "preset" && target.value in PRESETS) {
    const p = PRESETS[target.value];
    fillForm(form, { config: p.config, ensemble: p.ensemble ?? false });
    $("#preset-note").textContent = p.note;
  }
  if (target.name === "sweep.field") syncSweepWithPairs(form);
  updateVisibility(form);
  preview();
});
form.addEventListener("input", () => preview());
valueSelect.addEventListener("change", () => {
  if (!state) return;
  state.selected = Number(valueSelect.value);
  writeShown(state.selected);
  redraw();
});
controls.addEventListener("click", (e) => {
  const format = (e.target as HTMLElement).dataset.export as DataFormat | undefined;
  if (format && state) exportData(state, format);
});
$("#run-shared").addEventListener("click", run);
// charts lay out for the width they get (legend right or below): redraw when the page crosses the breakpoint
matchMedia("(max-width: 760px)").addEventListener("change", redraw);

const presetSelect = control(form, "preset") as HTMLSelectElement;
presetSelect.append(new Option("custom (from the link)", ""));
for (const [key, p] of Object.entries(PRESETS)) presetSelect.append(new Option(p.label, key));
const fromUrl = readUrl();
presetSelect.value = DEFAULT_PRESET;
if (fromUrl) {
  presetSelect.value = "";
  fillForm(form, fromUrl);
  // a shared link restores the form and offers to run it; its shown value is selected once planned
  shownFromLink = fromUrl.shown;
  $("#shared-shown").textContent = fromUrl.shown ? ` (showing swept value no. ${fromUrl.shown + 1})` : "";
  $("#shared-offer").hidden = false;
} else {
  fillForm(form, { config: PRESETS[DEFAULT_PRESET].config });
  $("#preset-note").textContent = PRESETS[DEFAULT_PRESET].note;
}
updateVisibility(form);
preview();
void detectWebGpu().then((a) => {
  adapter = a;
  preview();
});
