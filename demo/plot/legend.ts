/** A chart's legend: one line sample (or dot) and label per entry, then lines of small notes (e.g. the regime rule). */
import type { Selection } from "d3";
import { richText } from "../../src/io/svg-text.ts";

export interface LegendEntry {
  label: string;
  color: string;
  /** stroke-dasharray of the sample line, if any */
  dash?: string | null;
  /** stroke width of the sample (the curve's own, so thick and thin curves stay apart) */
  width: number;
  /** a dot instead of a line (a series drawn as points) */
  dot?: boolean;
  /** a filled swatch instead of a line (a band) */
  band?: boolean;
}

export const ENTRY_HEIGHT = 19;
export const NOTE_HEIGHT = 13;
const FS = 12;

/** Height the legend takes [px]. */
export function legendHeight(entries: readonly LegendEntry[], notes: readonly string[]): number {
  return entries.length * ENTRY_HEIGHT + (notes.length ? 6 + notes.length * NOTE_HEIGHT : 0);
}

/** Draws the legend with its first entry centred at (x, y). */
export function drawLegend(svg: Selection<SVGSVGElement, unknown, null, undefined>, entries: readonly LegendEntry[], notes: readonly string[], x: number, y: number): void {
  entries.forEach((e, i) => {
    const ly = y + i * ENTRY_HEIGHT;
    if (e.band) svg.append("rect").attr("x", x).attr("y", ly - 5).attr("width", 24).attr("height", 10).attr("fill", e.color).attr("fill-opacity", 0.25);
    else if (e.dot) svg.append("circle").attr("cx", x + 12).attr("cy", ly).attr("r", 3).attr("fill", e.color);
    else {
      svg.append("line").attr("x1", x).attr("x2", x + 24).attr("y1", ly).attr("y2", ly).attr("stroke", e.color)
        .attr("stroke-width", Math.min(Math.max(e.width, 1.5), 5)).attr("stroke-dasharray", e.dash ?? null);
    }
    svg.append("text").attr("x", x + 30).attr("y", ly).attr("dy", "0.32em").html(richText(e.label, FS));
  });
  const top = y + entries.length * ENTRY_HEIGHT + 2;
  notes.forEach((n, i) => {
    svg.append("text").attr("x", x).attr("y", top + i * NOTE_HEIGHT).attr("dy", "0.32em").attr("font-size", 10).attr("fill", "#555").html(richText(n, 10));
  });
}
