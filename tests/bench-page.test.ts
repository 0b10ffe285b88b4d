// The benchmark page (demo/bench.html) in headless Chromium on SwiftShader: a K = 32 workload on WebGPU and the CPU engine to the end, its report and JSON export, a non-blank screenshot; and `setsim bench --runtime chromium`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { builtPages, PAGES } from "../src/runtime/page-build.ts";
import { serveStatic, type StaticServer } from "../src/runtime/static-server.ts";
import { webgpuFlags } from "../src/runtime/chromium.ts";
import { formatReport, parseBenchReports } from "../src/bench/report.ts";
import { pixelVariance } from "./helpers/pixel-variance.ts";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error("CI needs Debian's chromium for the benchmark page test");
const SCREENSHOTS = "results/bench-screenshots";

let server: StaticServer;
let browser: Browser;

describe.skipIf(!available)("benchmark page", () => {
  beforeAll(async () => {
    // the very pages and server that `setsim bench --runtime chromium` uses
    server = await serveStatic(await builtPages());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: webgpuFlags("swiftshader") });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs scaling at K = 32 on WebGPU and the CPU engine to the end, shows the adapter, passes and speed-up, and exports npm run bench's report", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${server.url}${PAGES.bench}?workload=scaling&K=32&engines=webgpu,cpu&autostart=1`);
    await page.waitForFunction(() => window.setsimBench?.status().phase === "done", undefined, { timeout: 60_000 });
    const status = await page.evaluate(() => window.setsimBench.status());
    expect(status.lanes.map((l) => [l.requested, l.phase, l.error])).toEqual([["webgpu", "done", undefined], ["cpu", expect.stringMatching(/^(done|stopped)$/), undefined]]);
    expect(await page.textContent("#adapter")).toMatch(/WebGPU adapter: .*swiftshader.*software adapter/i);
    expect(await page.locator("#limits tr").count()).toBeGreaterThan(4);
    expect(await page.textContent("#speedup")).toMatch(/^WebGPU [\d.]+ points\/s, CPU [\d.]+ points\/s: speed-up ×[\d.e+-]+$/);
    expect(await page.locator(".lane table.stages tr").count()).toBeGreaterThan(1);

    const download = page.waitForEvent("download");
    await page.click("#export");
    const reports = parseBenchReports(readFileSync((await (await download).path())!, "utf8"));
    expect(reports.map((r) => r.engine)).toEqual([expect.stringMatching(/^webgpu-fast \(/), expect.stringMatching(/^cpu-f64/)]);
    const gpu = reports[0].workloads[0];
    expect([gpu.name, gpu.points, gpu.total]).toEqual(["scaling@K=32", 5, 5]);
    expect(Object.keys(gpu.gpu!.stages).some((s) => s.startsWith("GPU:"))).toBe(true);
    expect(reports[0].machine).toMatch(/Chrome \d+ × \d+ cores \(browser\)/);
    expect(await page.textContent("#report")).toBe(reports.flatMap(formatReport).join("\n"));

    const png = await page.screenshot({ path: join(SCREENSHOTS, "bench-scaling-k32.png"), fullPage: true });
    expect(await pixelVariance(page, png)).toBeGreaterThan(100);
    expect(await page.locator("#chart path[data-lane]").count()).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it("setsim bench --runtime chromium prints npm run bench's report from the page", async () => {
    const env = { ...process.env, SETSIM_BROWSER: CHROMIUM };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["bin/setsim.mjs", "bench", "scaling", "--K", "16", "--runtime", "chromium", "--engine", "webgpu"], { env });
    expect(stderr).toMatch(/runtime chromium: .*SwiftShader/);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^machine: HeadlessChrome \d+ × \d+ cores \(browser\); engine webgpu-fast \(/);
    expect(lines[1]).toMatch(/^scaling@K=16: 5 points in [\d.]+ s = [\d.]+ ms\/point$/);
    expect(lines.some((l) => /^ {4}GPU: .*GFLOP\/s$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^scaling@K=16: GPU kernels [\d.]+ s of GPU time/);
  }, 60_000);
});
