/** Whether two configs ask for the same computation: compared parsed, so key order and shorthands do not matter. */
import type { ParsedConfig } from "../config/schema.ts";

/** JSON with object keys sorted at every depth: one text per value, whatever the insertion order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Same problem, times, averaging times and sweep (`{"Gamma": 3}` equals `{"GammaR": 3, "GammaL": 3}`).
 *
 * @example
 * sameConfig(parseConfig({ ...cfg, W: 10 }), parseConfig({ W: 10, ...cfg })); // true
 */
export function sameConfig(a: ParsedConfig, b: ParsedConfig): boolean {
  const key = (p: ParsedConfig) => canonical({ base: p.base, times: p.times, average: p.average, sweep: p.sweep });
  return key(a) === key(b);
}
