/**
 * What a check of the paper's conclusions (Sec. V) reports, and the regime-III window and finite-K
 * tolerances the checks share. Every check is a pure function of labelled results, so that a unit
 * test can feed it synthetic data on which it must fail.
 */
import type { Row, RowColumn, RunResult } from "../../observables/columns.ts";

/** One measured number of a check, with the limit it is held to (if any) and whether it keeps it. */
export interface Measured {
  label: string;
  value: number;
  /** e.g. "≤ 0.05" */
  limit?: string;
  pass?: boolean;
  /** the limit as a number, for re-evaluation with another tolerance (tightenCheck) */
  bound?: { op: "≤" | "≥"; limit: number; digits: number };
}

export interface CheckResult {
  /** a short name, e.g. `thermalization` */
  id: string;
  /** the number of the paper's conclusion (Sec. V) */
  conclusion: number;
  /** the paper's words */
  claim: string;
  /** what is measured, the tolerance and why (finite K) */
  method: string;
  numbers: Measured[];
  /** every number within its limit (and at least one number measured) */
  pass: boolean;
}

/** A result with a label for the report (e.g. "case (a), Γ = 3"). */
export interface Labelled<T> {
  label: string;
  value: T;
}

/** Regime III, as in the paper's Fig. 6: the times from 1e5 on (absolute time, SPEC §3). */
export const REGIME_III_FROM = 1e5;

/** The mean of a column over the regime-III times of a trace (NaN without such times). */
export function regimeIIIMean(rows: readonly Row[], column: RowColumn): number {
  const late = rows.filter((r) => r.t >= REGIME_III_FROM);
  return late.reduce((s, r) => s + r[column], 0) / late.length;
}

/**
 * The finite-K tolerance of a relative deviation: `at200` at K = 200, scaled as 1/√K (fluctuations of
 * a bath's energy and particle number over its thermally active levels, whose number grows as K).
 */
export function finiteK(at200: number, K: number): number {
  return at200 * Math.sqrt(200 / K);
}

/** The level spacing Δε_ν = W/(K_ν − 1) of a run's bath (SPEC §1), from its config. */
export function levelSpacing(result: RunResult, bath: "L" | "R"): number {
  const c = result.config as { K?: number; KL?: number; KR?: number; W: number };
  const K = c.K ?? (bath === "L" ? c.KL : c.KR)!;
  return c.W / (K - 1);
}

/** A measured number against an upper or lower limit. */
export function atMost(label: string, value: number, limit: number, digits = 3): Measured {
  return { label, value, limit: `≤ ${+limit.toPrecision(digits)}`, pass: value <= limit, bound: { op: "≤", limit, digits } };
}
export function atLeast(label: string, value: number, limit: number, digits = 3): Measured {
  return { label, value, limit: `≥ ${+limit.toPrecision(digits)}`, pass: value >= limit, bound: { op: "≥", limit, digits } };
}
/** A number given for context only (no limit). */
export function info(label: string, value: number): Measured {
  return { label, value };
}

/** Assembles a check: it passes when every limited number holds (NaN never holds) and some number is limited. */
export function checkOf(id: string, conclusion: number, claim: string, method: string, numbers: Measured[]): CheckResult {
  const limited = numbers.filter((n) => n.pass !== undefined);
  return { id, conclusion, claim, method, numbers, pass: limited.length > 0 && limited.every((n) => n.pass === true) };
}

/**
 * The check re-evaluated with its limits moved by `factor` (< 1 is stricter): an upper limit L ≥ 0
 * becomes L·factor and a lower one L/factor (a negative limit the other way round; 0 stays). For
 * `setsim reproduce --tighten ID=FACTOR`, which makes a check fail on real runs (the failing path of
 * the report and of the exit status); the check's method says so.
 *
 * @example
 * tightenCheck(check, 1e-3).pass; // false: its limits are 1000 times stricter
 */
export function tightenCheck(c: CheckResult, factor: number): CheckResult {
  const numbers = c.numbers.map((n) => {
    if (!n.bound) return n;
    const { op, limit, digits } = n.bound;
    const smaller = (op === "≤") === (limit >= 0);
    return (op === "≤" ? atMost : atLeast)(n.label, n.value, smaller ? limit * factor : limit / factor, digits);
  });
  const method = `${c.method} Tolerances tightened by a factor ${factor} (--tighten ${c.id}=${factor}): not the check's own limits.`;
  return checkOf(c.id, c.conclusion, c.claim, method, numbers);
}
