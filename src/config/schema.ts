/** The run config of SPEC §3: validated (every failure a ConfigError naming the field) and resolved to a Problem. */
import * as z from "zod";
import type { InitialState, Problem } from "../model/problem.ts";
import { ConfigError } from "../errors.ts";
import { asObject, parseWith, unitInterval } from "./rules.ts";
import { resolveGrid, resolveTimes } from "./time-grid.ts";
import { checkRanges } from "./ranges.ts";
import { type FieldValue, readFieldValue, SWEEP_FIELDS, type SweepField, valuesOf } from "./sweep-values.ts";
import { readPure } from "./seeds.ts";

export type { SweepField } from "./sweep-values.ts";

/** What a sweep runs over: a scalar field, or `seed` (many pure states, `initial.seeds`). */
export type SweptName = SweepField | "seed";

/** The largest problem accepted: K_L + K_R + 1 modes at most. */
export const MAX_MODES = 20001;

/** A config, validated and resolved. */
export interface ParsedConfig {
  /** the problem, with the swept field (if any) holding its first value */
  base: Problem;
  /** output times, ascending; empty only when `average` is given without `times` */
  times: number[];
  /** regime-III averaging: the mean of every quantity over these times */
  average?: { times: number[] };
  /**
   * the one swept field, named as in the input (`K`, `Gamma` or a Problem field), and its values;
   * `seed` for many pure states (`initial.seeds`), each value one seed
   */
  sweep?: { field: SweptName; values: number[] };
  /** the input object as given */
  raw: Record<string, unknown>;
}

/** Top level: only the known keys (strict); each key is then read by its own rule. */
const topLevel = z.strictObject({
  ...Object.fromEntries(SWEEP_FIELDS.map((f) => [f, z.unknown().optional()])),
  initial: z.unknown().optional(),
  times: z.unknown().optional(),
  average: z.unknown().optional(),
});

const initialSchemas = {
  thermal: z.strictObject({ kind: z.literal("thermal") }),
  occupations: z.strictObject({ kind: z.literal("occupations"), occupations: z.array(unitInterval()) }),
} as const;

/** The initial state, and the seeds where it asks for many pure states. */
function readInitial(raw: unknown): { initial: InitialState; seeds?: number[] } {
  if (raw === undefined) return { initial: { kind: "thermal" } };
  const obj = asObject(raw, "initial");
  const kind = obj.kind;
  if (kind === undefined) throw new ConfigError("initial.kind", "is required");
  if (kind === "pure") {
    const { seed, seeds } = readPure(obj);
    return { initial: { kind: "pure", seed }, seeds };
  }
  if (typeof kind !== "string" || !Object.hasOwn(initialSchemas, kind)) {
    throw new ConfigError("initial.kind", `must be "thermal", "pure" or "occupations"`);
  }
  return { initial: parseWith(initialSchemas[kind as keyof typeof initialSchemas], obj, "initial") };
}

/** Reads the pair (KL, KR) or (GammaL, GammaR), or its shorthand (K or Gamma) for both. */
function readPair(fields: Map<SweepField, FieldValue>, short: "K" | "Gamma", left: SweepField, right: SweepField): void {
  if (fields.has(short)) {
    for (const f of [left, right]) {
      if (fields.has(f)) throw new ConfigError(f, `must not be given together with ${short} (${short} sets both ${left} and ${right})`);
    }
    return;
  }
  for (const f of [left, right]) if (!fields.has(f)) throw new ConfigError(f, `is required (or ${short} for both)`);
}

/** The one swept field, if any; two sweeps are refused. */
function findSweep(fields: Map<SweepField, FieldValue>): ParsedConfig["sweep"] {
  let sweep: ParsedConfig["sweep"];
  for (const [field, v] of fields) {
    if (v.kind !== "sweep") continue;
    if (sweep) throw new ConfigError(field, `cannot be swept together with ${sweep.field}: sweep one field at a time`);
    sweep = { field, values: v.values };
  }
  return sweep;
}

function first(fields: Map<SweepField, FieldValue>, f: SweepField): number | undefined {
  const v = fields.get(f);
  return v === undefined ? undefined : valuesOf(v)[0];
}

/** Every (KL, KR) the config runs, with the field to blame when one is refused. */
function sizes(parsed: ParsedConfig): { KL: number; KR: number }[] {
  const values = parsed.sweep ? parsed.sweep.values : [undefined];
  return values.map((v) => {
    const p = problemFor(parsed, v);
    return { KL: p.KL, KR: p.KR };
  });
}

function checkSizes(parsed: ParsedConfig, kField: string): void {
  for (const { KL, KR } of sizes(parsed)) {
    if (KL + KR + 1 > MAX_MODES) {
      throw new ConfigError(kField, `problem too large: K_L+K_R+1 = ${KL + KR + 1} modes, at most ${MAX_MODES}`);
    }
    const init = parsed.base.initial;
    if (init.kind === "occupations" && init.occupations.length !== KL + KR) {
      throw new ConfigError("initial.occupations", `must have length KL+KR = ${KL + KR} (has ${init.occupations.length})`);
    }
  }
}

/** Every value's problem within what f64 resolves (see ranges.ts), blaming the field as the input names it. */
function checkAllRanges(parsed: ParsedConfig): void {
  const avg = parsed.average?.times ?? [];
  const tLast = (ts: readonly number[]) => (ts.length > 0 ? ts[ts.length - 1] : 0);
  const timesField = tLast(avg) > tLast(parsed.times) ? "average" : "times";
  const all = [tLast(parsed.times), tLast(avg)].sort((a, b) => a - b);
  const fieldOf = (name: string) => {
    if (name === "times") return timesField;
    if ((name === "GammaL" || name === "GammaR") && parsed.raw.Gamma !== undefined) return "Gamma";
    return name;
  };
  for (const v of parsed.sweep ? parsed.sweep.values : [undefined]) checkRanges(problemFor(parsed, v), all, fieldOf);
}

/**
 * Validates a run config (SPEC §3) and resolves shorthands, defaults, time grids and the sweep.
 * Throws ConfigError (field = JSON path, rule in plain English) on the first problem found.
 *
 * @example
 * const p = parseConfig({ K: 200, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 1] });
 * p.base.KL; // 200
 * parseConfig({ ...cfg, W: 0 }); // throws ConfigError("W", "must be > 0")
 */
export function parseConfig(input: unknown): ParsedConfig {
  const raw = asObject(input, "config");
  parseWith(topLevel, raw, "");
  const fields = new Map<SweepField, FieldValue>();
  for (const f of SWEEP_FIELDS) {
    const v = readFieldValue(f, raw[f]);
    if (v) fields.set(f, v);
  }
  readPair(fields, "K", "KL", "KR");
  for (const f of ["W", "betaL", "betaR", "muL", "muR"] as const) {
    if (!fields.has(f)) throw new ConfigError(f, "is required");
  }
  readPair(fields, "Gamma", "GammaL", "GammaR");
  const { initial, seeds } = readInitial(raw.initial);
  let sweep = findSweep(fields);
  if (seeds && sweep) throw new ConfigError("initial.seeds", `cannot be swept together with ${sweep.field}: sweep one field at a time`);
  if (seeds) sweep = { field: "seed", values: seeds };
  const average = raw.average === undefined ? undefined : { times: resolveGrid(raw.average, "average") };
  const times = raw.times === undefined && average ? [] : resolveTimes(raw.times, "times");
  const K = first(fields, "K");
  const Gamma = first(fields, "Gamma");
  const base: Problem = {
    KL: K ?? first(fields, "KL")!,
    KR: K ?? first(fields, "KR")!,
    W: first(fields, "W")!,
    epsD: first(fields, "epsD") ?? 0,
    nD: first(fields, "nD") ?? 0,
    betaL: first(fields, "betaL")!,
    betaR: first(fields, "betaR")!,
    muL: first(fields, "muL")!,
    muR: first(fields, "muR")!,
    GammaL: Gamma ?? first(fields, "GammaL")!,
    GammaR: Gamma ?? first(fields, "GammaR")!,
    initial,
  };
  const parsed: ParsedConfig = { base, times, raw };
  if (average) parsed.average = average;
  if (sweep) parsed.sweep = sweep;
  checkSizes(parsed, K !== undefined ? "K" : sweep?.field === "KR" ? "KR" : "KL");
  checkAllRanges(parsed);
  return parsed;
}

/**
 * The Problem of one swept value: `base` with `value` substituted for the swept field (`K` sets KL
 * and KR, `Gamma` sets GammaL and GammaR). Without a value (or without a sweep) it is `base`.
 *
 * @example
 * problemFor(parseConfig(EXAMPLES.scaling.config), 2000).KR; // 2000
 */
export function problemFor(parsed: ParsedConfig, value?: number): Problem {
  const p: Problem = { ...parsed.base };
  if (value === undefined) return p;
  if (!parsed.sweep) throw new Error("problemFor: a value was given but the config sweeps nothing");
  const field = parsed.sweep.field;
  if (field === "seed") {
    p.initial = { kind: "pure", seed: value };
  } else if (field === "K") {
    p.KL = value;
    p.KR = value;
  } else if (field === "Gamma") {
    p.GammaL = value;
    p.GammaR = value;
  } else {
    p[field] = value;
  }
  return p;
}
