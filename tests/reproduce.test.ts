// `setsim reproduce --scale test` end to end: the report exists with Figs. 3–9, every check of the
// paper's seven conclusions is evaluated with numbers and holds on the real physics (exit status 0),
// and the data beside it are `setsim run`'s files.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseResultJson } from "../src/io/format.ts";

const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const setsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000 });

describe("setsim reproduce", () => {
  it("writes the report of Figs. 3–9 and the seven checks, all holding at --scale test", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "setsim-reproduce-")), "paper");
    const r = setsim("reproduce", "--out", dir, "--scale", "test", "--quiet");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/engine cpu-f64.*K = 120, 852 \(Γ, t\) points/);
    expect(r.stderr).toMatch(/estimated \d+ s/);
    const { checks } = JSON.parse(readFileSync(join(dir, "checks.json"), "utf8")) as { checks: Array<{ id: string; conclusion: number; pass: boolean; numbers: Array<{ value: number | null; pass?: boolean }> }> };
    expect(checks.map((c) => c.conclusion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const c of checks) {
      expect(c.numbers.filter((n) => n.pass !== undefined).length, c.id).toBeGreaterThan(0);
      expect(c.numbers.every((n) => typeof n.value === "number"), `${c.id}: every number measured`).toBe(true);
      expect(c.pass, c.id).toBe(true);
      expect(r.stderr).toContain(`pass  (${c.conclusion}) ${c.id}`);
    }
    const html = readFileSync(join(dir, "index.html"), "utf8");
    expect(html).toContain("7 of 7 checks pass");
    for (const id of ["fig3", "fig4", "fig5", "fig6", "fig7", "fig8", "fig9"]) expect(html).toContain(`id="${id}"`);
    for (const c of checks) expect(html).toContain(`id="check-${c.id}"`);
    // self-contained: the charts are inline, not linked images
    expect(html.match(/<svg /g)!.length).toBeGreaterThan(30);
    const figures = readdirSync(join(dir, "figures"));
    expect(figures.filter((f) => f.endsWith(".svg")).length).toBe(html.match(/<svg /g)!.length);
    if (existsSync("/usr/bin/chromium")) expect(figures.filter((f) => f.endsWith(".png")).length).toBe(figures.filter((f) => f.endsWith(".svg")).length);
    // the data are setsim run's files, each with the config that reproduces it
    const pure = join(dir, "data", "pure-a");
    expect(parseResultJson(readFileSync(join(pure, "000_seed=1.json"), "utf8")).config.initial).toEqual({ kind: "pure", seed: 1 });
    expect(JSON.parse(readFileSync(join(pure, "statistics.json"), "utf8")).seeds).toEqual([1, 2, 3, 4, 5, 6]);
    expect(JSON.parse(readFileSync(join(dir, "data", "fig6-b", "config.json"), "utf8")).average).toEqual({ from: 1e5, to: 1e8, points: 11 });
    expect(readFileSync(join(dir, "data", "fig6-b", "averages.csv"), "utf8").split("\n")).toHaveLength(8);
  }, 300_000);

  it("refuses a non-empty --out and a bad --scale with status 2, before any work", () => {
    const dir = mkdtempSync(join(tmpdir(), "setsim-reproduce-"));
    writeFileSync(join(dir, "keep.txt"), "mine");
    const r = setsim("reproduce", "--out", dir, "--scale", "test");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not empty/);
    expect(readdirSync(dir)).toEqual(["keep.txt"]);
    expect(setsim("reproduce", "--out", join(dir, "x"), "--scale", "huge").status).toBe(2);
  });
});
