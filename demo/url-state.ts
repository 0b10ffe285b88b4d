/**
 * The run's parameters in the URL (`?config=<JSON>&engine=…&precision=…&ensemble=1&shown=2`), so a view
 * can be shared: the config, the engine options, and which swept value's trace is shown.
 */
import type { RunRequest } from "./form/form-config.ts";

/** What a link holds: a run request and, optionally, the index of the shown value. */
export type SharedRun = Partial<RunRequest> & { config: Record<string, unknown>; shown?: number };

export function writeUrl(req: RunRequest, shown?: number): void {
  const q = new URLSearchParams({ config: JSON.stringify(req.config), engine: req.engine, precision: req.precision });
  if (req.ensemble) q.set("ensemble", "1");
  if (shown !== undefined && shown > 0) q.set("shown", String(shown));
  history.replaceState(null, "", `${location.pathname}?${q}${location.hash}`);
}

/** Only the shown value changes: the rest of the link stays as it is. */
export function writeShown(shown: number): void {
  const q = new URLSearchParams(location.search);
  if (!q.has("config")) return;
  if (shown > 0) q.set("shown", String(shown));
  else q.delete("shown");
  history.replaceState(null, "", `${location.pathname}?${q}${location.hash}`);
}

/** The request in the URL, or null when there is none (or it is not JSON: then the preset stays). */
export function readUrl(): SharedRun | null {
  const q = new URLSearchParams(location.search);
  const raw = q.get("config");
  if (!raw) return null;
  try {
    const config = JSON.parse(raw);
    if (typeof config !== "object" || config === null || Array.isArray(config)) return null;
    const out: SharedRun = { config, ensemble: q.get("ensemble") === "1" };
    const engine = q.get("engine");
    if (engine === "auto" || engine === "cpu" || engine === "webgpu") out.engine = engine;
    const precision = q.get("precision");
    if (precision === "fast" || precision === "accurate") out.precision = precision;
    const shown = Number(q.get("shown"));
    if (Number.isInteger(shown) && shown > 0) out.shown = shown;
    return out;
  } catch {
    return null;
  }
}
