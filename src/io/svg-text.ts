/** SVG text without a DOM: XML escaping and labels with `_sub` / `^sup` written as positioned tspans. */

/** Escapes the five XML special characters. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

type Shift = "normal" | "sub" | "sup";

/** Splits `I_{S−B}/ln 2` into runs: ["I", normal], ["S−B", sub], ["/ln 2", normal]. */
function runs(label: string): Array<[string, Shift]> {
  const out: Array<[string, Shift]> = [];
  let text = "";
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    if ((c === "_" || c === "^") && i + 1 < label.length) {
      if (text) out.push([text, "normal"]);
      text = "";
      let script: string;
      if (label[i + 1] === "{") {
        const end = label.indexOf("}", i + 2);
        const stop = end < 0 ? label.length : end;
        script = label.slice(i + 2, stop);
        i = stop;
      } else {
        const cp = String.fromCodePoint(label.codePointAt(i + 1)!);
        script = cp;
        i += cp.length;
      }
      out.push([script, c === "_" ? "sub" : "sup"]);
    } else {
      text += c;
    }
  }
  if (text) out.push([text, "normal"]);
  return out;
}

/**
 * The inner markup of an SVG `<text>` for a label with TeX-like scripts: `_x` or `_{xy}` is a
 * subscript, `^x` or `^{xy}` a superscript (e.g. `"D^{eq}_{env}"`, `"β*_L"`). Uses `dy` shifts
 * (not `baseline-shift`) so every SVG renderer draws it.
 *
 * @example
 * `<text x="10" y="20">${richText("I_{S−B}", 12)}</text>`
 */
export function richText(label: string, fontSize: number): string {
  const offsets: Record<Shift, number> = { normal: 0, sub: 0.3 * fontSize, sup: -0.4 * fontSize };
  let offset = 0;
  let out = "";
  for (const [text, shift] of runs(label)) {
    const dy = offsets[shift] - offset;
    offset = offsets[shift];
    const attrs = (dy !== 0 ? ` dy="${+dy.toFixed(2)}"` : "") + (shift !== "normal" ? ` font-size="${+(0.75 * fontSize).toFixed(2)}"` : "");
    out += attrs ? `<tspan${attrs}>${escapeXml(text)}</tspan>` : escapeXml(text);
  }
  return out;
}

/** Whether `value` is 10^k for an integer k (to 1e-9 relative). */
export function isPowerOfTen(value: number): boolean {
  if (!(value > 0) || !Number.isFinite(value)) return false;
  const e = Math.round(Math.log10(value));
  return Math.abs(value / 10 ** e - 1) < 1e-9;
}

/** A tick label: with `powers`, a labelled power of ten as 10^k (real minus sign; 1 and 10 plain), else as given. */
export function tickLabel(value: number, formatted: string, powers: boolean): string {
  if (!powers || formatted === "" || !isPowerOfTen(value)) return formatted;
  const e = Math.round(Math.log10(value));
  return e === 0 ? "1" : e === 1 ? "10" : `10^{${String(e).replace("-", "−")}}`;
}
