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

/** "… as SVG" and "… as PNG" buttons under a chart, saying which figure they export. */
export function exportButtons(container: HTMLElement, svg: SVGSVGElement, name: string, figure: string): void {
  const bar = document.createElement("div");
  bar.className = "chart-export";
  const button = (format: "svg" | "png", save: () => void) => {
    const b = Object.assign(document.createElement("button"), { type: "button", textContent: `${figure} as ${format.toUpperCase()}` });
    b.dataset.export = format;
    b.title = `download ${name}.${format}`;
    b.onclick = save;
    return b;
  };
  bar.append(
    button("svg", () => download(`${name}.svg`, svgText(svg), "image/svg+xml")),
    button("png", () => void pngBlob(svg).then((b) => download(`${name}.png`, b))),
  );
  container.append(bar);
}
