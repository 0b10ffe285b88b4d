/**
 * One interactive d3 chart: log or linear axes with the CLI plots' scales and tick labels
 * (src/io/svg-axes.ts), curves, optional filled bands (stacked parts), dashed reference lines,
 * regime boundaries, a legend, a hover read-out and SVG/PNG export. Every drawn chart is registered
 * with its data so that tests (and curious users, via `window.setsimDemo`) can read the numbers.
 */
import { area, line, pointer, scaleLinear, select } from "d3";
import { extent, makeScale, points } from "../../src/io/svg-axes.ts";
import { isPowerOfTen, richText, tickLabel } from "../../src/io/svg-text.ts";
import { formatValue, htmlLabel } from "./labels.ts";
import { exportButtons } from "./export.ts";

export interface ChartSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dashed?: boolean;
  /** stroke width; 0 draws the points only (with `markers`) */
  width?: number;
  /** fill between this curve and `fillTo` (a stacked part) */
  fillTo?: ArrayLike<number>;
  markers?: boolean;
}

export interface ChartSpec {
  /** unique on the page; also the export file name */
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: ChartSeries[];
  refLines?: Array<{ label: string; y: number; color: string }>;
  /** vertical boundaries with the label of the region to their right (regimes II and III) */
  boundaries?: Array<{ x: number; label: string }>;
  /** label of the region left of the first boundary (regime I) */
  firstRegion?: string;
  maxDecades?: number;
  /** a fixed y range (e.g. occupations: a little beyond [0, 1] so dots at 0 and 1 stay whole) */
  yDomain?: [number, number];
}

const W = 640;
const H = 360;
const M = { top: 34, right: 176, bottom: 48, left: 72 };
const IW = W - M.left - M.right;
const IH = H - M.top - M.bottom;
const FS = 12;
const GRID = "#e6e6e6";

/** Every chart on the page by id, with the numbers it plots. */
export const charts = new Map<string, ChartSpec>();

function axisTicks(g: ReturnType<typeof select<SVGGElement, unknown>>, scale: ReturnType<typeof makeScale>, log: boolean, dir: "x" | "y"): void {
  const count = log ? 10 : 6;
  const ticks = scale.ticks(count);
  const fmt = log ? scale.tickFormat(count, "~g") : scale.tickFormat(count);
  const formatted = ticks.map((t) => fmt(t));
  const powers = log && ticks.every((t, i) => formatted[i] === "" || isPowerOfTen(t));
  ticks.forEach((t, i) => {
    const p = scale(t);
    const label = tickLabel(t, formatted[i], powers);
    const len = label !== "" ? 6 : 3;
    if (dir === "x") {
      if (label) g.append("line").attr("x1", p).attr("x2", p).attr("y1", 0).attr("y2", IH).attr("stroke", GRID);
      g.append("line").attr("x1", p).attr("x2", p).attr("y1", IH).attr("y2", IH + len).attr("stroke", "#000");
      if (label) g.append("text").attr("x", p).attr("y", IH + 19).attr("text-anchor", "middle").html(richText(label, FS));
    } else {
      if (label) g.append("line").attr("x1", 0).attr("x2", IW).attr("y1", p).attr("y2", p).attr("stroke", GRID);
      g.append("line").attr("x1", -len).attr("x2", 0).attr("y1", p).attr("y2", p).attr("stroke", "#000");
      if (label) g.append("text").attr("x", -9).attr("y", p).attr("dy", "0.32em").attr("text-anchor", "end").html(richText(label, FS));
    }
  });
}

/** Draws `spec` into `container` (replacing what was there) and registers it. */
export function drawChart(container: HTMLElement, spec: ChartSpec): void {
  charts.set(spec.id, spec);
  const xLog = spec.xLog ?? false;
  const yLog = spec.yLog ?? false;
  const pts = spec.series.map((s) => points(s, xLog, yLog));
  const refs = (spec.refLines ?? []).filter((r) => Number.isFinite(r.y) && (!yLog || r.y > 0));
  const xs = pts.flatMap((p) => p.map((q) => q[0]));
  const ys = [...pts.flatMap((p) => p.map((q) => q[1])), ...refs.map((r) => r.y)];
  const x = makeScale(extent(xs, xLog, Infinity), [0, IW], xLog);
  // a fixed range is kept as given (makeScale would round it out to nice ticks)
  const y = spec.yDomain ? scaleLinear().domain(spec.yDomain).range([IH, 0]) : makeScale(extent(ys, yLog, spec.maxDecades ?? 12), [IH, 0], yLog);

  const root = select(container).html("").attr("class", "chart").attr("data-chart", spec.id);
  const svg = root.append("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("viewBox", `0 0 ${W} ${H}`)
    .attr("width", W).attr("height", H).attr("font-family", "Helvetica, Arial, sans-serif").attr("font-size", FS);
  svg.append("rect").attr("width", W).attr("height", H).attr("fill", "#fff");
  svg.append("text").attr("x", M.left + IW / 2).attr("y", 20).attr("text-anchor", "middle").attr("font-size", 14).html(richText(spec.title, 14));
  const clip = `clip-${spec.id}`;
  svg.append("defs").append("clipPath").attr("id", clip).append("rect").attr("width", IW).attr("height", IH);
  const g = svg.append("g").attr("transform", `translate(${M.left},${M.top})`);
  axisTicks(g, x, xLog, "x");
  axisTicks(g, y, yLog, "y");
  const plot = g.append("g").attr("clip-path", `url(#${clip})`).attr("class", "plot-area");

  const bounds = (spec.boundaries ?? []).filter((b) => Number.isFinite(b.x) && (!xLog || b.x > 0));
  bounds.forEach((b, i) => {
    const px = x(b.x);
    plot.append("line").attr("x1", px).attr("x2", px).attr("y1", 0).attr("y2", IH).attr("stroke", "#555").attr("stroke-dasharray", "2 3");
    const next = i + 1 < bounds.length ? x(bounds[i + 1].x) : IW;
    plot.append("text").attr("x", (px + next) / 2).attr("y", 14).attr("text-anchor", "middle").attr("fill", "#555").text(b.label);
  });
  if (bounds.length && spec.firstRegion) plot.append("text").attr("x", x(bounds[0].x) / 2).attr("y", 14).attr("text-anchor", "middle").attr("fill", "#555").text(spec.firstRegion);

  for (const r of refs) {
    plot.append("line").attr("x1", 0).attr("x2", IW).attr("y1", y(r.y)).attr("y2", y(r.y))
      .attr("stroke", r.color).attr("stroke-width", 1.5).attr("stroke-dasharray", "6 4");
  }
  const path = line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1]));
  spec.series.forEach((s, i) => {
    if (s.fillTo) {
      const lower = s.fillTo;
      const band: Array<[number, number, number]> = [];
      for (let k = 0; k < Math.min(s.x.length, s.y.length); k++) band.push([s.x[k], s.y[k], lower[k]]);
      const ok = (v: number) => Number.isFinite(v) && (!yLog || v > 0);
      const fill = area<[number, number, number]>().defined((d) => ok(d[1]) && Number.isFinite(d[0]) && (!xLog || d[0] > 0))
        .x((d) => x(d[0])).y1((d) => y(d[1])).y0((d) => (ok(d[2]) ? y(d[2]) : IH));
      plot.append("path").attr("d", fill(band)).attr("fill", s.color).attr("fill-opacity", 0.35).attr("stroke", "none");
    }
    const p = pts[i];
    if (p.length > 1 && s.width !== 0) {
      plot.append("path").attr("d", path(p)).attr("fill", "none").attr("stroke", s.color)
        .attr("stroke-width", s.width ?? 1.8).attr("stroke-dasharray", s.dashed ? "6 4" : null).attr("data-series", s.label);
    }
    if (s.markers || p.length === 1) for (const q of p) plot.append("circle").attr("cx", x(q[0])).attr("cy", y(q[1])).attr("r", 3).attr("fill", s.color);
  });
  if (xs.length === 0) g.append("text").attr("x", IW / 2).attr("y", IH / 2).attr("text-anchor", "middle").attr("fill", "#7f7f7f").text("no finite data");

  g.append("rect").attr("width", IW).attr("height", IH).attr("fill", "none").attr("stroke", "#000");
  g.append("text").attr("x", IW / 2).attr("y", IH + 40).attr("text-anchor", "middle").html(richText(spec.xLabel, FS));
  g.append("text").attr("transform", `translate(${-M.left + 16},${IH / 2}) rotate(-90)`).attr("text-anchor", "middle").html(richText(spec.yLabel, FS));
  // a series without a label (e.g. one of many reference lines) stays out of the legend
  const entries = [
    ...spec.series.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed ?? false, dot: s.width === 0 })),
    ...refs.map((r) => ({ label: r.label, color: r.color, dashed: true, dot: false })),
  ].filter((e) => e.label !== "");
  entries.forEach((e, i) => {
    const ly = M.top + 8 + i * 19;
    const lx = M.left + IW + 14;
    if (e.dot) svg.append("circle").attr("cx", lx + 12).attr("cy", ly).attr("r", 3).attr("fill", e.color);
    else svg.append("line").attr("x1", lx).attr("x2", lx + 24).attr("y1", ly).attr("y2", ly).attr("stroke", e.color).attr("stroke-width", 2).attr("stroke-dasharray", e.dashed ? "6 4" : null);
    svg.append("text").attr("x", lx + 30).attr("y", ly).attr("dy", "0.32em").html(richText(e.label, FS));
  });
  hover(root, g, spec, x, y);
  exportButtons(root.node()!, svg.node()!, spec.id);
}

/** A vertical rule and, per curve, the value at the point nearest the pointer. */
function hover(root: ReturnType<typeof select<HTMLElement, unknown>>, g: ReturnType<typeof select<SVGGElement, unknown>>, spec: ChartSpec, x: ReturnType<typeof makeScale>, y: ReturnType<typeof makeScale>): void {
  const tip = root.append("div").attr("class", "tooltip").style("display", "none");
  const rule = g.append("line").attr("y1", 0).attr("y2", IH).attr("stroke", "#999").style("display", "none");
  const dots = g.append("g");
  g.append("rect").attr("width", IW).attr("height", IH).attr("fill", "transparent")
    .on("pointerleave", () => {
      tip.style("display", "none");
      rule.style("display", "none");
      dots.selectAll("*").remove();
    })
    .on("pointermove", (event: PointerEvent) => {
      const [px, py] = pointer(event);
      const lines: string[] = [];
      dots.selectAll("*").remove();
      let xv: number | undefined;
      for (const s of spec.series) {
        let best = -1;
        let dist = Infinity;
        for (let k = 0; k < s.x.length; k++) {
          const d = Math.abs(x(s.x[k]) - px);
          if (Number.isFinite(d) && d < dist) [best, dist] = [k, d];
        }
        if (best < 0 || s.label === "") continue;
        xv ??= s.x[best];
        const yy = y(s.y[best]);
        if (Number.isFinite(yy)) dots.append("circle").attr("cx", x(s.x[best])).attr("cy", yy).attr("r", 3.5).attr("fill", "none").attr("stroke", s.color);
        lines.push(`<span style="color:${s.color}">■</span> ${htmlLabel(s.label)} = ${formatValue(s.y[best])}`);
      }
      if (xv === undefined) return;
      rule.attr("x1", x(xv)).attr("x2", x(xv)).style("display", null);
      tip.html(`${htmlLabel(spec.xLabel.split(" [")[0])} = ${formatValue(xv)}<br>${lines.join("<br>")}`)
        .style("display", null).style("left", `${M.left + px + 14}px`).style("top", `${M.top + py}px`);
    });
}
