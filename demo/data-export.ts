/**
 * The data as files in the CLI's formats (src/io/format.ts): the shown run as `setsim run` writes it
 * (JSON or CSV), and a sweep's table of averages (`averages.json`, `averages.csv`).
 */
import { formatAveragesCsv, formatAveragesJson, formatCsv, formatJson, parseResultJson, type AverageEntry } from "../src/io/format.ts";
import { download } from "./plot/export.ts";
import type { ViewState } from "./views/view-state.ts";

export type DataFormat = "json" | "csv" | "averages-json" | "averages-csv";

/**
 * The table as `setsim run` builds it: from each value's JSON text, where a non-finite number is
 * null and reads back as NaN (so a ±∞ average, e.g. σ with β*(0) = ∞, becomes `nan` as in the CLI).
 */
function averages(s: ViewState): AverageEntry[] {
  return s.values.flatMap((v, i) => {
    const r = s.results[i];
    if (v === undefined || !r?.average) return [];
    return [{ value: v, average: parseResultJson(formatJson(r)).average! }];
  });
}

/** The text of one export, or null when there is nothing of that kind yet. */
export function exportText(s: ViewState, format: DataFormat): { name: string; text: string } | null {
  const r = s.results[s.selected];
  const v = s.values[s.selected];
  // the names `setsim run` gives a sweep's files
  const stem = v === undefined || !s.parsed.sweep ? "setsim-run" : `${String(s.selected).padStart(3, "0")}_${s.parsed.sweep.field}=${v}`;
  if (format === "json") return r ? { name: `${stem}.json`, text: formatJson(r) } : null;
  if (format === "csv") return r ? { name: `${stem}.csv`, text: formatCsv(r.rows) } : null;
  const table = averages(s);
  if (!s.parsed.sweep || table.length === 0) return null;
  return format === "averages-json"
    ? { name: "averages.json", text: formatAveragesJson(s.parsed.sweep.field, table) }
    : { name: "averages.csv", text: formatAveragesCsv(s.parsed.sweep.field, table) };
}

export function exportData(s: ViewState, format: DataFormat): void {
  const out = exportText(s, format);
  if (out) download(out.name, out.text, format.endsWith("json") ? "application/json" : "text/csv");
}
