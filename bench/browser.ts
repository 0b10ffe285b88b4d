/**
 * `npm run bench -- WORKLOAD... --browser [--engine …] [--precision …] [--host-threads N] [--compare]`:
 * the same workloads as the Node benchmark, run in headless Chromium (Debian's, on its SwiftShader
 * WebGPU adapter unless --webgpu-adapter says otherwise) through a page served by vite
 * (browser-bench.html), printed as the Node benchmark prints them.
 */
import os from "node:os";
import { createServer } from "vite";
import { chromium } from "playwright-core";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { type Measured, report, worstError } from "./measure.ts";
import { WORKLOADS } from "./workloads.ts";

const CHROMIUM = "/usr/bin/chromium";

export interface BrowserOptions {
  engine: string;
  precision: string;
  hostThreads?: string;
  compare: boolean;
  /** Chromium's --use-webgpu-adapter (default swiftshader) */
  adapter?: string;
}

export async function runInBrowser(names: string[], opts: BrowserOptions): Promise<void> {
  // no HMR: an edit to the sources during a long run would otherwise reload the page and restart it
  const server = await createServer({ root: process.cwd(), logLevel: "error", server: { port: 0, host: "127.0.0.1", hmr: false, watch: null } });
  await server.listen();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless=new", "--no-sandbox", "--enable-unsafe-webgpu", `--use-webgpu-adapter=${opts.adapter ?? "swiftshader"}`,
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
  try {
    console.log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} cores; headless Chromium ${browser.version()}`);
    const port = (server.httpServer!.address() as { port: number }).port;
    for (const name of names) {
      const make = WORKLOADS[name];
      if (!make) throw new Error(`unknown workload ${name}; known: ${Object.keys(WORKLOADS).join(", ")}`);
      const page = await browser.newPage();
      page.on("pageerror", (e) => console.error(`page error: ${e}`));
      const q = new URLSearchParams({ workload: name, engine: opts.engine, precision: opts.precision });
      if (opts.hostThreads !== undefined) q.set("host-threads", opts.hostThreads);
      await page.goto(`http://127.0.0.1:${port}/bench/browser-bench.html?${q}`);
      await page.waitForFunction(() => window.setsimBench !== undefined, undefined, { timeout: 0, polling: 1000 });
      const result = await page.evaluate(() => window.setsimBench!);
      await page.close();
      if (result.error) throw new Error(`${name} in the browser: ${result.error}`);
      const m = result.measured as Measured;
      const jobs = make();
      console.log(`${name}: in headless Chromium (navigator.hardwareConcurrency = ${result.cores})`);
      if (opts.compare) {
        for (const [k, job] of jobs.entries()) {
          // at the page's own times: Chromium's V8 may round a power in the time grid one ulp apart
          // from Node's, which at t ~ 1e7 moves phases by ~1e−8
          const times = m.runs[k].rows.map((r) => r.t);
          console.log(`  ${name}: ${job.label}: worst error against cpu-f64: ${worstError(m.runs[k].rows, (await runCpu(job.problem, times)).rows)}`);
        }
      }
      for (const line of report(name, m, jobs)) console.log(line);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
