// `setsim run|batch --runtime chromium` in headless Chromium (SwiftShader): the files of a Node run, errors before any work, a killed run resumed to the same bytes, and a batch with a failing config.
import { afterAll, describe, expect, it } from "vitest";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseResultJson } from "../src/io/format.ts";
import { findBrowser } from "../src/runtime/find-browser.ts";
import { expectSameNumbers, snapshotDir } from "./helpers/result-files.ts";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error("CI needs Debian's chromium for the chromium runtime test");
const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const ENV = { ...process.env, SETSIM_BROWSER: CHROMIUM, VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? "/usr/lib/chromium/vk_swiftshader_icd.json", XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? "/tmp" };
const work = mkdtempSync(join(tmpdir(), "setsim-chromium-"));

interface Done { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function setsim(args: string[], env: NodeJS.ProcessEnv = ENV): { child: ChildProcess; done: Promise<Done> } {
  const child = spawn(process.execPath, [BIN, ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<Done>((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, done };
}
const run = (...args: string[]) => setsim(args).done;

function config(name: string, c: object): string {
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(c));
  return path;
}

/** Small enough for SwiftShader: K = 8, three Γ, four times and a three-point regime-III average. */
const GPU_SWEEP = {
  K: 8, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: [1, 3, 10],
  times: [0, 0.5, 10, 1000], average: { from: 1e5, to: 1e6, points: 3 },
};
/** The page's CPU engine writes each value as it ends: eight of them, ~0.3 s each, to kill a run between two. */
const CPU_SWEEP = {
  K: 44, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: [1, 2, 3, 5, 8, 13, 21, 34],
  times: { from: 0.01, to: 1e6, points: 150, zero: true }, average: { from: 1e3, to: 1e6, points: 5 },
};

/** Resolves once `dir` holds a finished value (its JSON is written last). */
async function firstValue(dir: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (existsSync(dir) && readdirSync(dir).some((f) => /^\d{3}_.*\.json$/.test(f))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no value finished in ${dir}`);
}

/** /proc/PID/stat after the command name: state, ppid, … ("" once the process is gone). */
function procStat(pid: number | string): string[] {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    return s.slice(s.lastIndexOf(")") + 2).split(" ");
  } catch {
    return [];
  }
}
/** The processes `pid` started (the browser, for the CLI). */
const childPids = (pid: number): number[] =>
  readdirSync("/proc").filter((f) => /^\d+$/.test(f) && Number(procStat(f)[1]) === pid).map(Number);
const alive = (pid: number): boolean => procStat(pid).length > 0 && procStat(pid)[0] !== "Z";

/** A sweep folder holds only finished values: every value file parses, no temp file is left. */
function expectOnlyFinished(dir: string): void {
  const files = readdirSync(dir);
  expect(files.filter((f) => f.endsWith(".tmp") || f.startsWith("."))).toEqual([]);
  for (const f of files.filter((f) => /^\d{3}_.*\.json$/.test(f))) expect(() => parseResultJson(readFileSync(join(dir, f), "utf8")), f).not.toThrow();
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!available)("setsim --runtime chromium", () => {
  it("writes the files of a Node --engine webgpu run (JSON and CSV, numbers to 1e-9·max(|x|, 1)) and says which adapter it got", async () => {
    const cfg = config("gpu-sweep", GPU_SWEEP);
    const [browser, node] = [join(work, "gpu-chromium"), join(work, "gpu-node")];
    const r = await run("run", cfg, "--out", browser, "--runtime", "chromium", "--engine", "webgpu", "--format", "csv", "--no-plots");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/runtime chromium: .*chromium .*SwiftShader/);
    expect(r.stderr).toMatch(/engine webgpu-fast \(.*swiftshader.*\)/i);
    const n = await run("run", cfg, "--out", node, "--engine", "webgpu", "--format", "csv", "--no-plots", "--quiet");
    expect(n.status, n.stderr).toBe(0);
    const [a, b] = [snapshotDir(browser), snapshotDir(node)];
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a).filter((f) => f.endsWith(".csv"))).toHaveLength(4);
    expect(a["sweep.json"]).toBe(b["sweep.json"]);
    for (const f of Object.keys(a)) expectSameNumbers(a[f], b[f], 1e-9, f);
  }, 60_000);

  it("finds no browser where there is none and says where it looked", () => {
    expect(() => findBrowser(undefined, { PATH: join(work, "empty") }, ["/nowhere/chrome"])).toThrow(
      /^no Chrome or Chromium found: looked for google-chrome-stable, google-chrome, .*chromium, chromium-browser, .* on PATH and at \/nowhere\/chrome; install one, or name it with --browser PATH/,
    );
    expect(findBrowser(undefined, { PATH: "/usr/bin" }, [])).toBe(CHROMIUM);
    expect(findBrowser(undefined, { PATH: "", SETSIM_BROWSER: CHROMIUM }, [])).toBe(CHROMIUM);
  });

  it("refuses a missing browser and bad input with status 2 and one line, before anything is written", async () => {
    const out = join(work, "refused");
    const cfg = config("ok", { ...GPU_SWEEP, Gamma: 3 });
    const missing = await run("run", cfg, "--out", out, "--runtime", "chromium", "--browser", "/nonexistent");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("setsim: error: --browser /nonexistent: no such executable file\n");
    const bad = await run("run", config("bad", { ...GPU_SWEEP, W: -1 }), "--out", out, "--runtime", "chromium");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("setsim: error: W: must be > 0\n");
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it("a sweep whose browser is killed, or whose CLI is killed, resumes to the bytes of an uninterrupted run", async () => {
    const cfg = config("cpu-sweep", CPU_SWEEP);
    const whole = join(work, "whole");
    const ref = await run("run", cfg, "--out", whole, "--runtime", "chromium", "--engine", "cpu");
    expect(ref.status, ref.stderr).toBe(0);

    // the browser dies: a clear message, exit status 3, only finished values on disk
    const crashed = join(work, "browser-killed");
    const first = setsim(["run", cfg, "--out", crashed, "--runtime", "chromium", "--engine", "cpu"]);
    await firstValue(crashed);
    const [browser] = childPids(first.child.pid!);
    process.kill(browser, "SIGKILL");
    const killed = await first.done;
    expect(killed.status).toBe(3);
    expect(killed.stderr).toMatch(/setsim: error: the browser exited during the run .*finished results are kept, --resume continues\n$/);
    expectOnlyFinished(crashed);
    expect(readdirSync(crashed).filter((f) => /^\d{3}_.*\.json$/.test(f)).length).toBeLessThan(CPU_SWEEP.Gamma.length);

    // the CLI dies (SIGKILL: no handler runs): its browser goes with it
    const orphaned = join(work, "cli-killed");
    const second = setsim(["run", cfg, "--out", orphaned, "--runtime", "chromium", "--engine", "cpu"]);
    await firstValue(orphaned);
    const browsers = childPids(second.child.pid!);
    expect(browsers.length).toBeGreaterThan(0);
    second.child.kill("SIGKILL");
    await second.done;
    await expect.poll(() => browsers.filter(alive), { timeout: 10_000 }).toEqual([]);
    expectOnlyFinished(orphaned);

    for (const dir of [crashed, orphaned]) {
      const resumed = await run("run", cfg, "--out", dir, "--runtime", "chromium", "--engine", "cpu", "--resume");
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(snapshotDir(dir)).toEqual(snapshotDir(whole));
    }
  }, 90_000);

  it("batch: three configs, one invalid: two outputs, the failure in the table, exit status 2", async () => {
    const dir = join(work, "batch-in");
    mkdirSync(dir);
    writeFileSync(join(dir, "a-sweep.json"), JSON.stringify({ ...GPU_SWEEP, Gamma: [1, 3] }));
    writeFileSync(join(dir, "b-single.json"), JSON.stringify({ ...GPU_SWEEP, Gamma: 3, average: undefined }));
    writeFileSync(join(dir, "c-bad.json"), JSON.stringify({ ...GPU_SWEEP, betaL: 0 }));
    writeFileSync(join(dir, "notes.txt"), "not a config");
    const out = join(work, "batch-out");
    const r = await run("batch", join(dir, "*.json"), "--out", out, "--runtime", "chromium", "--quiet");
    expect(r.status, r.stderr).toBe(2);
    const table = r.stdout.trim().split("\n");
    expect(table[0]).toMatch(/^config\s+points\s+seconds\s+status$/);
    expect(table.slice(1).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([["a-sweep", "14"], ["b-single", "4"], ["c-bad", "0"]]);
    expect(table[1]).toMatch(/ ok$/);
    expect(table[2]).toMatch(/ ok$/);
    expect(table[3]).toMatch(/failed: betaL: must be > 0$/);
    expect(r.stderr).toMatch(/setsim: error: 1 of 3 configs failed: c-bad\n$/);
    expect(readdirSync(out).sort()).toEqual(["a-sweep", "b-single-plots", "b-single.json"]);
    expect(readdirSync(join(out, "a-sweep"))).toContain("averages.json");
    expect(parseResultJson(readFileSync(join(out, "b-single.json"), "utf8")).rows).toHaveLength(4);
  }, 60_000);
});
