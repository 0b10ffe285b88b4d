/** Labels with `_sub` / `^sup` (the CLI plots' notation) as HTML, for tooltips. */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** `I_{S−B}` → `I<sub>S−B</sub>`, `D^{eq}_{env}` → `D<sup>eq</sup><sub>env</sub>`. */
export function htmlLabel(label: string): string {
  return escapeHtml(label).replace(/([_^])(\{([^}]*)\}|(.))/gu, (_m, kind: string, _g, braced?: string, single?: string) => {
    const tag = kind === "_" ? "sub" : "sup";
    return `<${tag}>${braced ?? single}</${tag}>`;
  });
}

/** A value for a tooltip: 4 significant digits, or ±∞ / NaN spelled out. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+∞" : "−∞";
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : String(+v.toPrecision(4));
}
