/** The run's parameters in the URL (`?config=<JSON>&engine=…&precision=…&ensemble=1`), so a view can be shared. */
import type { RunRequest } from "./form/form-config.ts";

export function writeUrl(req: RunRequest): void {
  const q = new URLSearchParams({ config: JSON.stringify(req.config), engine: req.engine, precision: req.precision });
  if (req.ensemble) q.set("ensemble", "1");
  history.replaceState(null, "", `${location.pathname}?${q}${location.hash}`);
}

/** The request in the URL, or null when there is none (or it is not JSON: then the preset stays). */
export function readUrl(): (Partial<RunRequest> & { config: Record<string, unknown> }) | null {
  const q = new URLSearchParams(location.search);
  const raw = q.get("config");
  if (!raw) return null;
  try {
    const config = JSON.parse(raw);
    if (typeof config !== "object" || config === null || Array.isArray(config)) return null;
    const out: Partial<RunRequest> & { config: Record<string, unknown> } = { config, ensemble: q.get("ensemble") === "1" };
    const engine = q.get("engine");
    if (engine === "auto" || engine === "cpu" || engine === "webgpu") out.engine = engine;
    const precision = q.get("precision");
    if (precision === "fast" || precision === "accurate") out.precision = precision;
    return out;
  } catch {
    return null;
  }
}
