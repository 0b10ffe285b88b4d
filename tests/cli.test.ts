// The `setsim` command end to end: exit codes and messages for bad input, example configs, and a sweep killed part way then resumed to identical bytes.
import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const setsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
const tmp = () => mkdtempSync(join(tmpdir(), "setsim-cli-"));

const sweepConfig = {
  K: 24, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1,
  Gamma: [1, 2, 3, 5, 8, 13],
  times: { from: 0.01, to: 1e6, points: 150, zero: true },
  average: { from: 1e3, to: 1e6, points: 5 },
};

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, f);
    if (f.endsWith(".json") || f.endsWith(".csv") || f.endsWith(".svg")) out[f] = readFileSync(p, "utf8");
  }
  return out;
}

describe("setsim CLI", () => {
  it("refuses bad input with exit status 2, one line naming the field, and writes nothing", () => {
    const dir = tmp();
    const cfg = join(dir, "bad.json");
    writeFileSync(cfg, JSON.stringify({ ...sweepConfig, Gamma: 3, W: -1 }));
    const r = setsim("run", cfg, "--out", join(dir, "out.json"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/W: .*> 0/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(join(dir, "out.json"))).toBe(false);
  });

  it("refuses a missing file, invalid JSON, an unknown engine and an unknown example with status 2", () => {
    const dir = tmp();
    expect(setsim("run", join(dir, "none.json"), "--out", join(dir, "o.json")).status).toBe(2);
    writeFileSync(join(dir, "x.json"), "{ not json");
    const r = setsim("run", join(dir, "x.json"), "--out", join(dir, "o.json"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(setsim("run", join(dir, "x.json"), "--out", "o.json", "--engine", "gpu9").status).toBe(2);
    expect(setsim("example", "nope").status).toBe(2);
  });

  it("prints example configs that it then accepts", () => {
    const list = setsim("example");
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/case-a/);
    const ex = setsim("example", "case-b");
    expect(JSON.parse(ex.stdout).muL).toBe(0.5);
  });

  it("writes CSV with SPEC's header and non-finite values spelled out", () => {
    const dir = tmp();
    const cfg = join(dir, "c.json");
    // bath L starts empty and stays nearly so: at t = 0 its β* is undefined and μ* = −∞
    const occupations = [0, 0, 0, 0, 1, 0.5, 0.5, 0];
    writeFileSync(cfg, JSON.stringify({ K: 4, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 1, 10], initial: { kind: "occupations", occupations } }));
    const r = setsim("run", cfg, "--out", join(dir, "r.csv"), "--quiet");
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, "r.csv"), "utf8").trim().split("\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["t", "nd", "EL"]);
    expect(lines).toHaveLength(4);
    const header = lines[0].split(",");
    const first = lines[1].split(",");
    expect(first[header.indexOf("betaL")]).toBe("nan");
    expect(first[header.indexOf("muL")]).toBe("-inf");
  });

  it("keeps a finished single run on --resume only when it is this config's", () => {
    const dir = tmp();
    const cfg = join(dir, "one.json");
    writeFileSync(cfg, JSON.stringify({ K: 4, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 1] }));
    const out = join(dir, "one.json.out.json");
    expect(setsim("run", cfg, "--out", out, "--quiet", "--no-plots").status).toBe(0);
    const before = readFileSync(out, "utf8");
    expect(setsim("run", cfg, "--out", out, "--quiet").status).toBe(2);
    expect(setsim("run", cfg, "--out", out, "--quiet", "--resume").status).toBe(0);
    writeFileSync(cfg, JSON.stringify({ K: 4, W: 9, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 1] }));
    const other = setsim("run", cfg, "--out", out, "--quiet", "--resume");
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/not a JSON result of this config/);
    expect(readFileSync(out, "utf8")).toBe(before);
    expect(setsim("run", cfg, "--out", out, "--quiet", "--force", "--no-plots").status).toBe(0);
    expect(readFileSync(out, "utf8")).not.toBe(before);
  });

  it("resumes a sweep killed part way to exactly the bytes of an uninterrupted one", async () => {
    const dir = tmp();
    const cfg = join(dir, "sweep.json");
    writeFileSync(cfg, JSON.stringify(sweepConfig));
    const full = join(dir, "full");
    const r = setsim("run", cfg, "--out", full, "--quiet");
    expect(r.status, r.stderr).toBe(0);

    const cut = join(dir, "cut");
    const child = spawn(process.execPath, [BIN, "run", cfg, "--out", cut, "--quiet"], { stdio: "ignore" });
    const valueFiles = () => (existsSync(cut) ? readdirSync(cut).filter((f) => /^\d{3}_.*\.json$/.test(f)) : []);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (valueFiles().length >= 2) {
          child.kill("SIGKILL");
          clearInterval(poll);
          resolve();
        }
      }, 5);
      child.on("exit", () => {
        clearInterval(poll);
        resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    const doneAtKill = valueFiles().length;
    expect(doneAtKill).toBeLessThan(sweepConfig.Gamma.length);
    expect(existsSync(join(cut, "averages.json"))).toBe(false);

    // without --resume, the partial sweep is left alone
    const refused = setsim("run", cfg, "--out", cut, "--quiet");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--resume/);

    // a different config cannot resume it
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ ...sweepConfig, W: 9 }));
    expect(setsim("run", other, "--out", cut, "--resume", "--quiet").status).toBe(2);

    const resumed = setsim("run", cfg, "--out", cut, "--resume", "--quiet");
    expect(resumed.status, resumed.stderr).toBe(0);
    const a = snapshot(full);
    const b = snapshot(cut);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const f of Object.keys(a)) expect(b[f], f).toBe(a[f]);
    expect(Object.keys(a)).toContain("averages.csv");
  });
});
