/**
 * One swept value (or a single run) through an engine: its trace and, if asked for, its regime-III
 * average. No file system: the CLI's sweep writer and the demo page's worker both build on it.
 */
import type { Engine, EngineJob, EngineRun } from "../engine/engine.ts";
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

/** The result of one value from its engine run: the trace, and the regime-III average if asked for. */
function resultOf(parsed: ParsedConfig, value: number | undefined, run: EngineRun): RunResult {
  const n = parsed.times.length;
  const result: RunResult = { config: valueConfig(parsed, value), meta: run.meta, rows: run.rows.slice(0, n) };
  if (parsed.average) result.average = meanRow(run.rows.slice(n));
  return result;
}

const jobFor = (parsed: ParsedConfig, value: number | undefined): EngineJob =>
  ({ problem: problemFor(parsed, value), times: [...parsed.times, ...(parsed.average?.times ?? [])] });

export async function runValue(engine: Engine, parsed: ParsedConfig, value: number | undefined, onPoint?: () => void): Promise<RunResult> {
  const job = jobFor(parsed, value);
  return resultOf(parsed, value, await engine.run(job.problem, job.times, () => onPoint?.()));
}

/** One run of a group: a parsed config (a sweep's, or its thermal-ensemble twin) and its value. */
export interface ValueRun {
  parsed: ParsedConfig;
  value: number | undefined;
}

/**
 * Several runs at once: one `runMany` call where the engine has it (the GPU packs their points into
 * shared submissions), else one run after another. The same results as `runValue`, in order;
 * `onResult(i, result)` hands over each as soon as it is complete (to draw or write it).
 */
export async function runGroup(
  engine: Engine, runs: readonly ValueRun[], onPoint?: () => void, onResult?: (i: number, result: RunResult) => void,
): Promise<RunResult[]> {
  if (!engine.runMany || runs.length < 2) {
    const out: RunResult[] = [];
    for (const [i, r] of runs.entries()) {
      out.push(await runValue(engine, r.parsed, r.value, onPoint));
      onResult?.(i, out[i]);
    }
    return out;
  }
  const result = (i: number, run: EngineRun) => resultOf(runs[i].parsed, runs[i].value, run);
  const done = await engine.runMany(runs.map((r) => jobFor(r.parsed, r.value)), () => onPoint?.(), onResult && ((i, run) => onResult(i, result(i, run))));
  return done.map((run, i) => result(i, run));
}

/** Several swept values of one config at once (runGroup). */
export function runValues(
  engine: Engine, parsed: ParsedConfig, values: readonly number[], onPoint?: () => void, onResult?: (i: number, result: RunResult) => void,
): Promise<RunResult[]> {
  return runGroup(engine, values.map((value) => ({ parsed, value })), onPoint, onResult);
}

/** (value, t) points per engine call where the engine packs several values into one (runMany). */
export const GROUP_POINTS = 1024;

/**
 * Indices 0…count−1 cut into the groups a sweep hands to the engine at once: as many values as fit
 * GROUP_POINTS points (at least one) where the engine has runMany, else one by one.
 */
export function valueGroups(engine: Pick<Engine, "runMany">, count: number, pointsPerValue: number): number[][] {
  const size = engine.runMany ? Math.max(1, Math.floor(GROUP_POINTS / pointsPerValue)) : 1;
  return Array.from({ length: Math.ceil(count / size) }, (_, g) => Array.from({ length: Math.min(size, count - g * size) }, (_, i) => g * size + i));
}
