/**
 * The benchmark page: the adapter and its limits, then a SPEC §5 workload on WebGPU and on the CPU
 * engine side by side (one worker each), live points a second and GPU passes, the speed-up, and the
 * report exactly as `npm run bench` prints it (JSON export in its format). `window.setsimBench.run`
 * does the same for `setsim bench --runtime chromium` and the tests.
 */
import type { EngineName, Precision } from "../../src/engine/engine.ts";
import { type BenchReport, formatReport } from "../../src/bench/report.ts";
import { toWire, type WireResult } from "../../src/runtime/wire.ts";
import { describeAdapter } from "./adapter.ts";
import { finished, type Lane, rate, type RunningLane, startLane } from "./lanes.ts";
import { renderLane } from "./lane-view.ts";
import { drawProgressChart } from "./progress-chart.ts";
import type { AdapterSummary } from "./messages.ts";

export interface BenchOptions {
  workload: string;
  /** SPEC §5's workloads at this bath size; without it, any workload of `npm run bench` as named */
  K?: number;
  precision: Precision;
  engines: EngineName[];
}

export interface BenchStatus {
  phase: "idle" | "running" | "done";
  lanes: Array<Pick<Lane, "requested" | "name" | "phase" | "done" | "total" | "error">>;
}

declare global {
  interface Window {
    setsimBench: {
      status(): BenchStatus;
      reports(): BenchReport[];
      /** runs to the end; a lane's failure comes back as the error (its class's name kept) */
      run(o: BenchOptions): Promise<WireResult<BenchReport[]>>;
    };
  }
}

const form = document.querySelector<HTMLFormElement>("#bench-form")!;
const $ = <T extends HTMLElement>(s: string) => document.querySelector<T>(s)!;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement & HTMLSelectElement;
let running: RunningLane[] = [];
let phase: BenchStatus["phase"] = "idle";

function showAdapter(a: AdapterSummary | null): void {
  $("#adapter").textContent = a
    ? `WebGPU adapter: ${a.name}${a.software ? " — a software adapter: correct but slow, keep K small" : ""}; timestamp queries: ${a.timestampQuery ? "yes" : "no"}`
    : "No WebGPU adapter in this browser: only the CPU engine can run.";
  $("#limits").innerHTML = a ? Object.entries(a.limits).map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join("") : "";
}

/** The device decides the default size: the paper's K = 1000 on a GPU, 64 on a software adapter. */
const adapter = describeAdapter().then((a) => {
  showAdapter(a);
  const q = new URLSearchParams(location.search);
  if (!q.has("K")) field("K").value = a && !a.software ? "1000" : "64";
  if (!a) field("lane-webgpu").checked = false;
  return a;
});

const reports = (): BenchReport[] => running.flatMap(({ lane }) =>
  lane.result ? [{ machine: lane.machine ?? "", engine: lane.result.engine, workloads: [lane.result] }] : []);

function update(): void {
  const lanes = running.map((r) => r.lane);
  const box = $("#lanes");
  while (box.children.length < lanes.length) box.appendChild(Object.assign(document.createElement("section"), { className: "lane" }));
  lanes.forEach((l, i) => renderLane(box.children[i] as HTMLElement, l));
  drawProgressChart($("#chart"), lanes);
  const gpu = lanes.find((l) => l.requested !== "cpu" && rate(l) > 0);
  const cpu = lanes.find((l) => l.requested === "cpu" && rate(l) > 0);
  $("#speedup").textContent = gpu && cpu ? `WebGPU ${rate(gpu).toFixed(2)} points/s, CPU ${rate(cpu).toFixed(2)} points/s: speed-up ×${(rate(gpu) / rate(cpu)).toPrecision(2)}` : "";
  $("#report").textContent = reports().flatMap(formatReport).join("\n");
  // the CPU side has given its rate once every GPU side is done
  if (lanes.some((l) => l.requested !== "cpu") && lanes.filter((l) => l.requested !== "cpu").every(finished)) {
    running.filter((r) => r.lane.requested === "cpu").forEach((r) => r.stop("the WebGPU side had finished"));
  }
}

function setButtons(busy: boolean): void {
  $<HTMLButtonElement>("#run").disabled = busy;
  $<HTMLButtonElement>("#stop").disabled = !busy;
  $<HTMLButtonElement>("#export").disabled = busy || reports().length === 0;
}

async function run(o: BenchOptions): Promise<WireResult<BenchReport[]>> {
  if (phase === "running") throw new Error("a benchmark is already running");
  await adapter;
  const shown = { workload: o.workload, precision: o.precision, ...(o.K === undefined ? {} : { K: String(o.K) }) };
  Object.entries(shown).forEach(([k, v]) => (field(k).value = v));
  history.replaceState(null, "", `?${new URLSearchParams({ ...shown, engines: o.engines.join(",") })}`);
  phase = "running";
  setButtons(true);
  $("#lanes").replaceChildren();
  return new Promise((resolve) => {
    running = o.engines.map((engine) => startLane({ workload: o.workload, K: o.K, engine, precision: o.precision }, {
      change: () => {
        update();
        if (phase !== "running" || !running.every((r) => finished(r.lane))) return;
        phase = "done";
        setButtons(false);
        const failed = running.find((r) => r.lane.phase === "error");
        resolve(failed ? { ok: false, error: toWire(Object.assign(new Error(failed.lane.error!.message), { name: failed.lane.error!.name })) } : { ok: true, value: reports() });
      },
    }));
    update();
  });
}

const fromForm = (): BenchOptions => ({
  workload: field("workload").value,
  K: Number(field("K").value),
  precision: field("precision").value as Precision,
  engines: [...(field("lane-webgpu").checked ? ["webgpu" as const] : []), ...(field("lane-cpu").checked ? ["cpu" as const] : [])],
});

form.addEventListener("submit", (e) => {
  e.preventDefault();
  void run(fromForm());
});
$("#stop").addEventListener("click", () => running.forEach((r) => r.stop("stopped by the user")));
$("#export").addEventListener("click", () => {
  const url = URL.createObjectURL(new Blob([JSON.stringify(reports(), null, 2) + "\n"], { type: "application/json" }));
  Object.assign(document.createElement("a"), { href: url, download: `setsim-bench-${field("workload").value}-K${field("K").value}.json` }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});

window.setsimBench = {
  status: () => ({ phase, lanes: running.map(({ lane: { requested, name, phase, done, total, error } }) => ({ requested, name, phase, done, total, error })) }),
  reports,
  run,
};

// the URL may name a run (workload, K, precision, engines) and start it (autostart=1)
const q = new URLSearchParams(location.search);
for (const k of ["workload", "K", "precision"]) if (q.has(k)) field(k).value = q.get(k)!;
if (q.has("engines")) {
  const engines = q.get("engines")!.split(",");
  field("lane-webgpu").checked = engines.includes("webgpu");
  field("lane-cpu").checked = engines.includes("cpu");
}
if (q.get("autostart") === "1") void adapter.then(() => run(fromForm()));
