/**
 * Headless Chrome/Chromium with WebGPU, showing one of the built pages from a localhost server
 * (playwright-core drives it; no browser download). On a GPU the Linux flags are those Chrome needs
 * headless (ANGLE on Vulkan, no surface); without one, Dawn's SwiftShader adapter (correct, slow).
 */
import { existsSync, readdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { DeviceLostError } from "../errors.ts";
import { BrowserError, findBrowser } from "./find-browser.ts";
import { builtPages, PAGES } from "./page-build.ts";
import { serveStatic } from "./static-server.ts";

/** Which WebGPU adapter to ask the browser for: `auto` is the GPU where the machine shows one, else SwiftShader. */
export type AdapterChoice = "auto" | "gpu" | "swiftshader";

export interface BrowserOptions {
  /** the executable (default: findBrowser's search) */
  browser?: string;
  adapter?: AdapterChoice;
  /** one line at a time, for the user (stderr) */
  log?: (line: string) => void;
}

export interface BrowserPage {
  page: Page;
  /** "Chromium 156.0…" and the executable */
  description: string;
  /** rejects (DeviceLostError) if the page crashes or the browser goes away before close() */
  lost: Promise<never>;
  close(): Promise<void>;
}

/** A GPU the browser could use: always on macOS and Windows; on Linux, a DRM render node or an NVIDIA device. */
function machineHasGpu(): boolean {
  if (process.platform !== "linux") return true;
  const dri = existsSync("/dev/dri") && readdirSync("/dev/dri").some((f) => f.startsWith("renderD"));
  return dri || existsSync("/dev/nvidia0");
}

/** The browser flags for WebGPU with this adapter. */
export function webgpuFlags(adapter: "gpu" | "swiftshader", platform = process.platform): string[] {
  const base = ["--headless=new", "--enable-unsafe-webgpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
  if (adapter === "swiftshader") return [...base, "--use-webgpu-adapter=swiftshader"];
  // headless Chrome on Linux reaches a GPU through ANGLE's Vulkan backend, without a window surface
  return platform === "linux" ? [...base, "--use-angle=vulkan", "--enable-features=Vulkan", "--disable-vulkan-surface"] : base;
}

/** Starts the browser and shows `which` page (with `query`), served from 127.0.0.1. */
export async function openBrowserPage(which: keyof typeof PAGES, query: string, opts: BrowserOptions = {}): Promise<BrowserPage> {
  const executable = findBrowser(opts.browser);
  const adapter = !opts.adapter || opts.adapter === "auto" ? (machineHasGpu() ? "gpu" : "swiftshader") : opts.adapter;
  const dir = await builtPages(opts.log);
  const server = await serveStatic(dir);
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: executable,
      args: webgpuFlags(adapter),
      // Ctrl-C is the CLI's to handle: the browser goes with the process (playwright kills it on exit)
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (e) {
    await server.close();
    throw new BrowserError(`${executable} did not start: ${String((e as Error).message).split("\n")[0]}`);
  }
  let closing = false;
  let fail: (e: Error) => void = () => {};
  const lost = new Promise<never>((_, reject) => (fail = reject));
  lost.catch(() => {});
  const page = await browser.newPage();
  page.on("crash", () => fail(new DeviceLostError(`the browser's page crashed (${executable}); finished results are kept, --resume continues`, "crash")));
  browser.on("disconnected", () => {
    if (!closing) fail(new DeviceLostError(`the browser exited during the run (${executable}); finished results are kept, --resume continues`, "browser exited"));
  });
  await page.goto(`${server.url}${PAGES[which]}${query}`);
  return {
    page,
    description: `${executable} (${browser.version()}, ${adapter === "swiftshader" ? "SwiftShader WebGPU adapter" : "GPU flags"})`,
    lost,
    async close() {
      closing = true;
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}
