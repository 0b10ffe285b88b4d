// The package as users get it: `npm pack`, the tarball installed into a fresh project, imported in Node
// and in a vite-built page (headless Chromium), a small config run: the same results as the CLI's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build, preview, type PreviewServer } from "vite";
import { chromium } from "playwright-core";
import { expectSameFile } from "./helpers/same-file.ts";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");
const CHROMIUM = "/usr/bin/chromium";
const BASE_ARGS = ["--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const CONFIG = { K: 12, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, initial: { kind: "pure", seed: 3 }, times: [0, 0.5, 10, 1e3, 1e6] };
// K ≥ 32: the CPU engine's blocks go to its worker pool (Web Workers in the page)
const POOLED = { ...CONFIG, K: 32, times: [0.5, 10, 1e3] };
const SWEEP = { ...CONFIG, initial: { kind: "thermal" }, Gamma: [3, 30], average: { from: 1e4, to: 1e6, points: 3 } };

const work = mkdtempSync(join(tmpdir(), "setsim-package-"));
const proj = join(work, "proj");
let tarball = "";

/** `setsim` as installed in the project (the compiled CLI: the project has no TypeScript loader). */
const cli = (...args: string[]) => run(process.execPath, [join(proj, "node_modules/setsim/bin/setsim.mjs"), ...args], { cwd: proj });

describe("the packed package", () => {
  beforeAll(async () => {
    // npm pack builds dist/ (prepack) and lists the tarball's name last
    const { stdout } = await run("npm", ["pack", "--pack-destination", work, "--silent"], { cwd: ROOT });
    tarball = join(work, stdout.trim().split("\n").pop()!);
    mkdirSync(proj);
    writeFileSync(join(proj, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }));
    const install = (mode: string) => run("npm", ["install", mode, "--no-audit", "--no-fund", tarball], { cwd: proj });
    // offline from npm's cache where it holds the dependencies, else through the registry
    await install("--offline").catch(() => install("--prefer-offline"));
    writeFileSync(join(proj, "config.json"), JSON.stringify(CONFIG));
    writeFileSync(join(proj, "sweep.json"), JSON.stringify(SWEEP));
    writeFileSync(join(proj, "pooled.json"), JSON.stringify(POOLED));
    await cli("run", "config.json", "--out", "cli/run.json", "--no-plots", "--quiet");
    await cli("run", "sweep.json", "--out", "cli/sweep", "--no-plots", "--quiet");
    await cli("run", "pooled.json", "--out", "cli/pooled.json", "--no-plots", "--quiet");
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("ships compiled JavaScript, declarations and the bin, and no TypeScript sources", async () => {
    const { stdout } = await run("tar", ["tzf", tarball]);
    const files = stdout.trim().split("\n").map((f) => f.replace(/^package\//, ""));
    expect(files).toContain("dist/node/index.js");
    expect(files).toContain("dist/browser/index.js");
    expect(files).toContain("dist/types/index.d.ts");
    expect(files).toContain("bin/setsim.mjs");
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(existsSync(join(proj, "node_modules/tsx"))).toBe(false);
    // the compiled CLI has every command
    expect((await cli("--help")).stdout).toMatch(/run .*\n.*reproduce .*\n.*example/s);
    // the browser build imports no Node module
    const browser = readdirSync(join(proj, "node_modules/setsim/dist/browser")).map((f) => readFileSync(join(proj, "node_modules/setsim/dist/browser", f), "utf8"));
    expect(browser.join("\n")).not.toMatch(/(from|import)\s*\(?\s*["']node:/);
  });

  it("imports in Node: simulate and sweep give the CLI's files byte for byte", async () => {
    writeFileSync(join(proj, "node.mjs"), [
      `import { readFileSync, writeFileSync } from "node:fs";`,
      `import { simulate, sweep, createEngine, parseConfig, formatJson, formatAveragesJson } from "setsim";`,
      `const config = JSON.parse(readFileSync("config.json", "utf8"));`,
      `parseConfig(config);`,
      `const engine = await createEngine("cpu");`,
      `let points = 0;`,
      `writeFileSync("node-run.json", formatJson(await simulate(config, { engine, onProgress: () => points++ })));`,
      `const s = await sweep(JSON.parse(readFileSync("sweep.json", "utf8")), { engine });`,
      `engine.close();`,
      `writeFileSync("node-value.json", formatJson(s.results[1]));`,
      `writeFileSync("node-averages.json", formatAveragesJson(s.field, s.averages));`,
      `console.log(points);`,
    ].join("\n"));
    const { stdout } = await run(process.execPath, ["node.mjs"], { cwd: proj });
    expect(stdout.trim()).toBe(String(CONFIG.times.length));
    const same = (a: string, b: string) => expect(readFileSync(join(proj, a), "utf8")).toBe(readFileSync(join(proj, b), "utf8"));
    same("node-run.json", "cli/run.json");
    same("node-value.json", "cli/sweep/001_Gamma=30.json");
    same("node-averages.json", "cli/sweep/averages.json");
  });

  it("its declarations type a consumer's code", async () => {
    writeFileSync(join(proj, "use.ts"), [
      `import { simulate, sweep, createEngine, parseConfig, ConfigError, type RunResult } from "setsim";`,
      `export async function f(): Promise<number> {`,
      `  const r: RunResult = await simulate({ K: 4 }, { engine: await createEngine("cpu"), precision: "fast" });`,
      `  const s = await sweep({}, { signal: AbortSignal.timeout(10), onProgress: (done: number, total: number) => done / total });`,
      `  // @ts-expect-error: not a column of SPEC §2`,
      `  r.rows[0].notAColumn;`,
      `  // @ts-expect-error: not an engine`,
      `  await createEngine("cuda");`,
      `  return r.rows[0].Sigma + r.meta.betaRef + s.values.length + parseConfig({}).times.length + new ConfigError("W", "x").field.length;`,
      `}`,
    ].join("\n"));
    writeFileSync(join(proj, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM"], types: [] },
      files: ["use.ts"],
    }));
    await run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: proj });
  });

  describe.skipIf(!existsSync(CHROMIUM))("in a vite-built page", () => {
    let server: PreviewServer;
    afterAll(async () => server?.close());

    it("runs the config in headless Chromium: the CLI's file (to the last bits of V8's exp and log), also on the CPU engine's Web Workers", async () => {
      const page = join(proj, "page");
      mkdirSync(page);
      writeFileSync(join(page, "index.html"), `<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>`);
      writeFileSync(join(page, "main.js"), [
        `import { simulate, formatJson } from "setsim";`,
        `const fail = (e) => "error: " + e.message;`,
        `simulate(${JSON.stringify(CONFIG)}, { engine: "cpu" })`,
        `  .then((r) => { window.result = formatJson(r); }, (e) => { window.result = fail(e); })`,
        `  .then(() => simulate(${JSON.stringify(POOLED)}, { engine: "cpu" }))`,
        `  .then((r) => { window.pooled = formatJson(r); }, (e) => { window.pooled = fail(e); });`,
      ].join("\n"));
      await build({ root: page, configFile: false, logLevel: "error", base: "./", build: { outDir: join(page, "dist") } });
      server = await preview({ root: page, configFile: false, logLevel: "error", build: { outDir: join(page, "dist") }, preview: { port: 0, host: "127.0.0.1" } });
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, "--disable-webgpu"] });
      try {
        const tab = await browser.newPage();
        const errors: string[] = [];
        tab.on("pageerror", (e) => errors.push(String(e)));
        const workers: string[] = [];
        tab.on("request", (r) => {
          if (/block-worker[^/]*\.js$/.test(r.url())) workers.push(r.url());
        });
        await tab.goto(server.resolvedUrls!.local[0]);
        await tab.waitForFunction(() => (window as { pooled?: string }).pooled !== undefined, undefined, { timeout: 120_000 });
        const [text, pooled] = await tab.evaluate(() => [(window as unknown as { result: string }).result, (window as unknown as { pooled: string }).pooled]);
        expect(errors).toEqual([]);
        expectSameFile(text, readFileSync(join(proj, "cli/run.json"), "utf8"), "page vs CLI");
        // the library's browser build ships its worker entries: the consumer's bundle loads them
        expect(workers.length).toBeGreaterThan(0);
        expectSameFile(pooled, readFileSync(join(proj, "cli/pooled.json"), "utf8"), "page (worker pool) vs CLI");
      } finally {
        await browser.close();
      }
    });
  });
});
