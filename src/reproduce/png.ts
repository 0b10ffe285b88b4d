/**
 * PNG copies of the report's SVG figures, rendered by a headless Chromium through playwright-core
 * where both are installed (a development checkout: playwright-core is a devDependency). Elsewhere
 * the report keeps its SVGs only and says why.
 */
import { existsSync } from "node:fs";

/** Where Chromium is looked for: $SETSIM_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string | undefined {
  const path = process.env.SETSIM_CHROMIUM ?? "/usr/bin/chromium";
  return existsSync(path) ? path : undefined;
}

/**
 * Renders each SVG (780×440, at twice the pixel density) to the PNG path given beside it. Resolves
 * to the number rendered, or to the reason none could be.
 */
export async function renderPngs(items: ReadonlyArray<{ svg: string; path: string }>): Promise<{ rendered: number } | { reason: string }> {
  const executablePath = chromiumPath();
  if (!executablePath) return { reason: "no Chromium found (set SETSIM_CHROMIUM)" };
  let chromium: { launch(o: object): Promise<{ newPage(o: object): Promise<PageLike>; close(): Promise<void> }> };
  try {
    const name = "playwright-core"; // a variable specifier: an optional (development) dependency
    ({ chromium } = await import(/* @vite-ignore */ name));
  } catch {
    return { reason: "playwright-core is not installed" };
  }
  const browser = await chromium.launch({ executablePath, args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 780, height: 440 }, deviceScaleFactor: 2 });
    for (const { svg, path } of items) {
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      await page.screenshot({ path, clip: { x: 0, y: 0, width: 780, height: 440 } });
    }
    return { rendered: items.length };
  } finally {
    await browser.close();
  }
}

interface PageLike {
  setContent(html: string): Promise<void>;
  screenshot(o: { path: string; clip: { x: number; y: number; width: number; height: number } }): Promise<unknown>;
}
