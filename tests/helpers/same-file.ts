// Two result files that must be the same but for the last bits of their numbers (Chromium's V8 and
// Node's may round a few library calls, exp and log, differently): layout exactly, numbers to 1e-12.
import { expect } from "vitest";
import { expectAllClose } from "./allclose.ts";

export function expectSameFile(actual: string, expected: string, label: string): void {
  const num = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi;
  expect(actual.replace(num, "#"), `${label}: layout`).toBe(expected.replace(num, "#"));
  const a = (actual.match(num) ?? []).map(Number);
  const b = (expected.match(num) ?? []).map(Number);
  expectAllClose(a, b, 1e-12, 1e-10, `${label}: numbers`);
}
