/**
 * The demo page: the form (validated by the CLI's parser), one job at a time in a Web Worker, and the
 * paper's figures redrawn as results arrive. `window.setsimDemo` exposes the state and the plotted
 * numbers for the end-to-end tests.
 */
import { parseConfig } from "../src/config/schema.ts";
import { ConfigError } from "../src/errors.ts";
import type { RunResult } from "../src/observables/columns.ts";
import { clearErrors, showError } from "./form/field-errors.ts";
import { control, fillForm, readForm, type RunRequest } from "./form/form-config.ts";
import { syncSweepWithPairs, updateVisibility } from "./form/form-ui.ts";
import { DEFAULT_PRESET, PRESETS } from "./form/presets.ts";
import { charts } from "./plot/chart.ts";
import { type DataFormat, exportData, exportText } from "./data-export.ts";
import { startJob, type Job } from "./run/controller.ts";
import { detectWebGpu } from "./gpu-status.ts";
import { readUrl, writeUrl } from "./url-state.ts";
import { drawViews } from "./views/views.ts";
import type { ViewState } from "./views/view-state.ts";
import { showProgress, type RunStatus } from "./run-status.ts";

const form = document.querySelector<HTMLFormElement>("#config-form")!;
const views = document.querySelector<HTMLElement>("#views")!;
const runButton = document.querySelector<HTMLButtonElement>("#run")!;
const cancelButton = document.querySelector<HTMLButtonElement>("#cancel")!;
const valueSelect = document.querySelector<HTMLSelectElement>("#value-select")!;
const controls = document.querySelector<HTMLElement>("#result-controls")!;

let state: ViewState | null = null;
let job: Job | null = null;
let status: RunStatus = { phase: "idle" };

declare global {
  interface Window {
    setsimDemo: {
      status(): RunStatus;
      state(): ViewState | null;
      /** the numbers behind a chart: its series' labels, x and y */
      chart(id: string): { label: string; x: number[]; y: number[] }[] | undefined;
      chartIds(): string[];
      exportText: (format: DataFormat) => { name: string; text: string } | null;
    };
  }
}
window.setsimDemo = {
  status: () => status,
  state: () => state,
  chart: (id) => charts.get(id)?.series.map((s) => ({ label: s.label, x: Array.from(s.x), y: Array.from(s.y) })),
  chartIds: () => [...charts.keys()],
  exportText: (format) => (state ? exportText(state, format) : null),
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

function redraw(): void {
  if (state) drawViews(views, state);
}

/** Before any run: the initial-state view of the form's config, when it is valid. */
function preview(): void {
  if (status.phase === "running") return;
  const req = readForm(form);
  try {
    const parsed = parseConfig(req.config);
    if (!state || state.results.every((r) => r === undefined)) {
      state = { parsed, values: parsed.sweep ? parsed.sweep.values : [undefined], results: [], ensemble: [], selected: 0 };
      redraw();
    }
  } catch {
    // shown on Run; a half-typed form is not an error yet
  }
}

function fillValueSelect(s: ViewState): void {
  valueSelect.innerHTML = "";
  s.values.forEach((v, i) => {
    const o = document.createElement("option");
    o.value = String(i);
    o.textContent = v === undefined ? "the run" : `${s.parsed.sweep!.field} = ${+v.toPrecision(6)}${s.results[i] ? "" : " (pending)"}`;
    valueSelect.append(o);
  });
  valueSelect.value = String(s.selected);
}

function run(): void {
  const ok = validated();
  if (!ok || job) return;
  writeUrl(ok.req);
  const s: ViewState = { parsed: ok.parsed, values: [], results: [], ensemble: [], selected: 0 };
  state = s;
  views.innerHTML = "";
  charts.clear();
  const started = performance.now();
  setStatus({ phase: "running", done: 0, total: 0, requested: ok.req.engine });
  job = startJob({ type: "start", ...ok.req }, {
    engine: (name, gpu) => setStatus({ ...status, engine: name, gpu }),
    plan: (total, values) => {
      s.values = values;
      controls.hidden = false;
      fillValueSelect(s);
      redraw();
      setStatus({ ...status, total });
    },
    progress: (done, total, eta) => setStatus({ ...status, phase: "running", done, total, eta }),
    value: (index, kind, result: RunResult) => {
      (kind === "main" ? s.results : s.ensemble)[index] = result;
      fillValueSelect(s);
      redraw();
    },
    end: (outcome, error) => {
      job = null;
      const seconds = (performance.now() - started) / 1000;
      if (error?.field) showError(form, error.field, error.message);
      else if (error) showError(form, undefined, `${error.name}: ${error.message}`);
      setStatus({ ...status, phase: outcome, seconds, error: error?.message });
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
    document.querySelector("#preset-note")!.textContent = p.note;
  }
  if (target.name === "sweep.field") syncSweepWithPairs(form);
  updateVisibility(form);
  preview();
});
valueSelect.addEventListener("change", () => {
  if (!state) return;
  state.selected = Number(valueSelect.value);
  redraw();
});
controls.addEventListener("click", (e) => {
  const format = (e.target as HTMLElement).dataset.export as DataFormat | undefined;
  if (format && state) exportData(state, format);
});

const presetSelect = control(form, "preset") as HTMLSelectElement;
presetSelect.append(new Option("custom (from the link)", ""));
for (const [key, p] of Object.entries(PRESETS)) presetSelect.append(new Option(p.label, key));
const fromUrl = readUrl();
presetSelect.value = DEFAULT_PRESET;
if (fromUrl) {
  presetSelect.value = "";
  fillForm(form, fromUrl);
} else {
  fillForm(form, { config: PRESETS[DEFAULT_PRESET].config });
  document.querySelector("#preset-note")!.textContent = PRESETS[DEFAULT_PRESET].note;
}
updateVisibility(form);
preview();
void detectWebGpu();
