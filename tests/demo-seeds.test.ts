// Many pure states on the demo page (headless Chromium, CPU engine): a seeds config runs one pure
// state per seed and the thermal ensemble once, and Fig. 8 draws the band of realizations whose
// numbers are the statistics `setsim run` writes for the same config (statistics.json), with the
// seeds whose bath starts extremal counted in the chart, not drawn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { TYPICALITY_PANELS } from "../src/io/seed-plots.ts";
import { expectAllClose } from "./helpers/allclose.ts";
import { available, type Demo, openPage, runToEnd, seriesOf, startDemo } from "./helpers/demo-page.ts";

/**
 * K = 16, five seeds, five times. β_L = 2 keeps bath L thermal-looking; bath R (β = 2, μ = −1) of
 * seeds 1 and 2 is drawn as a ground state at its particle number (β*_R(0) = +∞: σ, D^eq undefined).
 */
const SEEDS = 5;
const CONFIG = {
  K: 16, W: 10, epsD: 0, nD: 0, betaL: 2, betaR: 2, muL: 1, muR: -1, Gamma: 3,
  initial: { kind: "pure", seeds: { from: 1, count: SEEDS } },
  times: [0, 0.5, 10, 1000, 1e6],
};

type Stat = "n" | "extremal" | "q10" | "q50" | "q90";
interface StatisticsFile {
  seeds: number[];
  extremal: { L: number[]; R: number[] };
  times: number[];
  trace: Record<string, Record<Stat, Array<number | null>>>;
}

let demo: Demo;
const work = mkdtempSync(join(tmpdir(), "setsim-demo-seeds-"));

/** `setsim run` on CONFIG (CPU engine): its statistics.json. */
async function cliStatistics(): Promise<StatisticsFile> {
  const cfg = join(work, "seeds.json");
  writeFileSync(cfg, JSON.stringify(CONFIG));
  const out = join(work, "seeds");
  await promisify(execFile)(process.execPath, ["bin/setsim.mjs", "run", cfg, "--out", out, "--engine", "cpu", "--no-plots"]);
  return JSON.parse(readFileSync(join(out, "statistics.json"), "utf8")) as StatisticsFile;
}

/** Equal where the CLI's value is finite (1e-12 absolute + 1e-10 relative: V8 builds may round exp/log apart); non-finite (null) where it is null. */
function expectSameStatistic(page: number[], cli: Array<number | null>, label: string): void {
  const expected = cli.map((v) => v ?? NaN);
  expect(page.map(Number.isFinite), `${label}: finite entries`).toEqual(expected.map(Number.isFinite));
  const finite = expected.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
  expectAllClose(finite.map((i) => page[i]), finite.map((i) => expected[i]), 1e-12, 1e-10, label);
}

describe.skipIf(!available)("many pure states on the demo page", () => {
  beforeAll(async () => {
    demo = await startDemo();
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("draws Fig. 8's band from the CLI's statistics, runs the ensemble once and counts the extremal seeds", async () => {
    const query = `?${new URLSearchParams({ config: JSON.stringify(CONFIG), engine: "cpu", precision: "fast", ensemble: "1" })}`;
    const [{ page, errors }, cli] = await Promise.all([openPage(demo, demo.cpuBrowser, query), cliStatistics()]);
    // the link fills the seeds controls of the form
    expect(await page.inputValue("select[name='initial.seedMode']")).toBe("range");
    expect(await page.inputValue("input[name='initial.seeds.from']")).toBe("1");
    expect(await page.inputValue("input[name='initial.seeds.count']")).toBe(String(SEEDS));
    await runToEnd(page);
    const status = await page.evaluate(() => window.setsimDemo.status());
    expect(status.phase, status.error).toBe("done");
    // one run per seed and ONE ensemble run: (5 + 1) runs × 5 times, as planned and as the engine counted
    expect(status.total).toBe((SEEDS + 1) * CONFIG.times.length);
    expect((await page.evaluate(() => window.setsimRunStats!)).points).toBe(status.total);
    const runs = await page.evaluate(() => {
      const s = window.setsimDemo.state()!;
      return { seeds: s.values, results: s.results.filter(Boolean).length, ensemble: s.ensemble.filter(Boolean).length, ensembleInitial: s.ensemble[0]?.config.initial };
    });
    expect(runs).toEqual({ seeds: [1, 2, 3, 4, 5], results: SEEDS, ensemble: 1, ensembleInitial: { kind: "thermal" } });

    expect(cli.extremal).toEqual({ L: [], R: [1, 2] });
    const timed = cli.times.flatMap((t, k) => (t > 0 ? [k] : []));
    const at = (xs: Array<number | null>) => timed.map((k) => xs[k]);
    for (const p of TYPICALITY_PANELS) {
      const id = `fig8-typicality-${p.name}`;
      const series = await seriesOf(page, id);
      expect(series, id).toBeDefined();
      for (const [label, column] of p.columns) {
        const band = series.find((s) => s.label === `${label} 10–90 %`)!;
        const median = series.find((s) => s.label === `${label} median`)!;
        const ensemble = series.find((s) => s.label === `${label} ensemble`)!;
        expect(band && median && ensemble, `${id} ${label}: band, median and ensemble`).toBeTruthy();
        expect(band.x).toEqual(at(cli.times));
        expectSameStatistic(band.y, at(cli.trace[column].q90), `${id} ${column} q90`);
        expectSameStatistic(band.lo!, at(cli.trace[column].q10), `${id} ${column} q10`);
        expectSameStatistic(median.y, at(cli.trace[column].q50), `${id} ${column} q50`);
        expect(ensemble.x).toEqual(at(cli.times));
      }
    }
    // σ of seeds 1 and 2 is undefined: counted in the statistics and said in the chart, not drawn
    expect(at(cli.trace.sigma.extremal)).toEqual(timed.map(() => 2));
    expect(at(cli.trace.sigma.n)).toEqual(timed.map(() => SEEDS - 2));
    const production = await page.textContent("[data-chart='fig8-typicality-entropy-production'] svg");
    expect(production).toContain(`${SEEDS} pure states vs ensemble`);
    expect(production).toContain("σ: 2 of 5 left out (extremal bath)");
    expect(await page.textContent("[data-chart='fig8-typicality-beta-star'] svg")).not.toContain("left out");
    expect(errors).toEqual([]);
  }, 180_000);

  it("takes a list of seeds from the form, judged by the CLI's parser", async () => {
    const { page } = await openPage(demo, demo.cpuBrowser);
    await page.selectOption("select[name=preset]", "pure-seeds");
    expect(await page.inputValue("input[name='initial.seeds.count']")).toBe("20");
    await page.selectOption("select[name='initial.seedMode']", "list");
    await page.fill("input[name='initial.seeds']", "3, 7, 3");
    await page.click("#run");
    const error = page.locator(".field-error[data-for='initial.seeds']");
    await expect.poll(() => error.textContent()).toMatch(/repeats seed 3/);
    expect((await page.evaluate(() => window.setsimDemo.status())).phase).toBe("idle");
  });
});
