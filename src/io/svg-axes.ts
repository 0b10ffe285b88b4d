/** One line chart as SVG text without a DOM: d3 scales for domains and ticks, d3 line for paths. */
import { area, line, scaleLinear, scaleLog, type ScaleContinuousNumeric } from "d3";
import { escapeXml, isPowerOfTen, richText, tickLabel } from "./svg-text.ts";

/** One curve; points where x or y is non-finite (or ≤ 0 on a log axis) are skipped. */
export interface Series {
  /** legend text, `_sub`/`^sup` allowed (see richText) */
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dashed?: boolean;
  /** stroke width (default 1.8) */
  width?: number;
  /** stroke opacity (default 1) */
  opacity?: number;
  /** draw the points as dots, without a line (e.g. sampled occupations) */
  dots?: boolean;
}

/** A shaded band between two curves (e.g. the 10–90 % quantiles over many pure states). */
export interface Band {
  label: string;
  x: ArrayLike<number>;
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
  color: string;
}

/** A horizontal reference line across the whole plot (e.g. β*_ref), drawn dashed. */
export interface RefLine {
  label: string;
  y: number;
  color: string;
  /** stroke-dasharray, default "6 4" */
  dash?: string;
}

/** What to draw: axes (log or linear), curves, reference lines, a legend and a title. */
export interface ChartSpec {
  /** plain text (no scripts: it may hold a file name) */
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: Series[];
  /** drawn under the series; a series or band with an empty label has no legend entry */
  bands?: Band[];
  refLines?: RefLine[];
  /** draw a dot at every point (sparse data such as a sweep) */
  markers?: boolean;
  /** on a log y axis, show at most this many decades below the largest value (default 14) */
  maxDecades?: number;
  /**
   * A series whose every finite |y| is at most this is drawn as nothing and named "= 0 to rounding"
   * (entropies of an uncoupled bath, Γ = 0: 1e-15 noise is not data)
   */
  roundoff?: number;
  /** dotted vertical lines, each with the label of the region to its right (regimes II, III) */
  boundaries?: ReadonlyArray<{ x: number; label: string }>;
  /** label of the region left of the first boundary (regime I) */
  firstRegion?: string;
  /** lines of small text under the legend (e.g. the regime rule) */
  notes?: readonly string[];
}

const WIDTH = 780;
const HEIGHT = 440;
const M = { top: 44, right: 210, bottom: 56, left: 80 };
const IW = WIDTH - M.left - M.right;
const IH = HEIGHT - M.top - M.bottom;
const FS = 12;

/** Gap between the plot frame and the first/last point of a chart with markers [px]. */
export const MARKER_INSET = 10;

/** Fixed palette (Tableau 10) so that files are identical run to run. */
export const PALETTE = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7"];
/** Colour of reference lines and bounds. */
export const GREY = "#7f7f7f";

const n2 = (v: number): string => String(+v.toFixed(2));

function valid(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

/** Whether a series is zero to rounding: it has finite values, and every one is at most `roundoff` in size. */
export function zeroToRounding(y: ArrayLike<number>, roundoff: number | undefined): boolean {
  if (roundoff === undefined) return false;
  let finite = false;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) continue;
    if (Math.abs(y[i]) > roundoff) return false;
    finite = true;
  }
  return finite;
}

/** What an empty plot says: every series zero to rounding, or simply nothing finite. */
export function emptyNote(zero: readonly boolean[]): string {
  return zero.length > 0 && zero.every(Boolean) ? "every curve is zero to rounding" : "no finite data";
}

/** The plottable points of a series, in the given order. */
export function points(s: Series, xLog: boolean, yLog: boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) if (valid(s.x[i], xLog) && valid(s.y[i], yLog)) out.push([s.x[i], s.y[i]]);
  return out;
}

/** The plottable points of a band: x with both edges valid. */
function bandPoints(b: Band, xLog: boolean, yLog: boolean): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  const n = Math.min(b.x.length, b.lo.length, b.hi.length);
  for (let i = 0; i < n; i++) if (valid(b.x[i], xLog) && valid(b.lo[i], yLog) && valid(b.hi[i], yLog)) out.push([b.x[i], b.lo[i], b.hi[i]]);
  return out;
}

/** [min, max] of the values, widened when empty or degenerate; on log axes clipped to `maxDecades`. */
export function extent(values: number[], log: boolean, maxDecades: number): [number, number] {
  if (values.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (log) lo = Math.max(lo, hi / 10 ** maxDecades);
  // a range below rounding (a flat β* with 1e-15 wiggles) is a single value: no 16-digit tick labels
  if (hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) return log ? [lo / 10, hi * 10] : lo === 0 ? [-1, 1] : [lo - Math.abs(lo) / 2, hi + Math.abs(hi) / 2];
  return [lo, hi];
}

/** A nice linear or log scale over `domain` (also used by the demo page's interactive charts). */
export function makeScale(domain: [number, number], range: [number, number], log: boolean): ScaleContinuousNumeric<number, number> {
  const s = log ? scaleLog() : scaleLinear();
  return s.domain(domain).range(range).nice();
}

/** One tick of an axis: its value, its position along the axis and its label ("" for a minor tick). */
export interface Tick {
  value: number;
  pos: number;
  label: string;
}

/** Rough width of a tick label in px at 12 px Helvetica (scripts count once). */
const labelWidth = (label: string) => label.replace(/[\^_{}]/g, "").length * 7 + 6;

/**
 * The ticks of an axis, with labels only where they fit: on an x axis a label must clear its
 * neighbours by half their widths, on a y axis by 14 px. Powers of ten are placed first, so a
 * crowded log axis keeps its decades (a short log range once printed "200" over "100").
 */
export function axisTicks(scale: ScaleContinuousNumeric<number, number>, log: boolean, dir: "x" | "y"): Tick[] {
  const count = log ? 10 : 6;
  const values = scale.ticks(count);
  // a linear axis of tiny or huge numbers in exponent form ("5e-15", not a clipped "0.000000000000005")
  const [a, b] = scale.domain().map(Math.abs);
  const extreme = !log && Math.max(a, b) > 0 && (Math.max(a, b) < 1e-3 || Math.max(a, b) >= 1e6);
  const fmt = log ? scale.tickFormat(count, "~g") : scale.tickFormat(count, extreme ? "~e" : undefined);
  const formatted = values.map((t) => fmt(t));
  // 10^k labels only when every label is a power of ten; otherwise plain numbers (0.02, 0.1, 3, …)
  const powers = log && values.every((t, i) => formatted[i] === "" || isPowerOfTen(t));
  const ticks = values.map((t, i) => ({ value: t, pos: scale(t), label: tickLabel(t, formatted[i], powers) }));
  const room = (a: Tick, b: Tick) => (dir === "y" ? 14 : (labelWidth(a.label) + labelWidth(b.label)) / 2);
  const kept: Tick[] = [];
  for (const first of [true, false]) {
    for (const t of ticks) {
      if (t.label === "" || isPowerOfTen(t.value) !== first) continue;
      if (kept.every((k) => Math.abs(k.pos - t.pos) >= room(k, t))) kept.push(t);
    }
  }
  for (const t of ticks) if (!kept.includes(t)) t.label = "";
  return ticks;
}

/** Tick marks, labels and grid lines of one axis. */
function axis(scale: ScaleContinuousNumeric<number, number>, log: boolean, dir: "x" | "y"): string {
  const out: string[] = [];
  for (const { pos, label } of axisTicks(scale, log, dir)) {
    const p = n2(pos);
    const major = label !== "";
    const len = major ? 6 : 3;
    if (dir === "x") {
      if (major) out.push(`<line x1="${p}" y1="0" x2="${p}" y2="${IH}" stroke="#e6e6e6"/>`);
      out.push(`<line x1="${p}" y1="${IH}" x2="${p}" y2="${IH + len}" stroke="#000"/>`);
      if (major) out.push(`<text x="${p}" y="${IH + 20}" text-anchor="middle">${richText(label, FS)}</text>`);
    } else {
      if (major) out.push(`<line x1="0" y1="${p}" x2="${IW}" y2="${p}" stroke="#e6e6e6"/>`);
      out.push(`<line x1="${-len}" y1="${p}" x2="0" y2="${p}" stroke="#000"/>`);
      if (major) out.push(`<text x="-9" y="${p}" dy="0.32em" text-anchor="end">${richText(label, FS)}</text>`);
    }
  }
  return out.join("\n");
}

function legend(entries: Array<{ label: string; color: string; dashed: boolean; dash?: string; band?: boolean }>, notes: readonly string[]): string {
  const x0 = M.left + IW + 18;
  const lines = entries.map((e, i) => {
    const y = M.top + 10 + i * 20;
    const text = `<text x="${x0 + 32}" y="${y}" dy="0.32em">${richText(e.label, FS)}</text>`;
    if (e.band) return `<rect x="${x0}" y="${y - 6}" width="26" height="12" fill="${e.color}" fill-opacity="0.25"/>` + text;
    const dash = e.dashed ? ` stroke-dasharray="${e.dash ?? "6 4"}"` : "";
    return `<line x1="${x0}" y1="${y}" x2="${x0 + 26}" y2="${y}" stroke="${e.color}" stroke-width="2"${dash}/>` + text;
  });
  const top = M.top + 10 + entries.length * 20 + 6;
  notes.forEach((n, i) => lines.push(`<text x="${x0}" y="${top + i * 13}" dy="0.32em" font-size="10" fill="#555">${richText(n, 10)}</text>`));
  return lines.join("\n");
}

/** Dotted vertical boundaries with region labels along the top of the plot area. */
function regions(spec: ChartSpec, x: ScaleContinuousNumeric<number, number>, xLog: boolean): string[] {
  const bounds = (spec.boundaries ?? []).filter((b) => valid(b.x, xLog));
  const out: string[] = [];
  bounds.forEach((b, i) => {
    const px = x(b.x);
    const next = i + 1 < bounds.length ? x(bounds[i + 1].x) : IW;
    out.push(`<line x1="${n2(px)}" y1="0" x2="${n2(px)}" y2="${IH}" stroke="#555" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${n2((px + next) / 2)}" y="14" text-anchor="middle" fill="#555">${escapeXml(b.label)}</text>`);
  });
  if (bounds.length && spec.firstRegion) out.push(`<text x="${n2(x(bounds[0].x) / 2)}" y="14" text-anchor="middle" fill="#555">${escapeXml(spec.firstRegion)}</text>`);
  return out;
}

/** A deterministic id for the plot-area clip path, unique per title. */
function clipId(title: string): string {
  let h = 0;
  for (let i = 0; i < title.length; i++) h = (Math.imul(h, 31) + title.charCodeAt(i)) >>> 0;
  return `clip-${h.toString(36)}`;
}

/**
 * Renders one chart as a standalone SVG document (780×440). Never throws on empty or all-NaN data:
 * it then draws empty axes with a "no finite data" note.
 *
 * @example
 * renderChart({ title: "β*", xLabel: "t", yLabel: "β*", xLog: true,
 *   series: [{ label: "β*_L", x: ts, y: betas, color: PALETTE[0] }] });
 */
export function renderChart(spec: ChartSpec): string {
  const xLog = spec.xLog ?? false;
  const yLog = spec.yLog ?? false;
  const zero = spec.series.map((s) => zeroToRounding(s.y, spec.roundoff));
  const pts = spec.series.map((s, i) => (zero[i] ? [] : points(s, xLog, yLog)));
  const refs = (spec.refLines ?? []).filter((r) => valid(r.y, yLog));
  const bands = (spec.bands ?? []).map((b) => bandPoints(b, xLog, yLog));
  // the x axis spans every series, drawn or not (a trace that is all rounding keeps its time axis)
  const xs = [...spec.series.flatMap((s) => Array.from(s.x).filter((v) => valid(v, xLog))), ...bands.flatMap((b) => b.map((q) => q[0]))];
  const ys = [...pts.flatMap((p) => p.map((q) => q[1])), ...bands.flatMap((b) => b.flatMap((q) => [q[1], q[2]])), ...refs.map((r) => r.y)];
  // markers keep their radius and a little more clear of the frame (the last swept value was cut in half)
  const inset = spec.markers ? MARKER_INSET : 0;
  const x = makeScale(extent(xs, xLog, Infinity), [inset, IW - inset], xLog);
  const y = makeScale(extent(ys, yLog, spec.maxDecades ?? 14), [IH, 0], yLog);
  const path = line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1])).digits(2);
  const clip = clipId(spec.title);

  const body: string[] = regions(spec, x, xLog);
  const shade = area<[number, number, number]>().x((d) => x(d[0])).y0((d) => y(d[1])).y1((d) => y(d[2])).digits(2);
  (spec.bands ?? []).forEach((b, i) => {
    if (bands[i].length > 1) body.push(`<path d="${shade(bands[i]) ?? ""}" fill="${b.color}" fill-opacity="0.25" stroke="none"/>`);
  });
  for (const r of refs) {
    body.push(`<line x1="0" y1="${n2(y(r.y))}" x2="${IW}" y2="${n2(y(r.y))}" stroke="${r.color}" stroke-width="1.5" stroke-dasharray="${r.dash ?? "6 4"}"/>`);
  }
  spec.series.forEach((s, i) => {
    const p = pts[i];
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    const look = `stroke-width="${s.width ?? 1.8}"${s.opacity === undefined ? "" : ` stroke-opacity="${s.opacity}"`}${dash}`;
    if (p.length > 1 && !s.dots) body.push(`<path d="${path(p) ?? ""}" fill="none" stroke="${s.color}" ${look}/>`);
    if (spec.markers || s.dots || p.length === 1) {
      for (const q of p) body.push(`<circle cx="${n2(x(q[0]))}" cy="${n2(y(q[1]))}" r="3" fill="${s.color}"/>`);
    }
  });
  if (pts.every((p) => p.length === 0) && bands.every((b) => b.length === 0)) body.push(`<text x="${IW / 2}" y="${IH / 2}" text-anchor="middle" fill="${GREY}">${emptyNote(zero)}</text>`);

  const entries = [
    ...spec.series.map((s, i) => ({ label: zero[i] ? `${s.label} = 0 to rounding` : s.label, color: s.color, dashed: s.dashed ?? false })),
    ...(spec.bands ?? []).map((b) => ({ label: b.label, color: b.color, dashed: false, band: true })),
    ...refs.map((r) => ({ label: r.label, color: r.color, dashed: true, dash: r.dash })),
  ].filter((e) => e.label !== "");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="${FS}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<defs><clipPath id="${clip}"><rect width="${IW}" height="${IH}"/></clipPath></defs>`,
    `<text x="${M.left + IW / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(spec.title)}</text>`,
    `<g transform="translate(${M.left},${M.top})">`,
    axis(x, xLog, "x"),
    axis(y, yLog, "y"),
    `<g clip-path="url(#${clip})">`,
    ...body,
    `</g>`,
    `<rect width="${IW}" height="${IH}" fill="none" stroke="#000"/>`,
    `<text x="${IW / 2}" y="${IH + 44}" text-anchor="middle">${richText(spec.xLabel, FS)}</text>`,
    `<text transform="translate(${-M.left + 18},${IH / 2}) rotate(-90)" text-anchor="middle">${richText(spec.yLabel, FS)}</text>`,
    `</g>`,
    legend(entries, spec.notes ?? []),
    `</svg>`,
    "",
  ].join("\n");
}
