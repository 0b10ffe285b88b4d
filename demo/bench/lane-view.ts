/** A lane's card on the benchmark page: engine, progress, points a second, and each GPU pass's time and GFLOP/s. */
import type { Lane } from "./lanes.ts";
import { rate } from "./lanes.ts";

const escape = (s: string) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

function stageRows(lane: Lane): string {
  const stages = lane.result?.gpu?.stages ?? lane.stats?.stages;
  if (!stages) return "";
  const wall = Math.max(lane.seconds, 1e-9);
  const rows = Object.entries(stages).map(([stage, s]) =>
    `<tr><td>${escape(stage)}</td><td>${fmt(s.seconds, 3)}</td><td>${fmt((100 * s.seconds) / wall, 0)}</td><td>${s.flops > 0 ? fmt(s.flops / s.seconds / 1e9) : ""}</td></tr>`);
  return `<table class="stages"><thead><tr><th>pass / stage</th><th>s</th><th>% of wall</th><th>GFLOP/s</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

export function renderLane(el: HTMLElement, lane: Lane): void {
  el.dataset.phase = lane.phase;
  const title = lane.requested === "cpu" ? "CPU engine (f64, one thread)" : "WebGPU engine";
  const state = lane.phase === "error" ? `<p class="error">${escape(`${lane.error!.name}: ${lane.error!.message}`)}</p>`
    : lane.phase === "stopped" ? `<p class="note">stopped: ${escape(lane.result?.stopped ?? "")}</p>` : "";
  el.innerHTML = `<h2>${title}</h2>
    <p class="engine-name">${escape(lane.name ?? "starting…")}</p>
    <progress max="${Math.max(lane.total, 1)}" value="${lane.done}"></progress>
    <p class="figures"><span class="points">${lane.done} / ${lane.total || "?"} points</span> ·
      <b class="rate">${fmt(rate(lane))} points/s</b> · <span>${fmt(lane.seconds, 1)} s</span></p>
    ${state}${stageRows(lane)}`;
}
