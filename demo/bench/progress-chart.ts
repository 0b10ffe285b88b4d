/** Points done against seconds, one line per lane (d3): how far ahead the GPU runs, live. */
import * as d3 from "d3";
import type { Lane } from "./lanes.ts";

const W = 560;
const H = 260;
const M = { top: 12, right: 150, bottom: 36, left: 56 };
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

export function drawProgressChart(el: HTMLElement, lanes: readonly Lane[]): void {
  const xMax = Math.max(1e-3, ...lanes.flatMap((l) => l.history.map(([s]) => s)));
  const yMax = Math.max(1, ...lanes.map((l) => l.total));
  const x = d3.scaleLinear([0, xMax], [M.left, W - M.right]);
  const y = d3.scaleLinear([0, yMax], [H - M.bottom, M.top]);
  const svg = d3.select(el).selectAll<SVGSVGElement, null>("svg").data([null]).join("svg")
    .attr("viewBox", `0 0 ${W} ${H}`).attr("width", W).attr("height", H).attr("role", "img")
    .attr("aria-label", "points done against seconds");
  svg.selectAll("*").remove();
  svg.append("rect").attr("width", W).attr("height", H).attr("fill", "#fff");
  svg.append("g").attr("transform", `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(6));
  svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(5));
  svg.append("text").attr("x", (M.left + W - M.right) / 2).attr("y", H - 4).attr("text-anchor", "middle").attr("font-size", 11).text("seconds");
  svg.append("text").attr("transform", `translate(14,${(H - M.bottom + M.top) / 2}) rotate(-90)`).attr("text-anchor", "middle").attr("font-size", 11).text("(Γ, t) points done");
  const line = d3.line<[number, number]>().x(([s]) => x(s)).y(([, n]) => y(n));
  lanes.forEach((l, i) => {
    const color = COLORS[i % COLORS.length];
    svg.append("path").attr("d", line(l.history)).attr("fill", "none").attr("stroke", color).attr("stroke-width", 2).attr("data-lane", l.requested);
    svg.append("text").attr("x", W - M.right + 8).attr("y", M.top + 14 + 16 * i).attr("fill", color).attr("font-size", 11)
      .text(`${l.requested === "cpu" ? "CPU" : "WebGPU"}: ${l.done}/${l.total || "?"}`);
  });
}
