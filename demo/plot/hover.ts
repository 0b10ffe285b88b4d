/** A chart's hover read-out: a vertical rule and, per curve, the value at the point nearest the pointer. */
import { pointer, type ScaleContinuousNumeric, type Selection } from "d3";
import { formatValue, htmlLabel } from "./labels.ts";
import type { ChartSpec, Layout } from "./chart.ts";

type Scale = ScaleContinuousNumeric<number, number>;

export function hover(
  root: Selection<HTMLElement, unknown, null, undefined>, g: Selection<SVGGElement, unknown, null, undefined>,
  spec: ChartSpec, x: Scale, y: Scale, L: Pick<Layout, "IW" | "IH" | "M" | "W">,
): void {
  const tip = root.append("div").attr("class", "tooltip").style("display", "none");
  const rule = g.append("line").attr("y1", 0).attr("y2", L.IH).attr("stroke", "#999").style("display", "none");
  const dots = g.append("g");
  g.append("rect").attr("width", L.IW).attr("height", L.IH).attr("fill", "transparent")
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
        const value = s.band && s.fillTo ? `${formatValue(s.fillTo[best])} … ${formatValue(s.y[best])}` : formatValue(s.y[best]);
        lines.push(`<span style="color:${s.color}">■</span> ${htmlLabel(s.label)} = ${value}`);
      }
      if (xv === undefined) return;
      rule.attr("x1", x(xv)).attr("x2", x(xv)).style("display", null);
      // the tip is placed in CSS px: the SVG may be drawn scaled to its container
      const scale = ((root.node()!.querySelector("svg")?.getBoundingClientRect().width ?? L.W) || L.W) / L.W;
      const left = Math.min((L.M.left + px + 14) * scale, Math.max(root.node()!.clientWidth - 160, 0));
      tip.html(`${htmlLabel(spec.xLabel.split(" [")[0])} = ${formatValue(xv)}<br>${lines.join("<br>")}`)
        .style("display", null).style("left", `${left}px`).style("top", `${(L.M.top + py) * scale}px`);
    });
}
