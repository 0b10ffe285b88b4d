// `setsim reproduce --scale test` end to end: the report exists with Figs. 3–9, every check of the
// paper's seven conclusions is evaluated with numbers and holds on the real physics (exit status 0),
// and the data beside it are `setsim run`'s files. The same report, rechecked from its data with one
// check's limits tightened, fails that check: exit status 1, FAIL in the summary and in index.html.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseResultJson } from "../src/io/format.ts";

const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const setsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000 });

describe("setsim reproduce", () => {
  /** the --scale test report, written by the first test and rechecked by the next */
  const dir = join(mkdtempSync(join(tmpdir(), "setsim-reproduce-")), "paper");

  it("writes the report of Figs. 3–9 and the seven checks, all holding at --scale test", () => {
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

  it("exits 1 when a check fails (--tighten on the real data, via --recheck) and shows it failed; 0 and the same report otherwise", () => {
    expect(existsSync(join(dir, "checks.json")), "the --scale test report of the test above").toBe(true);
    const original = { checks: readFileSync(join(dir, "checks.json"), "utf8"), html: readFileSync(join(dir, "index.html"), "utf8") };
    // re-evaluated from data/ alone, nothing computed: the same checks and the same page, status 0
    const same = setsim("reproduce", "--recheck", dir, "--no-png");
    expect(same.status, same.stderr).toBe(0);
    expect(readFileSync(join(dir, "checks.json"), "utf8")).toBe(original.checks);
    // (but for the PNG note: the recheck renders none)
    const pngNote = (html: string) => html.replace(/(<code>figures\/\*\.svg<\/code>)[^<]*/, "$1");
    expect(pngNote(readFileSync(join(dir, "index.html"), "utf8"))).toBe(pngNote(original.html));

    // typicality's limits (spreads ≤ 1) a hundred times stricter: the measured 0.1–0.6 no longer hold
    const r = setsim("reproduce", "--recheck", dir, "--no-png", "--tighten", "typicality=0.01");
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain("FAIL  (3) typicality (limits tightened by 0.01)");
    for (const id of ["competition", "thermalization", "equal-baths"]) expect(r.stderr).toMatch(new RegExp(`pass  \\(\\d\\) ${id}\\n`));
    expect(r.stderr).toMatch(/error: 1 of 7 checks failed \(typicality\): see .*index\.html/);
    const html = readFileSync(join(dir, "index.html"), "utf8");
    expect(html).toContain("6 of 7 checks pass — <b>1 fail</b>");
    const row = html.slice(html.indexOf(`id="check-typicality"`), html.indexOf(`id="check-equal-baths"`));
    expect(row).toContain(`<span class="badge fail">FAIL</span>`);
    expect(row).toContain("Tolerances tightened by a factor 0.01");
    expect(row).toMatch(/<td class="num">≤ 0\.01<\/td><td><span class="bad">✗<\/span>/);
    expect(html.match(/badge fail/g)).toHaveLength(1); // that row alone
    const { checks } = JSON.parse(readFileSync(join(dir, "checks.json"), "utf8")) as { checks: Array<{ id: string; pass: boolean }> };
    expect(checks.filter((c) => !c.pass).map((c) => c.id)).toEqual(["typicality"]);
  }, 60_000);

  it("refuses a non-empty --out, a bad --scale or --tighten, a --recheck of no report and no --out with status 2, before any work", () => {
    const dir = mkdtempSync(join(tmpdir(), "setsim-reproduce-"));
    writeFileSync(join(dir, "keep.txt"), "mine");
    const r = setsim("reproduce", "--out", dir, "--scale", "test");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not empty/);
    expect(readdirSync(dir)).toEqual(["keep.txt"]);
    expect(setsim("reproduce", "--out", join(dir, "x"), "--scale", "huge").status).toBe(2);
    const unknown = setsim("reproduce", "--out", join(dir, "x"), "--tighten", "typicalty=0.5");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--tighten: names no check: typicalty/);
    expect(setsim("reproduce", "--out", join(dir, "x"), "--tighten", "typicality=0").status).toBe(2);
    const notReport = setsim("reproduce", "--recheck", dir);
    expect(notReport.status).toBe(2);
    expect(notReport.stderr).toMatch(/no checks\.json/);
    expect(setsim("reproduce", "--scale", "test").status).toBe(2);
  });
});
