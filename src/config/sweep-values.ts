/** The sweepable scalars of a config: their rules, and a value read as a scalar or as a sweep (list or grid). */
import * as z from "zod";
import { SWEEPABLE, type SweepableField } from "../model/problem.ts";
import { ConfigError } from "../errors.ts";
import { finite, integerAtLeast, nonNegative, parseWith, positive, unitInterval } from "./rules.ts";
import { resolveGrid } from "./time-grid.ts";

/** A field a sweep may name: a sweepable Problem field, or the shorthands `K` (KL = KR) and `Gamma` (GammaL = GammaR). */
export type SweepField = SweepableField | "K" | "Gamma";

/** Every field that may be a scalar or a sweep, in the order they are checked. */
export const SWEEP_FIELDS: readonly SweepField[] = ["K", ...SWEEPABLE, "Gamma"];

/** The rule every value of each sweepable field obeys (SPEC §3). */
export const SCALAR_RULES: Record<SweepField, () => z.ZodNumber> = {
  K: () => integerAtLeast(2),
  KL: () => integerAtLeast(2),
  KR: () => integerAtLeast(2),
  W: positive,
  epsD: finite,
  nD: unitInterval,
  betaL: positive,
  betaR: positive,
  muL: finite,
  muR: finite,
  Gamma: nonNegative,
  GammaL: nonNegative,
  GammaR: nonNegative,
};

const INTEGER_FIELDS: ReadonlySet<SweepField> = new Set<SweepField>(["K", "KL", "KR"]);

/** A sweepable field as given: one value, or the values of a sweep (a non-empty list, or a grid). */
export type FieldValue = { kind: "scalar"; value: number } | { kind: "sweep"; values: number[] };

function gridValues(field: SweepField, spec: unknown): number[] {
  const grid = resolveGrid(spec, field);
  const rule = SCALAR_RULES[field]();
  parseWith(rule, grid[0], `${field}.from`);
  parseWith(rule, grid[grid.length - 1], `${field}.to`);
  if (!INTEGER_FIELDS.has(field)) return grid;
  const rounded = grid.map(Math.round);
  for (let i = 1; i < rounded.length; i++) {
    if (rounded[i] === rounded[i - 1]) {
      throw new ConfigError(`${field}.points`, `gives the value ${rounded[i]} twice after rounding to integers: use fewer points`);
    }
  }
  return rounded;
}

/**
 * Reads one sweepable field: a number is a scalar; a non-empty list of numbers or a log grid
 * `{from, to, points}` is a sweep. Every value is checked by the field's scalar rule; K grids are
 * rounded to integers and must not repeat. Returns `undefined` when the field is absent.
 *
 * @example
 * readFieldValue("Gamma", 3);                                  // { kind: "scalar", value: 3 }
 * readFieldValue("Gamma", [1, 3]);                             // { kind: "sweep", values: [1, 3] }
 * readFieldValue("K", { from: 250, to: 4000, points: 5 });     // sweep over 250, 500, 1000, 2000, 4000
 */
export function readFieldValue(field: SweepField, raw: unknown): FieldValue | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === "number") return { kind: "scalar", value: parseWith(SCALAR_RULES[field](), raw, field) };
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new ConfigError(field, "must not be an empty list (a sweep needs at least one value)");
    return { kind: "sweep", values: parseWith(z.array(SCALAR_RULES[field]()), raw, field) };
  }
  if (typeof raw === "object" && raw !== null) return { kind: "sweep", values: gridValues(field, raw) };
  throw new ConfigError(field, "must be a number, a list of numbers, or a grid {from, to, points}");
}

/** The values a field takes: its one value, or all the values of its sweep. */
export function valuesOf(v: FieldValue): number[] {
  return v.kind === "scalar" ? [v.value] : v.values;
}
