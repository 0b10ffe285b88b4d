/**
 * Writes a reproduction into its directory: index.html (self-contained), figures/*.svg (and .png
 * where Chromium renders them), data/<run>/ as `setsim run` writes each run (JSON, CSV, averages,
 * pure-state statistics, the config), and checks.json.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomicSync } from "../io/atomic-write.ts";
import { formatAveragesCsv, formatAveragesJson, formatCsv, formatJson } from "../io/format.ts";
import { formatAverageStatisticsCsv, formatStatisticsCsv, formatStatisticsJson } from "../io/statistics-format.ts";
import type { CheckResult } from "./checks/index.ts";
import type { Figure } from "./figures.ts";
import { renderPngs } from "./png.ts";
import { reportHtml } from "./report-html.ts";
import type { Reproduction } from "./runs.ts";
import { reproductionPoints } from "./runs.ts";

/** The files of one run under data/<name>/, relative to the report directory. */
function runFiles(name: string, config: Record<string, unknown>, result: Reproduction["runs"][number]["result"]): Array<[string, string]> {
  const dir = `data/${name}`;
  const files: Array<[string, string]> = [[`${dir}/config.json`, JSON.stringify(config, null, 2) + "\n"]];
  result.values.forEach((v, i) => {
    const stem = `${dir}/${String(i).padStart(3, "0")}_${result.field}=${v}`;
    files.push([`${stem}.json`, formatJson(result.results[i])]);
    if (result.results[i].rows.length > 0) files.push([`${stem}.csv`, formatCsv(result.results[i].rows)]);
  });
  if (result.averages) files.push([`${dir}/averages.json`, formatAveragesJson(result.field, result.averages)], [`${dir}/averages.csv`, formatAveragesCsv(result.field, result.averages)]);
  if (result.statistics) {
    files.push([`${dir}/statistics.json`, formatStatisticsJson(result.statistics)], [`${dir}/statistics.csv`, formatStatisticsCsv(result.statistics)]);
    if (result.statistics.average) files.push([`${dir}/average-statistics.csv`, formatAverageStatisticsCsv(result.statistics)]);
  }
  return files;
}

/**
 * Writes everything; `png: false` skips the PNG rendering, `writeData: false` the data/ files (a
 * recheck keeps those it read). Returns the report's path.
 */
export async function writeReport(dir: string, rep: Reproduction, figures: readonly Figure[], checks: readonly CheckResult[], png = true, writeData = true): Promise<string> {
  const data = rep.runs.map((r) => ({ name: r.name, files: runFiles(r.name, r.config, r.result) }));
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileAtomicSync(join(dir, rel), text);
  };
  if (writeData) for (const d of data) for (const [rel, text] of d.files) write(rel, text);
  const plots = figures.flatMap((f) => f.plots);
  for (const p of plots) write(`figures/${p.name}.svg`, p.svg);
  write("checks.json", JSON.stringify({ scale: rep.scale, engine: rep.engine, seconds: rep.seconds, checks }, null, 2) + "\n");
  let pngNote = " (no PNG: --no-png)";
  if (png) {
    const r = await renderPngs(plots.map((p) => ({ svg: p.svg, path: join(dir, "figures", `${p.name}.png`) })));
    pngNote = "rendered" in r ? " and figures/*.png" : ` (no PNG: ${r.reason})`;
  }
  const html = reportHtml(figures, checks, {
    scale: rep.scale, engine: rep.engine, points: reproductionPoints(rep.scale),
    seconds: Object.values(rep.seconds).reduce((a, b) => a + b, 0),
    data: data.map((d) => ({ name: d.name, files: d.files.map(([rel]) => rel) })),
    png: pngNote,
  });
  write("index.html", html);
  return join(dir, "index.html");
}
