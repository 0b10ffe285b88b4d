// The demo page end to end in headless Chromium: runs on the SwiftShader WebGPU adapter and on the CPU
// fallback, the same numbers (and files) as the CLI, validation, and non-blank views (the page's
// behaviour — Cancel, engine choice, layout, links — is in demo-ux.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "vite";
import type { Page } from "playwright-core";
import { parseResultJson } from "../src/io/format.ts";
import type { Row } from "../src/observables/columns.ts";
import { expectAllClose } from "./helpers/allclose.ts";
import { pixelVariance } from "./helpers/pixel-variance.ts";
import { available, type Demo, openPage as open, runToEnd, seriesOf, startDemo } from "./helpers/demo-page.ts";

const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";
const SCREENSHOTS = "results/demo-screenshots";

/** Small enough for SwiftShader: K = 16, two Γ, five times, a two-point regime-III average; pure state + ensemble so every view draws. */
const CONFIG = {
  K: 16, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1,
  Gamma: [3, 30],
  initial: { kind: "pure", seed: 5 },
  times: [0, 0.5, 10, 1000, 1e6],
  average: { from: 1e5, to: 1e6, points: 2 },
};

let demo: Demo;
const work = mkdtempSync(join(tmpdir(), "setsim-demo-"));

/** `setsim run` on CONFIG with the given engine: the sweep directory. */
async function cli(engine: "cpu" | "webgpu"): Promise<string> {
  const cfg = join(work, "cfg.json");
  writeFileSync(cfg, JSON.stringify(CONFIG));
  const out = join(work, engine);
  rmSync(out, { recursive: true, force: true });
  const env = { ...process.env, VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? SWIFTSHADER_ICD };
  await promisify(execFile)(process.execPath, ["bin/setsim.mjs", "run", cfg, "--out", out, "--engine", engine, "--no-plots"], { env });
  return out;
}

const openPage = (browser: Demo["gpuBrowser"], query = "") => open(demo, browser, query);

const configQuery = (engine: string, precision = "fast") => `?${new URLSearchParams({ config: JSON.stringify(CONFIG), engine, precision, ensemble: "1" })}`;

/** allclose where the CLI's value is finite; where its JSON holds null (NaN here) the page's value must be non-finite too. */
function expectSameValues(page: number[], cli: number[], tol: number, label: string): void {
  expect(page.map(Number.isFinite), `${label}: finite entries`).toEqual(cli.map(Number.isFinite));
  const finite = cli.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
  expectAllClose(finite.map((i) => page[i]), finite.map((i) => cli[i]), tol, 0, label);
}

/**
 * The same file but for the last bits of some numbers: Chromium's V8 and Node's may round a few
 * library calls (exp, log) differently, so numbers are compared to 1e-12 (absolute, plus 1e-10 relative) and everything
 * else — keys, order, layout, null/inf — exactly.
 */
function expectSameFile(page: string, cli: string, label: string): void {
  const num = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi;
  expect(page.replace(num, "#"), `${label}: layout`).toBe(cli.replace(num, "#"));
  const a = (page.match(num) ?? []).map(Number);
  const b = (cli.match(num) ?? []).map(Number);
  expectAllClose(a, b, 1e-12, 1e-10, `${label}: numbers`);
}

/** The page's plotted series against the CLI's files: traces of the first Γ (Figs. 4, 5) and the averages (Fig. 6). */
async function expectSameAsCli(page: Page, dir: string, tol: number): Promise<void> {
  const run = parseResultJson(readFileSync(join(dir, "000_Gamma=3.json"), "utf8"));
  const timed = run.rows.filter((r) => r.t > 0);
  const traces: Array<[string, string, keyof Row]> = [
    ["fig4-beta", "β*_L", "betaL"], ["fig4-mu", "μ*_R", "muR"], ["fig4-drel", "D[ρ_L‖π_L]/S^π_L", "DrelL"],
    ["fig5-mi", "I_{L−R}", "ILR"], ["fig5-mi", "I_{oR}", "IoR"], ["fig5-production", "Σ", "Sigma"], ["fig5-production", "σ", "sigma"],
  ];
  for (const [chart, label, column] of traces) {
    const s = (await seriesOf(page, chart)).find((x) => x.label === label)!;
    expect(s, `${chart} ${label}`).toBeDefined();
    expect(s.x).toEqual(timed.map((r) => r.t));
    expectSameValues(s.y, timed.map((r) => r[column]), tol, `${chart} ${label}`);
  }
  const averages = JSON.parse(readFileSync(join(dir, "averages.json"), "utf8")) as { rows: Array<Record<string, number>> };
  const fig6 = await seriesOf(page, "fig6-averages");
  expect(fig6.find((x) => x.label === "Σ")!.x).toEqual([3, 30]);
  expectSameValues(fig6.find((x) => x.label === "Σ")!.y, averages.rows.map((r) => r.Sigma ?? NaN), tol, "fig6 Σ");
  expectSameValues(fig6.find((x) => x.label === "I_{L−R}")!.y, averages.rows.map((r) => r.ILR ?? NaN), tol, "fig6 I_L−R");
  const normalized = await seriesOf(page, "fig6-normalized");
  expectSameValues(normalized[0].y, averages.rows.map((r) => r.ISB / Math.LN2), tol, "fig6 I_S−B/ln 2");
}

describe.skipIf(!available)("demo page in headless Chromium", () => {
  beforeAll(async () => {
    demo = await startDemo();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("runs a sweep on the SwiftShader WebGPU adapter, plots the CLI's numbers (--engine webgpu) and draws every view", async () => {
    const [{ page, errors }, dir] = await Promise.all([openPage(demo.gpuBrowser, configQuery("webgpu")), cli("webgpu")]);
    // SwiftShader is a software adapter: the page says "auto" would not take it (WebGPU asked for here)
    expect(await page.getAttribute("#gpu-status", "data-webgpu")).toBe("software");
    await runToEnd(page);
    const status = await page.evaluate(() => window.setsimDemo.status());
    expect(status.phase, status.error).toBe("done");
    expect(status.engine).toMatch(/^webgpu/);
    expect(status.done).toBe(status.total);
    expect(status.total).toBe(2 * 2 * 7);
    // the values (and their ensemble twins) went to the engine in one runMany: one GPU submission
    const stats = await page.evaluate(() => window.setsimRunStats!);
    expect(stats.points).toBe(status.total);
    expect(stats.submissions).toBeLessThan(CONFIG.Gamma.length);
    await expectSameAsCli(page, dir, 1e-6);

    // every view: a screenshot with varying pixels, and drawn curves in its plot areas
    const views = await page.locator("section.view").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.view!));
    expect(views).toEqual(["initial", "thermo", "production", "averages", "pure", "asymmetric"]);
    for (const id of views) {
      const section = page.locator(`section[data-view="${id}"]`);
      const png = await section.screenshot({ path: join(SCREENSHOTS, `webgpu-${id}.png`) });
      expect(await pixelVariance(page, png), id).toBeGreaterThan(100);
      const paths = await section.locator(".plot-area path[data-series]").evaluateAll((ps) => ps.filter((p) => (p.getAttribute("d") ?? "").length > 20).length);
      expect(paths, `${id}: drawn curves`).toBeGreaterThan(0);
    }

    // Fig. 8: the legend tells the ensemble's β*_L from its β*_R (not two identical grey entries)
    const strokes = await page.locator('[data-chart="fig8-beta"] .plot-area path[data-series]').evaluateAll((ps) =>
      Object.fromEntries(ps.map((p) => [p.getAttribute("data-series"), `${p.getAttribute("stroke")} ${p.getAttribute("stroke-width")}`])));
    expect(Object.keys(strokes)).toEqual(["β*_L ensemble (thick)", "β*_R ensemble (thick)", "β*_L pure state", "β*_R pure state"]);
    expect(new Set(Object.values(strokes)).size).toBe(4);
    // Fig. 4: the infinite-time references and the regime rule are in the legend
    const legend = await page.locator('[data-chart="fig4-beta"] svg').textContent();
    expect(legend).toContain("(∞) infinite time");
    expect(legend).toContain("of its way β*");

    // hovering a chart reads the values off its curves
    const beta = page.locator('[data-chart="fig4-beta"]');
    await beta.scrollIntoViewIfNeeded();
    const box = (await beta.locator("svg").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
    await expect.poll(() => beta.locator(".tooltip").isVisible()).toBe(true);
    expect(await beta.locator(".tooltip").textContent()).toMatch(/^t = .*β\*L = .*β\*R = /);

    // exports: SVG and PNG of a chart, the run's JSON as the CLI writes it
    const svgDownload = page.waitForEvent("download");
    await page.locator('[data-chart="fig4-beta"] button[data-export="svg"]').click();
    const svg = readFileSync((await (await svgDownload).path())!, "utf8");
    expect(svg).toContain("<svg");
    expect(svg).toContain("<path");
    const pngDownload = page.waitForEvent("download");
    await page.locator('[data-chart="fig4-beta"] button[data-export="png"]').click();
    const png = readFileSync((await (await pngDownload).path())!);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(await pixelVariance(page, png)).toBeGreaterThan(100);
    expect(await page.textContent('[data-chart="fig4-beta"] button[data-export="svg"]')).toBe("Fig. 4 β* as SVG");
    expect(await page.getAttribute('[data-chart="fig4-beta"] svg', "role")).toBe("img");
    expect(await page.textContent('[data-chart="fig4-beta"] svg > title')).toContain("Effective inverse temperatures");
    const jsonDownload = page.waitForEvent("download");
    await page.click('#result-controls button[data-export="json"]');
    const download = await jsonDownload;
    expect(download.suggestedFilename()).toBe("000_Gamma=3.json");
    expect(parseResultJson(readFileSync((await download.path())!, "utf8")).rows).toHaveLength(5);

    // the URL holds the parameters: a fresh page from it shows the same config
    const shared = await openPage(demo.gpuBrowser, new URL(page.url()).search);
    expect(await shared.page.inputValue("input[name=K]")).toBe("16");
    expect(await shared.page.inputValue("input[name='sweep.list']")).toBe("3, 30");
    expect(await shared.page.inputValue("select[name=engine]")).toBe("webgpu");
    expect(await shared.page.isChecked("input[name=ensemble]")).toBe(true);
    await shared.page.close();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("without WebGPU says so, runs on the CPU engine and exports the CLI's files (same layout, numbers to 1e-12)", async () => {
    const [{ page, errors }, dir] = await Promise.all([openPage(demo.cpuBrowser, configQuery("auto")), cli("cpu")]);
    expect(await page.getAttribute("#gpu-status", "data-webgpu")).toBe("no");
    expect(await page.textContent("#gpu-status")).toContain("CPU engine");
    await runToEnd(page);
    const status = await page.evaluate(() => window.setsimDemo.status());
    expect(status.phase, status.error).toBe("done");
    expect(status.engine).toMatch(/^cpu/);
    expect(await page.textContent("#engine-name")).toContain("auto chose the CPU engine: this browser has no WebGPU adapter");
    await expectSameAsCli(page, dir, 1e-10);
    const files = await page.evaluate(() => ({
      json: window.setsimDemo.exportText("json"),
      csv: window.setsimDemo.exportText("csv"),
      avgJson: window.setsimDemo.exportText("averages-json"),
      avgCsv: window.setsimDemo.exportText("averages-csv"),
    }));
    expectSameFile(files.json!.text, readFileSync(join(dir, "000_Gamma=3.json"), "utf8"), "run JSON");
    expectSameFile(files.avgJson!.text, readFileSync(join(dir, "averages.json"), "utf8"), "averages.json");
    expectSameFile(files.avgCsv!.text, readFileSync(join(dir, "averages.csv"), "utf8"), "averages.csv");
    expect(files.csv!.text.split("\n")[0]).toBe("t,nd,EL,ER,NL,NR,betaL,muL,betaR,muR,SS,SL,SR,SB,ISB,ILR,IoL,IoR,Dstar,Sigma,QL,QR,sigma,Deq,DrelL,DrelR");
    for (const id of ["thermo", "averages"]) {
      const png = await page.locator(`section[data-view="${id}"]`).screenshot({ path: join(SCREENSHOTS, `cpu-${id}.png`) });
      expect(await pixelVariance(page, png), id).toBeGreaterThan(100);
    }
    expect(errors.filter((e) => !/No available adapters/.test(e))).toEqual([]);
    await page.close();
  }, 120_000);

  it("passes the precision through: WebGPU accurate mode plots the f64 CLI's numbers to 1e-6", async () => {
    const [{ page, errors }, dir] = await Promise.all([openPage(demo.gpuBrowser, configQuery("webgpu", "accurate")), cli("cpu")]);
    await runToEnd(page);
    const status = await page.evaluate(() => window.setsimDemo.status());
    expect(status.phase, status.error).toBe("done");
    expect(status.engine).toMatch(/^webgpu-accurate/);
    await expectSameAsCli(page, dir, 1e-6);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("builds a static site (npm run build:demo) with relative asset paths and a worker chunk", async () => {
    const outDir = join(work, "site");
    await build({ configFile: "demo/vite.config.ts", logLevel: "silent", build: { outDir, emptyOutDir: true } });
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    expect(html).toMatch(/src="\.\/assets\/index-[\w-]+\.js"/);
    expect(readdirSync(join(outDir, "assets")).some((f) => /^worker-.*\.js$/.test(f))).toBe(true);
  }, 60_000);

  it("an invalid field blocks the run and shows the parser's rule next to it", async () => {
    const { page, errors } = await openPage(demo.cpuBrowser);
    await page.selectOption("select[name=preset]", "small");
    const cases: Array<[string, string, string, string]> = [
      ["input[name=W]", "-1", "W", "W: must be > 0"],
      ["input[name=betaL]", "abc", "betaL", "betaL: must be a number, a list of numbers, or a grid {from, to, points}"],
      ["input[name='times.to']", "1e-5", "times.to", "times.to: must be ≥ from"],
    ];
    for (const [selector, bad, control, message] of cases) {
      const good = await page.inputValue(selector);
      await page.fill(selector, bad);
      await page.click("#run");
      await expect.poll(() => page.textContent(`.field-error[data-for="${control}"]`)).toBe(message);
      expect(await page.getAttribute(selector, "aria-invalid")).toBe("true");
      expect((await page.evaluate(() => window.setsimDemo.status())).phase).toBe("idle");
      await page.fill(selector, good);
    }
    // a swept grid's field maps back to the sweep box
    await page.selectOption("select[name='sweep.field']", "Gamma");
    await page.fill("input[name='sweep.from']", "1");
    await page.fill("input[name='sweep.to']", "10");
    await page.fill("input[name='sweep.points']", "0");
    await page.click("#run");
    await expect.poll(() => page.textContent('.field-error[data-for="sweep.points"]')).toBe("Gamma.points: must be an integer ≥ 1");
    expect((await page.evaluate(() => window.setsimDemo.status())).phase).toBe("idle");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("asking for WebGPU where there is none fails with the engine's message, and nothing is drawn", async () => {
    const { page } = await openPage(demo.cpuBrowser);
    await page.selectOption("select[name=preset]", "small");
    await page.fill("input[name=K]", "8");
    await page.selectOption("select[name=engine]", "webgpu");
    await runToEnd(page);
    expect((await page.evaluate(() => window.setsimDemo.status())).phase).toBe("error");
    expect(await page.textContent("#form-error")).toMatch(/^DeviceLimitError: .*no WebGPU adapter found/);
    expect(await page.locator('[data-chart="fig4-beta"]').count()).toBe(0);
    await page.close();
  }, 60_000);
});
