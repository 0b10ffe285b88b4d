/** Export of a chart as SVG or PNG, and of data as files: everything is made in the page (no server). */

export function download(name: string, data: Blob | string, type = "text/plain"): void {
  const blob = typeof data === "string" ? new Blob([data], { type }) : data;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The chart as a standalone SVG document (styles are attributes, so it needs no stylesheet). */
export function svgText(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}

/** The chart rasterized at `scale`× its size, on white. */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = svg.width.baseVal.value * scale;
    canvas.height = svg.height.baseVal.value * scale;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** "SVG" and "PNG" buttons under a chart. */
export function exportButtons(container: HTMLElement, svg: SVGSVGElement, name: string): void {
  const bar = document.createElement("div");
  bar.className = "chart-export";
  const svgButton = Object.assign(document.createElement("button"), { type: "button", textContent: "SVG" });
  svgButton.dataset.export = "svg";
  svgButton.onclick = () => download(`${name}.svg`, svgText(svg), "image/svg+xml");
  const pngButton = Object.assign(document.createElement("button"), { type: "button", textContent: "PNG" });
  pngButton.dataset.export = "png";
  pngButton.onclick = () => void pngBlob(svg).then((b) => download(`${name}.png`, b));
  bar.append(svgButton, pngButton);
  container.append(bar);
}
