// The demo page under test: vite's dev server and two headless Chromiums (Debian's), one with the
// SwiftShader WebGPU adapter and one without WebGPU, and the few page helpers the page tests share.
import { existsSync } from "node:fs";
import { createServer, type ViteDevServer } from "vite";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error("CI needs Debian's chromium for the demo page test");
const BASE_ARGS = ["--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface Demo {
  url: string;
  gpuBrowser: Browser;
  cpuBrowser: Browser;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const server: ViteDevServer = await createServer({ configFile: "demo/vite.config.ts", logLevel: "error", server: { port: 0, host: "127.0.0.1" } });
  await server.listen();
  const url = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}/`;
  const gpuBrowser = await chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, "--enable-unsafe-webgpu", "--use-webgpu-adapter=swiftshader"] });
  const cpuBrowser = await chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, "--disable-webgpu"] });
  return {
    url, gpuBrowser, cpuBrowser,
    close: async () => {
      await gpuBrowser.close();
      await cpuBrowser.close();
      await server.close();
    },
  };
}

/** A page at `query`, once the demo has started and probed WebGPU; console errors are collected. */
export async function openPage(demo: Demo, browser: Browser, query = "", viewport = { width: 1500, height: 1000 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${demo.url}${query}`);
  await page.waitForFunction(() => window.setsimDemo !== undefined && document.querySelector("#gpu-status")?.getAttribute("data-webgpu"));
  return { page, errors };
}

export async function runToEnd(page: Page): Promise<void> {
  await page.click("#run");
  await page.waitForFunction(() => window.setsimDemo.status().phase !== "running" && window.setsimDemo.status().phase !== "idle", undefined, { timeout: 90_000 });
}

export const seriesOf = (page: Page, chart: string) => page.evaluate((id) => window.setsimDemo.chart(id)!, chart);
