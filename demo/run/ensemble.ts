/**
 * The thermal-ensemble twin of a pure-state config (Fig. 8 compares the two): one per swept value,
 * or, for many pure states (`initial.seeds`, a sweep over the seed), one for all of them — the seed
 * changes nothing of the ensemble, so it is run once.
 */
import type { ParsedConfig } from "../../src/config/schema.ts";

/** How often a job runs the ensemble: not at all, once per swept value, or once for every seed. */
export type EnsembleRuns = "none" | "per-value" | "once";

/**
 * @example
 * ensembleRuns(parseConfig({ ...pure, initial: { kind: "pure", seeds: { from: 1, count: 20 } } }), true); // "once"
 * ensembleRuns(parseConfig({ ...pure, Gamma: [3, 30] }), true); // "per-value"
 */
export function ensembleRuns(parsed: ParsedConfig, asked: boolean): EnsembleRuns {
  if (!asked || parsed.base.initial.kind !== "pure") return "none";
  return parsed.sweep?.field === "seed" ? "once" : "per-value";
}

/** The raw config of the ensemble twin: the same parameters from the thermal state. */
export function ensembleConfig(config: Record<string, unknown>): Record<string, unknown> {
  return { ...config, initial: { kind: "thermal" } };
}
