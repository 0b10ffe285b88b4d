/**
 * One swept value (or a single run) through an engine: its trace and, if asked for, its regime-III
 * average. No file system: the CLI's sweep writer and the demo page's worker both build on it.
 */
import type { Engine } from "../engine/engine.ts";
import { type ParsedConfig, problemFor } from "../config/schema.ts";
import type { RunResult } from "../observables/columns.ts";
import { meanRow } from "./average.ts";

/** The config of one swept value as written into its result: the raw input with the value substituted. */
export function valueConfig(parsed: ParsedConfig, value: number | undefined): Record<string, unknown> {
  const raw = { ...parsed.raw };
  if (parsed.sweep && value !== undefined) raw[parsed.sweep.field] = value;
  return raw;
}

/** Time points one value costs: the trace plus the averaging times. */
export function pointsPerValue(parsed: ParsedConfig): number {
  return parsed.times.length + (parsed.average?.times.length ?? 0);
}

export async function runValue(engine: Engine, parsed: ParsedConfig, value: number | undefined, onPoint?: () => void): Promise<RunResult> {
  const avgTimes = parsed.average?.times ?? [];
  const { meta, rows } = await engine.run(problemFor(parsed, value), [...parsed.times, ...avgTimes], () => onPoint?.());
  const result: RunResult = { config: valueConfig(parsed, value), meta, rows: rows.slice(0, parsed.times.length) };
  if (avgTimes.length > 0) result.average = meanRow(rows.slice(parsed.times.length));
  return result;
}
