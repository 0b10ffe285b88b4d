/** `simulate` and `sweep`: a SPEC §3 config object in, the CLI's results out, no file system. */
import { type ParsedConfig, parseConfig, problemFor } from "../config/schema.ts";
import { ConfigError } from "../errors.ts";
import type { AverageEntry } from "../io/format.ts";
import type { RunResult } from "../observables/columns.ts";
import { pointsPerValue, runValue, runValues, valuesPerCall } from "../sweep/run-value.ts";
import { type SeedStatistics, seedStatistics } from "../sweep/seed-statistics.ts";
import { type RunOptions, withCall } from "./run-options.ts";

/** What {@link sweep} resolves to. */
export interface SweepResult {
  /** the swept field as named in the config (`Gamma`, `K`, `betaL`, …), or `seed` for many pure states */
  field: string;
  /** its values, in the config's order */
  values: number[];
  /** one result per value, each exactly what `setsim run` writes into that value's file */
  results: RunResult[];
  /** the table of regime-III averages (`averages.json`), where the config asks for `average` */
  averages?: AverageEntry[];
  /** many pure states (`initial.seeds`): the statistics over the seeds, as `statistics.json` holds them */
  statistics?: SeedStatistics;
}

/**
 * One run of a config (SPEC §3): validated as the CLI validates it (a bad field throws
 * `ConfigError` before any work), then resolves to `{ config, meta, rows }` (and `average` where
 * the config asks for one) with the numbers of `setsim run`'s JSON: `formatJson(result)` is that
 * file byte for byte. Non-finite values (β* = ±∞ of an extremal bath) are numbers here and `null`
 * in the JSON. A config with a sweep is refused: use {@link sweep}.
 *
 * @example
 * import { simulate } from "setsim";
 * const { meta, rows } = await simulate({
 *   K: 40, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 1, 100],
 * });
 * console.log(rows[2].Sigma, meta.betaRef);
 */
export async function simulate(config: unknown, options: RunOptions = {}): Promise<RunResult> {
  const parsed = parseConfig(config);
  if (parsed.sweep) {
    throw new ConfigError(sweptPath(parsed), "is a sweep: run it with sweep(), or give one value to simulate()");
  }
  return withCall(options, [parsed.base], pointsPerValue(parsed), (c) => runValue(c.engine, parsed, undefined, c.onPoint));
}

/**
 * Every value of a swept config (SPEC §3: one scalar given as a list or a grid), packed into shared
 * engine calls where the engine gains from it (the GPU), each value's numbers exactly those of a run
 * of its own. Resolves to one result per value and, where the config has `average`, the table of
 * regime-III averages that `setsim run` writes as `averages.json`. Many pure states
 * (`"initial": { "kind": "pure", "seeds": { "from": 1, "count": 100 } }` or a list of seeds) are a
 * sweep over the seed, and add their statistics per time and column (`statistics`).
 *
 * @example
 * import { sweep } from "setsim";
 * const { values, averages } = await sweep({
 *   K: 40, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: [3, 30],
 *   average: { from: 1e3, to: 1e5, points: 5 },
 * }, { onProgress: (done, total) => console.log(`${done}/${total}`) });
 * console.log(values, averages?.map((a) => a.average.ILR));
 */
export async function sweep(config: unknown, options: RunOptions = {}): Promise<SweepResult> {
  const parsed = parseConfig(config);
  const s = parsed.sweep;
  if (!s) throw new ConfigError("config", "sweeps nothing (no field is a list or a grid): run it with simulate()");
  const problems = s.values.map((v) => problemFor(parsed, v));
  const total = s.values.length * pointsPerValue(parsed);
  const results = await withCall(options, problems, total, async (c) => {
    const out: RunResult[] = [];
    const perCall = valuesPerCall(c.engine, parsed);
    for (let g = 0; g < s.values.length; g += perCall) {
      out.push(...(await runValues(c.engine, parsed, s.values.slice(g, g + perCall), c.onPoint)));
    }
    return out;
  });
  const result: SweepResult = { field: s.field, values: [...s.values], results };
  if (parsed.average) result.averages = s.values.map((value, i) => ({ value, average: results[i].average! }));
  if (s.field === "seed") result.statistics = seedStatistics(s.values, results);
  return result;
}

/** The config path of the swept field, for messages. */
function sweptPath(parsed: ParsedConfig): string {
  return parsed.sweep!.field === "seed" ? "initial.seeds" : parsed.sweep!.field;
}
