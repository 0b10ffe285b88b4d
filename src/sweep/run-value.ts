/**
 * One swept value (or a single run) through an engine: its trace and, if asked for, its regime-III
 * average. No file system: the CLI's sweep writer and the demo page's worker both build on it.
 */
import type { Engine, EngineJob, EngineRun, RowListener } from "../engine/engine.ts";
import { type ParsedConfig, problemFor } from "../config/schema.ts";
import type { Meta, Row, RunResult } from "../observables/columns.ts";
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
export function valuesPerCall(engine: Pick<Engine, "runMany">, parsed: ParsedConfig): number {
  return groupSize(engine, pointsPerValue(parsed));
}

const groupSize = (engine: Pick<Engine, "runMany">, points: number) => (engine.runMany ? Math.max(1, Math.floor(GROUP_POINTS / points)) : 1);

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

/** One run of a group: a parsed config (a sweep's, or its thermal-ensemble twin) and its value. */
export interface ValueRun {
  parsed: ParsedConfig;
  value: number | undefined;
}

/** What runGroup reports while it runs. */
export interface GroupListeners {
  /** after each finished (value, t) point */
  onPoint?: () => void;
  /** each finished trace row of run `i` (not of its averaging times), as soon as it exists */
  onRow?: (i: number, ...row: Parameters<RowListener>) => void;
  /** run `i`'s result as soon as it is complete (to draw or write it), before later runs finish */
  onResult?: (i: number, result: RunResult) => void;
}

/**
 * Several runs at once: one `runMany` call where the engine has it (the GPU packs their points into
 * shared submissions), else one run after another. The same results as `runValue`, in order.
 */
export async function runGroup(engine: Engine, runs: readonly ValueRun[], on: GroupListeners = {}): Promise<RunResult[]> {
  if (!engine.runMany || runs.length < 2) {
    const out: RunResult[] = [];
    for (const [i, r] of runs.entries()) {
      out.push(await runValue(engine, r.parsed, r.value, on.onPoint, on.onRow && ((...row) => on.onRow!(i, ...row))));
      on.onResult?.(i, out[i]);
    }
    return out;
  }
  const jobs = runs.map((r) => jobFor(r.parsed, r.value));
  const result = (i: number, run: EngineRun) => resultOf(runs[i].parsed, runs[i].value, run);
  const rows = jobs.map((): Row[] => []);
  const listening = on.onRow || on.onResult;
  const onRow = listening && ((i: number, index: number, row: Row, meta: Meta) => {
    rows[i].push(row);
    if (index < runs[i].parsed.times.length) on.onRow?.(i, index, row, meta);
    // a run is complete when its last row is in
    if (rows[i].length === jobs[i].times.length) on.onResult?.(i, result(i, { meta, rows: rows[i] }));
  });
  const done = await engine.runMany(jobs, () => on.onPoint?.(), onRow || undefined);
  return done.map((run, i) => result(i, run));
}

/** Several swept values of one config at once (runGroup). */
export function runValues(engine: Engine, parsed: ParsedConfig, values: readonly number[], onPoint?: () => void): Promise<RunResult[]> {
  return runGroup(engine, values.map((value) => ({ parsed, value })), { onPoint });
}

/**
 * Indices 0…count−1 cut into the groups a sweep hands to the engine at once: as many values as fit
 * GROUP_POINTS points (at least one) where the engine has runMany, else one by one.
 */
export function valueGroups(engine: Pick<Engine, "runMany">, count: number, pointsPerValue: number): number[][] {
  const size = groupSize(engine, pointsPerValue);
  return Array.from({ length: Math.ceil(count / size) }, (_, g) => Array.from({ length: Math.min(size, count - g * size) }, (_, i) => g * size + i));
}
