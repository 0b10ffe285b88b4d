/**
 * The reproduction report as one self-contained HTML page: what was run, the table of the paper's
 * seven conclusions with their checks (measured numbers, limits, pass/fail), and Figs. 3–9, each
 * chart inline beside the caption and the claim the paper makes of it.
 */
import { escapeXml } from "../io/svg-text.ts";
import type { CheckResult } from "./checks/index.ts";
import type { Figure } from "./figures.ts";
import type { Scale } from "./scale.ts";

/** What the page says about the run as a whole. */
export interface ReportContext {
  scale: Scale;
  engine: string;
  /** total seconds of computation */
  seconds: number;
  /** (value, t) points computed */
  points: number;
  /** the data files, relative to the report, by run */
  data: Array<{ name: string; files: string[] }>;
  /** whether figures/*.png were rendered beside the SVGs (and why not) */
  png: string;
}

const e = escapeXml;

function number(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(+x.toPrecision(4)) : x.toExponential(3);
}

function checkRow(c: CheckResult): string {
  const rows = c.numbers.map((n) => {
    const mark = n.pass === undefined ? "" : n.pass ? `<span class="ok">✓</span>` : `<span class="bad">✗</span>`;
    return `<tr><td>${e(n.label)}</td><td class="num">${number(n.value)}</td><td class="num">${e(n.limit ?? "shown")}</td><td>${mark}</td></tr>`;
  }).join("");
  const status = c.pass ? `<span class="badge pass">pass</span>` : `<span class="badge fail">FAIL</span>`;
  return `<tr id="check-${e(c.id)}"><td class="num">(${c.conclusion})</td>` +
    `<td><blockquote>${e(c.claim)}</blockquote><p><b>Check <code>${e(c.id)}</code>.</b> ${e(c.method)}</p>` +
    `<table class="numbers"><tr><th>measured</th><th>value</th><th>limit</th><th></th></tr>${rows}</table></td><td>${status}</td></tr>`;
}

function figureSection(f: Figure): string {
  const checks = f.checks.map((id) => `<a href="#check-${e(id)}"><code>${e(id)}</code></a>`).join(", ");
  const notes = f.notes.map((n) => `<li>${e(n)}</li>`).join("");
  const plots = f.plots.map((p) => `<figure class="plot"><a href="figures/${e(p.name)}.svg">${p.svg}</a><figcaption>${e(p.name)}</figcaption></figure>`).join("");
  return `<section class="figure" id="${e(f.id)}"><h2>${e(f.title)}</h2><div class="text">` +
    `<p><b>Caption.</b> ${e(f.caption)}</p><p><b>Claim.</b> ${e(f.claim)}</p>` +
    (checks ? `<p><b>Tested by</b> ${checks}.</p>` : "") + (notes ? `<p><b>Measured.</b></p><ul>${notes}</ul>` : "") +
    `</div><div class="plots">${plots}</div></section>`;
}

const STYLE = `body{font:15px/1.45 Helvetica,Arial,sans-serif;margin:2em auto;max-width:1500px;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table.checks{border-collapse:collapse;width:100%}table.checks>tbody>tr>td{border-top:1px solid #ccc;padding:.6em;vertical-align:top}
table.numbers{border-collapse:collapse;font-size:13px;margin:.4em 0}table.numbers td,table.numbers th{padding:.15em .6em;border-bottom:1px solid #eee;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
blockquote{margin:0 0 .5em;font-style:italic;color:#444}
.badge{font-weight:bold;padding:.2em .6em;border-radius:4px;color:#fff}.pass{background:#3a7d44}.fail{background:#b3261e}
.ok{color:#3a7d44;font-weight:bold}.bad{color:#b3261e;font-weight:bold}
.summary{font-size:1.1em;padding:.8em;border-radius:6px;background:#f3f3f3}
.plots{display:flex;flex-wrap:wrap;gap:8px}figure.plot{margin:0;width:560px}figure.plot svg{width:100%;height:auto}
figcaption{font-size:12px;color:#777}code{background:#f3f3f3;padding:0 .2em}`;

/**
 * The report page: a summary, the checks table in the order of the conclusions, then every figure.
 *
 * @example
 * writeFileSync("paper/index.html", reportHtml(figures, evaluateChecks(rep), context));
 */
export function reportHtml(figures: readonly Figure[], checks: readonly CheckResult[], ctx: ReportContext): string {
  const passed = checks.filter((c) => c.pass).length;
  const s = ctx.scale;
  const data = ctx.data.map((d) => `<li><code>${e(d.name)}</code>: ${d.files.map((f) => `<a href="${e(f)}">${e(f.split("/").pop()!)}</a>`).join(", ")}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>setsim reproduce: entropy production at all times (${e(s.name)} scale)</title><style>${STYLE}</style></head>
<body>
<h1>Reproduction of “Microscopic contributions to the entropy production at all times: from nonequilibrium steady states to global thermalization”</h1>
<p>Usui, Ptaszyński, Esposito &amp; Strasberg. Figures 3–9 and the seven conclusions of Sec. V, recomputed by <code>setsim reproduce --scale ${e(s.name)}</code>:
K = ${s.K} levels per bath (the paper: 1000), W = 10, β = (10, 2), ε_d = 0, n_d = 0; case (a) μ = (1, −1) and case (b) μ = (0.5, 0.5);
traces at ${s.perDecade} times per decade from 1e-4 to 1e8 (pure states and asymmetric baths: ${s.perDecadeSparse}); Fig. 6 over ${s.gammaPoints} values of Γ from 10^0.5 to 10^3 with regime-III averages over ${s.averagePoints} times in [1e5, 1e8];
${s.seeds} pure states per case; asymmetric baths ${s.asymmetric.map(([a, b]) => `K_L = ${a}, K_R = ${b}`).join(" and ")}.
Engine <code>${e(ctx.engine)}</code>, ${ctx.points} (Γ, t) points${Number.isFinite(ctx.seconds) ? ` in ${ctx.seconds.toFixed(1)} s` : ""}. Units: energies in the unit of W, ħ = k_B = 1, entropies in nats.</p>
<p class="summary">${passed} of ${checks.length} checks pass${passed === checks.length ? "" : ` — <b>${checks.length - passed} fail</b>: see the table`}. The command exits with status 0 only when all pass.</p>
<h2>The seven conclusions (Sec. V)</h2>
<p>Each conclusion is tested by a named check (src/reproduce/checks/). Tolerances come from the finite size of the baths and are stated with each check; numbers marked “shown” are context, not held.</p>
<table class="checks"><tbody>${checks.map(checkRow).join("\n")}</tbody></table>
${figures.map(figureSection).join("\n")}
<h2>Data</h2>
<p>Every run as <code>setsim run</code> writes it (JSON with units, CSV), with the config that reproduces it (<code>setsim run config.json --out …</code>); <code>checks.json</code> holds the table above. Figures: <code>figures/*.svg</code>${e(ctx.png)}.</p>
<ul>${data}</ul>
</body></html>
`;
}
