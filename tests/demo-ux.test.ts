// The demo page's behaviour in headless Chromium: Cancel keeps every finished time, engine "auto" on a
// software adapter, Run/Cancel in view and no sideways scroll, the 400 px layout, a shared link's
// shown trace, and the up-front CPU estimate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, type Demo, openPage, runToEnd, seriesOf, startDemo } from "./helpers/demo-page.ts";

let demo: Demo;

describe.skipIf(!available)("demo page behaviour", () => {
  beforeAll(async () => {
    demo = await startDemo();
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
  });

  it("Cancel stops the worker and keeps every finished time, those of the running value included", async () => {
    const { page } = await openPage(demo, demo.cpuBrowser);
    await page.selectOption("select[name=preset]", "case-a");
    await page.fill("input[name=K]", "96");
    await page.selectOption("select[name=engine]", "cpu");
    await page.click("#run");
    // the first value is still running but has finished some of its times
    await page.waitForFunction(() => {
      const s = window.setsimDemo.state();
      const r = s?.results[0];
      return r !== undefined && s!.partial.has(r) && r.rows.length >= 8;
    }, undefined, { timeout: 60_000, polling: 20 });
    await page.click("#cancel");
    const status = await page.evaluate(() => window.setsimDemo.status());
    expect(status.phase).toBe("cancelled");
    expect(status.done!).toBeLessThan(status.total!);
    const kept = await page.evaluate(() => window.setsimDemo.state()!.results[0]!.rows.length);
    expect(kept).toBeGreaterThanOrEqual(8);
    expect(kept).toBeLessThan(143);
    await page.waitForTimeout(500);
    // the worker is gone: nothing moves any more
    expect((await page.evaluate(() => window.setsimDemo.status())).done).toBe(status.done);
    expect(await page.evaluate(() => window.setsimDemo.state()!.results[0]!.rows.length)).toBe(kept);
    expect(await page.textContent("#progress-text")).toContain("cancelled");
    // the kept times are drawn (t = 0 is not on a log axis), with their references and regimes
    const beta = (await seriesOf(page, "fig4-beta")).find((x) => x.label === "β*_L")!;
    expect(beta.x.length).toBe(kept - 1);
    expect(await page.locator('[data-chart="fig4-beta"] .plot-area path[data-series]').count()).toBeGreaterThan(0);
    // a partial trace is not what `setsim run` writes, and no average has finished: nothing to export
    expect(await page.isDisabled('#result-controls button[data-export="json"]')).toBe(true);
    expect(await page.isDisabled('#result-controls button[data-export="averages-csv"]')).toBe(true);
    expect(await page.textContent("#value-select option")).toMatch(/running: \d+ times so far/);
    expect(await page.isEnabled("#run")).toBe(true);
    await page.close();
  }, 90_000);

  it("engine auto on a software (fallback) adapter runs the CPU engine and says why", async () => {
    const { page, errors } = await openPage(demo, demo.gpuBrowser);
    expect(await page.getAttribute("#gpu-status", "data-webgpu")).toBe("software");
    expect(await page.textContent("#gpu-status")).toMatch(/auto chose the CPU engine: the only WebGPU adapter \(.*swiftshader.*\) is a software fallback/i);
    await page.selectOption("select[name=preset]", "small");
    await page.fill("input[name=K]", "8");
    await page.selectOption("select[name=engine]", "auto");
    await runToEnd(page);
    const status = await page.evaluate(() => window.setsimDemo.status());
    expect(status.phase, status.error).toBe("done");
    expect(status.engine).toMatch(/^cpu/);
    expect(await page.textContent("#engine-name")).toMatch(/auto chose the CPU engine: the only WebGPU adapter .* is a software fallback/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it.each([[1366, 768], [1920, 1080]])("Run and Cancel are in view at load and stay there at %i×%i; nothing scrolls sideways", async (width, height) => {
    const page = await demo.cpuBrowser.newPage({ viewport: { width, height } });
    await page.goto(demo.url);
    await page.waitForFunction(() => window.setsimDemo !== undefined);
    const inView = async () => {
      for (const id of ["#run", "#cancel"]) {
        const b = (await page.locator(id).boundingBox())!;
        expect(b.y, id).toBeGreaterThanOrEqual(0);
        expect(b.y + b.height, id).toBeLessThanOrEqual(height);
      }
    };
    await inView();
    // the page scrolled to the figures, and the form scrolled to its end
    await page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight);
      const f = document.querySelector("form")!;
      f.scrollTop = f.scrollHeight;
    });
    await inView();
    const overflow = await page.evaluate(() => {
      const f = document.querySelector("form")!;
      const right = f.getBoundingClientRect().left + f.clientWidth + 0.5;
      return {
        page: document.documentElement.scrollWidth - innerWidth,
        form: f.scrollWidth - f.clientWidth,
        sticking: Array.from(f.querySelectorAll("*")).filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > right).map((e) => e.outerHTML.slice(0, 60)),
      };
    });
    expect(overflow).toEqual({ page: 0, form: 0, sticking: [] });
    await page.close();
  }, 60_000);

  it("at 400 px wide stacks the form above the charts and draws every chart at least 300 px wide", async () => {
    const page = await demo.cpuBrowser.newPage({ viewport: { width: 400, height: 800 } });
    await page.goto(demo.url);
    await page.waitForFunction(() => window.setsimDemo !== undefined);
    await page.selectOption("select[name=preset]", "small");
    await page.fill("input[name=K]", "8");
    await page.selectOption("select[name=engine]", "cpu");
    await runToEnd(page);
    const form = (await page.locator("form").boundingBox())!;
    const output = (await page.locator("#output").boundingBox())!;
    expect(form.y + form.height).toBeLessThanOrEqual(output.y + 1);
    const widths = await page.locator(".chart svg").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(widths.length).toBeGreaterThan(5);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(0);
    // the Run button stays reachable while the form is in view
    await page.evaluate(() => window.scrollTo(0, 600));
    const run = (await page.locator("#run").boundingBox())!;
    expect(run.y).toBeGreaterThanOrEqual(0);
    await page.close();
  }, 60_000);

  it("a shared link restores the form, offers to run it, and keeps the shown trace", async () => {
    const config = { K: 8, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: [3, 30], initial: { kind: "thermal" }, times: [0, 1, 100, 1e4] };
    const query = `?${new URLSearchParams({ config: JSON.stringify(config), engine: "cpu", precision: "fast", shown: "1" })}`;
    const { page, errors } = await openPage(demo, demo.cpuBrowser, query);
    expect(await page.isVisible("#shared-offer")).toBe(true);
    expect(await page.textContent("#shared-offer")).toContain("showing swept value no. 2");
    // exports wait for data
    for (const b of await page.locator("#result-controls button[data-export]").all()) expect(await b.isDisabled()).toBe(true);
    await page.click("#run-shared");
    await page.waitForFunction(() => window.setsimDemo.status().phase === "done", undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => window.setsimDemo.state()!.selected)).toBe(1);
    expect(await page.inputValue("#value-select")).toBe("1");
    expect(await page.textContent('[data-chart="fig4-beta"] svg > text')).toContain("Γ = 30");
    expect(new URL(page.url()).searchParams.get("shown")).toBe("1");
    expect(await page.isEnabled('#result-controls button[data-export="json"]')).toBe(true);
    await page.selectOption("#value-select", "0");
    expect(new URL(page.url()).searchParams.get("shown")).toBeNull();
    await page.selectOption("#value-select", "1");
    const shared = await openPage(demo, demo.cpuBrowser, new URL(page.url()).search);
    expect(await shared.page.textContent("#shared-offer")).toContain("showing swept value no. 2");
    expect(await shared.page.inputValue("input[name='sweep.list']")).toBe("3, 30");
    await shared.page.close();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("says up front how long a K ≥ 500 run takes on the CPU engine", async () => {
    const { page } = await openPage(demo, demo.cpuBrowser);
    await page.selectOption("select[name=preset]", "case-a");
    await page.selectOption("select[name=engine]", "cpu");
    expect(await page.getAttribute("#estimate", "class")).not.toContain("warning");
    await page.fill("input[name=K]", "500");
    await expect.poll(() => page.textContent("#estimate")).toMatch(/^CPU engine: about \d+ (min|h) for 858 points at K = 500 \(the cost grows as K³\)\. No WebGPU here/);
    expect(await page.getAttribute("#estimate", "class")).toContain("warning");
    await page.close();
  }, 60_000);
});
