/**
 * setsim as a library: `simulate` one config, `sweep` a swept one, pick an engine with
 * `createEngine`, validate with `parseConfig`, and write the CLI's files with `formatJson`/`formatCsv`.
 * Only re-exports: each export is documented (with an example) where it is defined.
 */
export { simulate, sweep, type SweepResult } from "./api/simulate.ts";
export type { SeedStatistics, Statistic } from "./sweep/seed-statistics.ts";
export type { RunOptions } from "./api/run-options.ts";
export { parseConfig, problemFor, type ParsedConfig } from "./config/schema.ts";
export { EXAMPLES } from "./config/examples.ts";
export { createEngine, type Engine, type EngineName, type EngineOptions, type Precision } from "./engine/engine.ts";
export { formatAveragesCsv, formatAveragesJson, formatCsv, formatJson, parseResultJson, type AverageEntry } from "./io/format.ts";
export { META_COLUMNS, ROW_COLUMNS, type Meta, type Row, type RowColumn, type RunResult } from "./observables/columns.ts";
export type { InitialState, Problem } from "./model/problem.ts";
export { ConfigError, DeviceLimitError, DeviceLostError, ResultFormatError } from "./errors.ts";
