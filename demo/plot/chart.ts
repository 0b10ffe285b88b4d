/**
 * One interactive d3 chart: log or linear axes with the CLI plots' scales and tick labels
 * (src/io/svg-axes.ts), curves, optional filled bands, dashed reference lines, regime boundaries, a
 * legend (with notes such as the regime rule), a hover read-out and SVG/PNG export. Wide containers
 * get the legend at the right, narrow ones (phones) below the plot. Every drawn chart is registered
 * with its data so that tests (and curious users, via `window.setsimDemo`) can read the numbers.
 */
import { area, line, scaleLinear, select } from "d3";
import { axisTicks, emptyNote, extent, makeScale, MARKER_INSET, points, zeroToRounding } from "../../src/io/svg-axes.ts";
import { richText } from "../../src/io/svg-text.ts";
import { exportButtons } from "./export.ts";
import { drawLegend, legendHeight, type LegendEntry } from "./legend.ts";
import { hover } from "./hover.ts";

export interface ChartSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dashed?: boolean;
  /** a stroke-dasharray of its own (overrides `dashed`), e.g. "2 2" for a dotted curve */
  dash?: string;
  /** stroke width; 0 draws the points only (with `markers`) */
  width?: number;
  /** fill between this curve and `fillTo` (a stacked part) */
  fillTo?: ArrayLike<number>;
  /** with `fillTo`: a band between `fillTo` (lower edge) and `y` (upper edge), filled only, no curve */
  band?: boolean;
  markers?: boolean;
}

export interface ChartSpec {
  /** unique on the page; also the export file name */
  id: string;
  title: string;
  /** what the export buttons call the chart ("Fig. 4: β*"); the title when absent */
  figure?: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: ChartSeries[];
  /** horizontal reference lines, long dashes unless `dash` says otherwise */
  refLines?: Array<{ label: string; y: number; color: string; dash?: string }>;
  /** vertical boundaries with the label of the region to their right (regimes II and III) */
  boundaries?: Array<{ x: number; label: string }>;
  /** label of the region left of the first boundary (regime I) */
  firstRegion?: string;
  /** small print under the legend (e.g. the regime rule, shown only where `boundaries`, if given, are not empty) */
  notes?: readonly string[];
  maxDecades?: number;
  /** a fixed y range (e.g. occupations: a little beyond [0, 1] so dots at 0 and 1 stay whole) */
  yDomain?: [number, number];
  /** series never above this in |y| are "= 0 to rounding", not drawn (see svg-axes.ts) */
  roundoff?: number;
}

/** Plot geometry: the legend right of the plot (wide) or below it (narrow). */
export interface Layout {
  W: number;
  H: number;
  M: { top: number; right: number; bottom: number; left: number };
  IW: number;
  IH: number;
  legend: { x: number; y: number };
}

const FS = 12;
const GRID = "#e6e6e6";
/** below this container width [px] the legend goes under the plot */
const NARROW = 560;

function layout(width: number, legendH: number): Layout {
  if (width > 0 && width < NARROW) {
    const M = { top: 34, right: 14, bottom: 48, left: 62 };
    const W = 420;
    const IH = 240;
    const legendTop = M.top + IH + M.bottom + 6;
    return { W, H: legendTop + legendH + 8, M, IW: W - M.left - M.right, IH, legend: { x: M.left - 40, y: legendTop } };
  }
  const M = { top: 34, right: 186, bottom: 48, left: 72 };
  const W = 650;
  const H = Math.max(360, M.top + 8 + legendH + 10);
  return { W, H, M, IW: W - M.left - M.right, IH: 360 - M.top - M.bottom, legend: { x: W - M.right + 12, y: M.top + 8 } };
}

/** Every chart on the page by id, with the numbers it plots. */
export const charts = new Map<string, ChartSpec>();

/** Draws `spec` into `container` (replacing what was there) and registers it. */
export function drawChart(container: HTMLElement, spec: ChartSpec): void {
  charts.set(spec.id, spec);
  const xLog = spec.xLog ?? false;
  const yLog = spec.yLog ?? false;
  const zero = spec.series.map((s) => zeroToRounding(s.y, spec.roundoff));
  const pts = spec.series.map((s, i) => (zero[i] ? [] : points(s, xLog, yLog)));
  const refs = (spec.refLines ?? []).filter((r) => Number.isFinite(r.y) && (!yLog || r.y > 0));
  const entries: LegendEntry[] = [
    ...spec.series.map((s, i) => ({
      label: zero[i] && s.label ? `${s.label} = 0 to rounding` : s.label, color: s.color, dot: s.width === 0,
      dash: s.dash ?? (s.dashed ? "6 4" : null), width: s.width ?? 1.8, band: s.band,
    })),
    ...refs.map((r) => ({ label: r.label, color: r.color, dash: r.dash ?? "6 4", width: 1.5 })),
  ].filter((e) => e.label !== ""); // a series without a label (one of many reference lines) stays out
  // notes about regimes go with their boundaries: none drawn (boundaries given but empty), no notes
  const notes = spec.boundaries === undefined || spec.boundaries.length > 0 ? spec.notes ?? [] : [];
  const L = layout(container.clientWidth || container.parentElement?.clientWidth || 0, legendHeight(entries, notes));
  const { IW, IH, M } = L;
  // the x axis spans every series, drawn or not (a trace that is all rounding keeps its time axis)
  const xs = spec.series.flatMap((s) => Array.from(s.x).filter((v) => Number.isFinite(v) && (!xLog || v > 0)));
  // a band's lower edge counts for the y range as well as its upper one
  const lows = spec.series.flatMap((s, i) => (s.band && s.fillTo && !zero[i] ? points({ ...s, y: s.fillTo }, xLog, yLog).map((q) => q[1]) : []));
  const ys = [...pts.flatMap((p) => p.map((q) => q[1])), ...lows, ...refs.map((r) => r.y)];
  const inset = spec.series.some((s) => s.markers) ? MARKER_INSET : 0;
  const x = makeScale(extent(xs, xLog, Infinity), [inset, IW - inset], xLog);
  // a fixed range is kept as given (makeScale would round it out to nice ticks)
  const y = spec.yDomain ? scaleLinear().domain(spec.yDomain).range([IH, 0]) : makeScale(extent(ys, yLog, spec.maxDecades ?? 12), [IH, 0], yLog);

  const root = select(container).html("").attr("class", "chart").attr("data-chart", spec.id);
  const titleId = `title-${spec.id}`;
  const svg = root.append("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("viewBox", `0 0 ${L.W} ${L.H}`)
    .attr("width", L.W).attr("height", L.H).attr("font-family", "Helvetica, Arial, sans-serif").attr("font-size", FS)
    .attr("role", "img").attr("aria-labelledby", titleId);
  svg.append("title").attr("id", titleId).text(`${spec.figure ?? spec.title}: ${spec.title.replace(/[_^{}]/g, "")}`);
  svg.append("rect").attr("width", L.W).attr("height", L.H).attr("fill", "#fff");
  svg.append("text").attr("x", M.left + IW / 2).attr("y", 20).attr("text-anchor", "middle").attr("font-size", 14).html(richText(spec.title, 14));
  const clip = `clip-${spec.id}`;
  // the clip reaches a marker's radius beyond the frame: a point at the edge stays whole
  svg.append("defs").append("clipPath").attr("id", clip).append("rect").attr("x", -4).attr("y", -4).attr("width", IW + 8).attr("height", IH + 8);
  const g = svg.append("g").attr("transform", `translate(${M.left},${M.top})`);
  for (const [scale, log, dir] of [[x, xLog, "x"], [y, yLog, "y"]] as const) {
    for (const t of axisTicks(scale, log, dir)) {
      const len = t.label !== "" ? 6 : 3;
      if (dir === "x") {
        if (t.label) g.append("line").attr("x1", t.pos).attr("x2", t.pos).attr("y1", 0).attr("y2", IH).attr("stroke", GRID);
        g.append("line").attr("x1", t.pos).attr("x2", t.pos).attr("y1", IH).attr("y2", IH + len).attr("stroke", "#000");
        if (t.label) g.append("text").attr("x", t.pos).attr("y", IH + 19).attr("text-anchor", "middle").html(richText(t.label, FS));
      } else {
        if (t.label) g.append("line").attr("x1", 0).attr("x2", IW).attr("y1", t.pos).attr("y2", t.pos).attr("stroke", GRID);
        g.append("line").attr("x1", -len).attr("x2", 0).attr("y1", t.pos).attr("y2", t.pos).attr("stroke", "#000");
        if (t.label) g.append("text").attr("x", -9).attr("y", t.pos).attr("dy", "0.32em").attr("text-anchor", "end").html(richText(t.label, FS));
      }
    }
  }
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
      .attr("stroke", r.color).attr("stroke-width", 1.5).attr("stroke-dasharray", r.dash ?? "6 4");
  }
  const path = line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1]));
  spec.series.forEach((s, i) => {
    if (s.fillTo && !zero[i]) {
      const lower = s.fillTo;
      const band: Array<[number, number, number]> = [];
      for (let k = 0; k < Math.min(s.x.length, s.y.length); k++) band.push([s.x[k], s.y[k], lower[k]]);
      const ok = (v: number) => Number.isFinite(v) && (!yLog || v > 0);
      const fill = area<[number, number, number]>().defined((d) => ok(d[1]) && Number.isFinite(d[0]) && (!xLog || d[0] > 0))
        .x((d) => x(d[0])).y1((d) => y(d[1])).y0((d) => (ok(d[2]) ? y(d[2]) : IH));
      // a band of realizations as the CLI's plots draw it (svg-axes.ts: fill-opacity 0.25)
      plot.append("path").attr("d", fill(band)).attr("fill", s.color).attr("fill-opacity", s.band ? 0.25 : 0.3).attr("stroke", "none").attr("data-band", s.band ? s.label : null);
    }
    if (s.band) return;
    const p = pts[i];
    if (p.length > 1 && s.width !== 0) {
      plot.append("path").attr("d", path(p)).attr("fill", "none").attr("stroke", s.color)
        .attr("stroke-width", s.width ?? 1.8).attr("stroke-dasharray", s.dash ?? (s.dashed ? "6 4" : null)).attr("data-series", s.label);
    }
    if (s.markers || p.length === 1) for (const q of p) plot.append("circle").attr("cx", x(q[0])).attr("cy", y(q[1])).attr("r", 3).attr("fill", s.color);
  });
  if (pts.every((p) => p.length === 0)) g.append("text").attr("x", IW / 2).attr("y", IH / 2).attr("text-anchor", "middle").attr("fill", "#7f7f7f").text(emptyNote(zero));

  g.append("rect").attr("width", IW).attr("height", IH).attr("fill", "none").attr("stroke", "#000");
  g.append("text").attr("x", IW / 2).attr("y", IH + 40).attr("text-anchor", "middle").html(richText(spec.xLabel, FS));
  g.append("text").attr("transform", `translate(${-M.left + 16},${IH / 2}) rotate(-90)`).attr("text-anchor", "middle").html(richText(spec.yLabel, FS));
  drawLegend(svg, entries, notes, L.legend.x, L.legend.y);
  hover(root, g, spec, x, y, L);
  exportButtons(root.node()!, svg.node()!, spec.id, spec.figure ?? spec.title);
}
