// The WebGPU engine in headless Chromium (SwiftShader adapter), served by vite from localhost: same code as in Node, same numbers as the
// CPU engine (S_B's secular equation on the GPU included), and the engines' Web Worker pools give the bits of one thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { createServer, type ViteDevServer } from "vite";
import { chromium, type Browser } from "playwright-core";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { ROW_COLUMNS, type Row } from "../src/observables/columns.ts";
import type { Problem } from "../src/model/problem.ts";
import { expectAllClose } from "./helpers/allclose.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";
import { paddedSize } from "../src/engine/webgpu/gpu-batch.ts";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error("CI needs Debian's chromium for the browser test");

let server: ViteDevServer;
let browser: Browser;
const origin = () => `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;

describe.skipIf(!available)("WebGPU engine in headless Chromium", () => {
  beforeAll(async () => {
    server = await createServer({ root: process.cwd(), logLevel: "error", server: { port: 0, host: "127.0.0.1" } });
    await server.listen();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless=new", "--no-sandbox", "--enable-unsafe-webgpu", "--use-webgpu-adapter=swiftshader",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([["fast", 1e-3], ["accurate", 1e-8]] as const)("runs a thermal case-(a) config at K = 16 in %s mode and matches the f64 engine within %s·max(|x|, 1)", async (precision, tol) => {
    const problem: Problem = {
      KL: 16, KR: 16, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1,
      GammaL: 3, GammaR: 3, initial: { kind: "thermal" },
    };
    const times = [0, 0.5, 10, 1e3, 1e6];
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const q = new URLSearchParams({ problem: JSON.stringify(problem), times: JSON.stringify(times), precision });
    await page.goto(`${origin()}/demo/engine-check.html?${q}`);
    await page.waitForFunction(() => window.setsimCheck !== undefined, undefined, { timeout: 90_000 });
    const check = await page.evaluate(() => window.setsimCheck!);
    console.info(`browser adapter: ${check.adapter}, engine ${check.engine}`);
    expect(check.error, check.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(check.engine).toMatch(new RegExp(`^webgpu-${precision}`));
    const ref = await runCpu(problem, times);
    const rows = check.rows as Row[];
    for (let i = 0; i < times.length; i++) {
      for (const c of ROW_COLUMNS) {
        const want = ref.rows[i][c];
        // JSON through the page turns non-finite numbers into null
        if (!Number.isFinite(want)) continue;
        expectAllClose(rows[i][c], want, tol * Math.max(Math.abs(want), 1), 0, `${c} at t=${times[i]}`);
      }
    }
    await page.close();
  }, 120_000);

  it("solves S_B's secular equation on the GPU for every configuration in one runMany: every column within 1e-8·max(|x|, 1), S_B and I_S−B within 1e−10, also at t = 1e−7 where I_S−B ~ 1e−12", async () => {
    const problems = engineConfigs.map(([, p]) => p).filter((p) => p.KL <= 32);
    const times = [1e-7, 0.3, 15, 1e3, 1e8];
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const q = new URLSearchParams({ problems: JSON.stringify(problems), times: JSON.stringify(times), precision: "accurate" });
    await page.goto(`${origin()}/demo/engine-check.html?${q}`);
    await page.waitForFunction(() => window.setsimCheck !== undefined, undefined, { timeout: 110_000 });
    const check = await page.evaluate(() => window.setsimCheck!);
    expect(check.error, check.error).toBeUndefined();
    expect(errors).toEqual([]);
    const runs = check.runs as Array<{ rows: Row[] }>;
    for (const [k, p] of problems.entries()) {
      const ref = await runCpu(p, times);
      for (let i = 0; i < times.length; i++) {
        for (const c of ROW_COLUMNS) {
          const want = ref.rows[i][c];
          // JSON through the page turns non-finite numbers into null; β* of a nearly extremal pure bath at t = 1e−7 hangs on occupations within 1e−13 of 0 or 1
          if (!Number.isFinite(want) || (times[i] < 1e-3 && !["SB", "ISB", "SS", "nd"].includes(c))) continue;
          const tol = c === "SB" || c === "ISB" ? 1e-10 : 1e-8 * Math.max(Math.abs(want), 1);
          expectAllClose(runs[k].rows[i][c], want, tol, 0, `${p.initial.kind} K=${p.KL}/${p.KR}: ${c} at t=${times[i]}`);
        }
      }
      expect(Math.abs(ref.rows[0].ISB)).toBeLessThan(1e-10);
    }
    // the configurations' points share one GPU submission per padded block size
    expect(check.submissions).toBe(new Set(problems.map((p) => paddedSize(Math.max(p.KL, p.KR)))).size);
    await page.close();
  }, 120_000);

  it("runs the engines' Web Worker pools with the same bits as one thread (CPU engine: block entropies; WebGPU engine: host share)", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${origin()}/demo/pool-check.html`);
    await page.waitForFunction(() => window.setsimPoolCheck !== undefined, undefined, { timeout: 110_000 });
    const check = await page.evaluate(() => window.setsimPoolCheck!);
    console.info(`browser pool: ${check.cores} cores, default host pool ${check.defaultHostThreads}; ${check.checks.map((c) => c.name).join("; ")}`);
    expect(check.error, check.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(check.defaultHostThreads).toBe(Math.min(15, Math.max(1, check.cores - 1)));
    expect(check.checks.length).toBe(4);
    for (const c of check.checks) expect(c.same, `${c.name}: ${c.firstDifference}`).toBe(true);
    await page.close();
  }, 120_000);
});
