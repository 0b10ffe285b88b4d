/** Time lists and log-spaced grids of SPEC §3, resolved to plain ascending arrays (or a ConfigError). */
import * as z from "zod";
import { ConfigError } from "../errors.ts";
import { asObject, bool, integerAtLeast, nonNegative, parseWith, positive } from "./rules.ts";

/** The most points one grid may hold (a guard against typos like `points: 1e9`). */
export const MAX_GRID_POINTS = 1_000_000;

const points = () => integerAtLeast(1).lte(MAX_GRID_POINTS, `must be ≤ ${MAX_GRID_POINTS}`);

/** `{from, to, points}`: the grid of sweeps and of `average`. */
const plainGrid = z.strictObject({ from: positive(), to: positive(), points: points() });

/** `{from, to, points | perDecade, zero?}`: the grid of `times`. */
const timeGrid = z.strictObject({
  from: positive(),
  to: positive(),
  points: points().optional(),
  perDecade: positive().optional(),
  zero: bool().optional(),
});

/**
 * `points` values log-spaced from `from` to `to`, both ends included and exact; `[from]` for one point.
 * Exponents are formed as (a·(n−i) + b·i)/n so that decade grids hit the powers of ten exactly.
 *
 * @example
 * logSpace(1, 100, 3); // [1, 10, 100]
 */
export function logSpace(from: number, to: number, points: number): number[] {
  if (points === 1) return [from];
  const a = Math.log10(from);
  const b = Math.log10(to);
  const n = points - 1;
  const out = new Array<number>(points);
  for (let i = 1; i < n; i++) out[i] = 10 ** ((a * (n - i) + b * i) / n);
  out[0] = from;
  out[n] = to;
  return out;
}

function checkedLogSpace(from: number, to: number, count: number, field: string, countField: string): number[] {
  if (to < from) throw new ConfigError(`${field}.to`, "must be ≥ from");
  if (from === to && count > 1) throw new ConfigError(`${field}.${countField}`, "must give 1 point when from = to");
  if (from < to && count < 2) {
    const rule = countField === "perDecade" ? `must give at least 2 points (≥ ${(0.5 / Math.log10(to / from)).toPrecision(2)} per decade here)` : "must be ≥ 2 when to > from";
    throw new ConfigError(`${field}.${countField}`, `${rule}: one point would drop the grid's end point to = ${to}`);
  }
  const grid = logSpace(from, to, count);
  for (let i = 1; i < grid.length; i++) {
    if (!(grid[i] > grid[i - 1])) {
      throw new ConfigError(`${field}.${countField}`, "gives too many points between from and to (values would repeat)");
    }
  }
  return grid;
}

/**
 * A `{from, to, points}` log grid (0 < from ≤ to, points an integer ≥ 1), as used by sweeps and by
 * `average`. Throws ConfigError naming e.g. `average.points`.
 *
 * @example
 * resolveGrid({ from: 1e5, to: 1e8, points: 4 }, "average"); // [1e5, 1e6, 1e7, 1e8]
 */
export function resolveGrid(spec: unknown, field: string): number[] {
  const g = parseWith(plainGrid, asObject(spec, field), field);
  return checkedLogSpace(g.from, g.to, g.points, field, "points");
}

/**
 * The times of a run: either a list of t ≥ 0, finite and strictly ascending, or a log grid
 * `{from, to, points | perDecade, zero?}` with 0 < from ≤ to. With `perDecade`,
 * points = round(log10(to/from)·perDecade) + 1; `zero: true` prepends t = 0. Endpoints are exactly
 * `from` and `to`. Throws ConfigError naming the offending path under `field`.
 *
 * @example
 * resolveTimes({ from: 1e-4, to: 1e8, perDecade: 10, zero: true }, "times").length; // 122
 * resolveTimes([0, 1, 10], "times"); // [0, 1, 10]
 */
export function resolveTimes(spec: unknown, field: string): number[] {
  if (spec === undefined) throw new ConfigError(field, "is required");
  if (Array.isArray(spec)) {
    const times = parseWith(z.array(nonNegative()), spec, field);
    if (times.length === 0) throw new ConfigError(field, "must not be empty");
    for (let i = 1; i < times.length; i++) {
      if (!(times[i] > times[i - 1])) throw new ConfigError(`${field}[${i}]`, "must be ascending");
    }
    return times;
  }
  if (typeof spec !== "object" || spec === null) {
    throw new ConfigError(field, "must be a list of times or a grid {from, to, points | perDecade, zero}");
  }
  const g = parseWith(timeGrid, spec, field);
  if (g.points !== undefined && g.perDecade !== undefined) {
    throw new ConfigError(`${field}.perDecade`, "must not be given together with points");
  }
  let count: number;
  let countField: string;
  if (g.points !== undefined) {
    count = g.points;
    countField = "points";
  } else if (g.perDecade !== undefined) {
    count = Math.round((Math.log10(g.to) - Math.log10(g.from)) * g.perDecade) + 1;
    countField = "perDecade";
    if (count > MAX_GRID_POINTS) throw new ConfigError(`${field}.perDecade`, `gives more than ${MAX_GRID_POINTS} points`);
  } else {
    throw new ConfigError(`${field}.points`, "is required (or perDecade)");
  }
  const grid = checkedLogSpace(g.from, g.to, count, field, countField);
  return g.zero ? [0, ...grid] : grid;
}
