/**
 * One swept value (or a single run) through an engine: its trace and, if asked for, its regime-III
 * average. No file system: the CLI's sweep writer and the demo page's worker both build on it.
 */
import type { Engine, EngineJob, EngineRun, RowListener } from "../engine/engine.ts";
import { type ParsedConfig, problemFor } from "../config/schema.ts";
import type { RunResult } from "../observables/columns.ts";
import { meanRow } from "./average.ts";

/** The config of one swept value as written into its result: the raw input with the value substituted. */
export function valueConfig(parsed: ParsedConfig, value: number | undefined): Record<string, unknown> {
  const raw = { ...parsed.raw };
  if (!parsed.sweep || value === undefined) return raw;
  // one of many pure states is written as the single-seed config that reproduces it
  if (parsed.sweep.field === "seed") raw.initial = { kind: "pure", seed: value };
  else raw[parsed.sweep.field] = value;
  return raw;
}

/** (value, t) points per engine call when the engine packs several values into one (`runMany`). */
export const GROUP_POINTS = 1024;

/** Values per engine call: as many as fill GROUP_POINTS where the engine has `runMany`, else one. */
export function valuesPerCall(engine: Engine, parsed: ParsedConfig): number {
  return engine.runMany ? Math.max(1, Math.floor(GROUP_POINTS / pointsPerValue(parsed))) : 1;
}

/** Time points one value costs: the trace plus the averaging times. */
export function pointsPerValue(parsed: ParsedConfig): number {
  return parsed.times.length + (parsed.average?.times.length ?? 0);
}

/** The result of one value from its engine run: the trace, and the regime-III average if asked for. */
function resultOf(parsed: ParsedConfig, value: number | undefined, run: EngineRun): RunResult {
  const n = parsed.times.length;
  const result: RunResult = { config: valueConfig(parsed, value), meta: run.meta, rows: run.rows.slice(0, n) };
  if (parsed.average) result.average = meanRow(run.rows.slice(n));
  return result;
}

const jobFor = (parsed: ParsedConfig, value: number | undefined): EngineJob =>
  ({ problem: problemFor(parsed, value), times: [...parsed.times, ...(parsed.average?.times ?? [])] });

/** @param onRow each finished row of the trace (not of the averaging times) as soon as it exists */
export async function runValue(
  engine: Engine, parsed: ParsedConfig, value: number | undefined, onPoint?: () => void, onRow?: RowListener,
): Promise<RunResult> {
  const job = jobFor(parsed, value);
  const n = parsed.times.length;
  const trace: RowListener | undefined = onRow && ((i, row, meta) => {
    if (i < n) onRow(i, row, meta);
  });
  return resultOf(parsed, value, await engine.run(job.problem, job.times, () => onPoint?.(), trace));
}

/**
 * Several swept values at once: one `runMany` call where the engine has it (the GPU packs their
 * points into shared submissions), else one value after another. The same results as `runValue`.
 */
export async function runValues(engine: Engine, parsed: ParsedConfig, values: readonly number[], onPoint?: () => void): Promise<RunResult[]> {
  if (!engine.runMany || values.length < 2) {
    const out: RunResult[] = [];
    for (const v of values) out.push(await runValue(engine, parsed, v, onPoint));
    return out;
  }
  const runs = await engine.runMany(values.map((v) => jobFor(parsed, v)), () => onPoint?.());
  return runs.map((r, i) => resultOf(parsed, values[i], r));
}
