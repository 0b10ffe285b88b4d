// Comparing result folders: the same files, byte for byte, or the same layout with numbers to a tolerance.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { expectAllClose } from "./allclose.ts";

/** The text of every result file (JSON, CSV, SVG) under `dir`, by relative path. */
export function snapshotDir(dir: string, ext = /\.(json|csv|svg)$/): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (readdirSync(dir, { recursive: true }) as string[]).sort()) if (ext.test(f)) out[f] = readFileSync(join(dir, f), "utf8");
  return out;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi;

/** Same text once numbers are masked (keys, order, null/inf/nan), and every number within tol·max(|x|, 1). */
export function expectSameNumbers(actual: string, expected: string, tol: number, label: string): void {
  expect(actual.replace(NUMBER, "#"), `${label}: layout`).toBe(expected.replace(NUMBER, "#"));
  const a = (actual.match(NUMBER) ?? []).map(Number);
  const b = (expected.match(NUMBER) ?? []).map(Number);
  const scale = b.map((x) => Math.max(Math.abs(x), 1));
  expectAllClose(a.map((x, i) => x / scale[i]), b.map((x, i) => x / scale[i]), tol, 0, `${label}: numbers`);
}
