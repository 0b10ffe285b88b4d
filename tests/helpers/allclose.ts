// The one tolerance helper of the test suite: |a − b| ≤ atol + rtol·|b|, elementwise, with a readable failure.
import { expect } from "vitest";

export function expectAllClose(actual: ArrayLike<number> | number, expected: ArrayLike<number> | number, atol: number, rtol = 0, label = ""): void {
  const a = typeof actual === "number" ? [actual] : Array.from(actual);
  const b = typeof expected === "number" ? [expected] : Array.from(expected);
  expect(a.length, `${label} length`).toBe(b.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const excess = Math.abs(a[i] - b[i]) - (atol + rtol * Math.abs(b[i]));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    expect.fail(`${label}[${worst}]: ${a[worst]} vs ${b[worst]} (|diff| = ${Math.abs(a[worst] - b[worst])}, atol ${atol}, rtol ${rtol})`);
  }
}

/** A small deterministic generator for drawing random test configurations (Park–Miller). */
export function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

/**
 * Every SPEC §2 column of `got` within tol·max(|x|, 1) of `ref` at every time; non-finite reference
 * values (β* = ±∞ of extremal states) must be matched exactly; `meta` must be identical.
 */
export function expectRunClose(
  got: { meta: Record<string, number>; rows: Record<string, number>[] },
  ref: { meta: Record<string, number>; rows: Record<string, number>[] },
  columns: readonly string[], metaColumns: readonly string[], tol: number,
): void {
  for (const c of metaColumns) expect(got.meta[c], `meta.${c}`).toBe(ref.meta[c]);
  expect(got.rows.length).toBe(ref.rows.length);
  ref.rows.forEach((want, i) => {
    for (const c of columns) {
      if (!Number.isFinite(want[c])) {
        expect(got.rows[i][c], `${c} at t=${want.t}`).toBe(want[c]);
        continue;
      }
      expectAllClose(got.rows[i][c], want[c], tol * Math.max(Math.abs(want[c]), 1), 0, `${c} at t=${want.t}`);
    }
  });
}
