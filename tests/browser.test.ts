// The WebGPU engine in headless Chromium (SwiftShader adapter), served by vite from localhost: same code as in Node, same numbers as the CPU engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { createServer, type ViteDevServer } from "vite";
import { chromium, type Browser } from "playwright-core";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { ROW_COLUMNS, type Row } from "../src/observables/columns.ts";
import type { Problem } from "../src/model/problem.ts";
import { expectAllClose } from "./helpers/allclose.ts";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error("CI needs Debian's chromium for the browser test");

let server: ViteDevServer;
let browser: Browser;

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
    const address = server.httpServer!.address() as { port: number };
    const q = new URLSearchParams({ problem: JSON.stringify(problem), times: JSON.stringify(times), precision });
    await page.goto(`http://127.0.0.1:${address.port}/demo/engine-check.html?${q}`);
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
});
