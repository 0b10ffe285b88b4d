// Sharded sweeps end to end through the CLI: shards run as separate processes into one directory, merged,
// equal an unsharded run byte for byte; `setsim merge` refuses missing values and mixed configs (exit 2, one line).
import { beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dirSnapshot } from "./helpers/dir-snapshot.ts";

const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const setsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
/** One setsim process, not waited for: shards run at the same time, as on a cluster. */
const started = (...args: string[]) =>
  new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stderr }));
  });

// 7 values over 3 shards: uneven shards (3, 2, 2 values)
const sweepConfig = {
  K: 12, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1,
  Gamma: [1, 1.5, 2, 3, 5, 8, 13],
  times: { from: 0.01, to: 1e6, points: 12, zero: true },
  average: { from: 1e3, to: 1e6, points: 4 },
};
const SHARDS = 3;

let dir: string;
let cfg: string;
let full: string;

/** The error line of a refused command: exactly one line, prefixed `setsim: error:`. */
function oneErrorLine(r: { status: number | null; stderr: string }): string {
  expect(r.status, r.stderr).toBe(2);
  const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("setsim: engine"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^setsim: error: /);
  return lines[0];
}

/** A fresh copy of the sharded directory `src`, to damage. */
function copyOf(src: string): string {
  const d = mkdtempSync(join(tmpdir(), "setsim-merge-copy-"));
  cpSync(src, d, { recursive: true });
  return d;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "setsim-merge-"));
  cfg = join(dir, "sweep.json");
  writeFileSync(cfg, JSON.stringify(sweepConfig));
  full = join(dir, "full");
  const r = setsim("run", cfg, "--out", full, "--quiet");
  expect(r.status, r.stderr).toBe(0);
});

describe("sharded sweep + setsim merge", () => {
  it("shards run at once as separate processes, merged, give the bytes of one unsharded run", async () => {
    const sharded = join(dir, "sharded");
    const runs = await Promise.all([...Array(SHARDS).keys()].map((i) => started("run", cfg, "--out", sharded, "--shard", `${i}/${SHARDS}`, "--quiet")));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    // each shard wrote its values (i mod 3 = I) and nothing shared but the identical manifest
    const names = readdirSync(sharded).sort();
    expect(names).toEqual(readdirSync(full).filter((f) => /^\d{3}_|^sweep\.json$/.test(f)).sort());
    expect(existsSync(join(sharded, "averages.json"))).toBe(false);
    expect(existsSync(join(sharded, "plots"))).toBe(false);

    const m = setsim("merge", sharded);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stderr).toMatch(/merged 7 values of Gamma/);
    const a = dirSnapshot(full);
    const b = dirSnapshot(sharded);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const f of Object.keys(a)) expect(b[f], f).toBe(a[f]);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(["averages.json", "averages.csv", join("plots", "normalized-correlations.svg")]));

    // a shard run again with --resume keeps its values; a second merge writes the same bytes
    expect(setsim("run", cfg, "--out", sharded, "--shard", "1/3", "--resume", "--quiet").status).toBe(0);
    expect(setsim("merge", sharded).status).toBe(0);
    expect(dirSnapshot(sharded)).toEqual(a);
  });

  it("merge names the missing values, and a rerun of their shard completes the sweep", () => {
    const d = copyOf(full);
    rmSync(join(d, "averages.json"));
    for (const f of readdirSync(d)) if (/^00[14]_/.test(f)) rmSync(join(d, f));
    const line = oneErrorLine(setsim("merge", d));
    expect(line).toMatch(/lacks 2 of 7 values: Gamma=1\.5 \(001\), Gamma=5 \(004\)/);
    expect(existsSync(join(d, "averages.json"))).toBe(false);
    expect(setsim("run", cfg, "--out", d, "--shard", "1/3", "--resume", "--quiet").status).toBe(0);
    expect(setsim("merge", d).status).toBe(0);
    expect(dirSnapshot(d)).toEqual(dirSnapshot(full));
  });

  it("merge refuses a directory mixing configs: a value of another config, or a file of another grid", () => {
    const changed = copyOf(full);
    const f = join(changed, "003_Gamma=3.json");
    writeFileSync(f, readFileSync(f, "utf8").replace('"W": 10', '"W": 9'));
    expect(oneErrorLine(setsim("merge", changed))).toMatch(/mixes configs: 003_Gamma=3\.json was computed for another config/);

    const foreign = copyOf(full);
    cpSync(join(foreign, "003_Gamma=3.json"), join(foreign, "003_Gamma=4.json"));
    expect(oneErrorLine(setsim("merge", foreign))).toMatch(/mixes configs: 003_Gamma=4\.json is not a value of the sweep/);

    const none = mkdtempSync(join(tmpdir(), "setsim-merge-empty-"));
    expect(oneErrorLine(setsim("merge", none))).toMatch(/has no sweep\.json/);
  });

  it("run refuses --shard on a single run, with --force, or badly written (exit 2, one line)", () => {
    const single = join(dir, "single.json");
    writeFileSync(single, JSON.stringify({ ...sweepConfig, Gamma: 3 }));
    expect(oneErrorLine(setsim("run", single, "--out", join(dir, "s.json"), "--shard", "0/2", "--quiet"))).toMatch(/only a sweep can be sharded/);
    expect(oneErrorLine(setsim("run", cfg, "--out", join(dir, "f"), "--shard", "0/2", "--force", "--quiet"))).toMatch(/--force: cannot be combined with --shard/);
    expect(oneErrorLine(setsim("run", cfg, "--out", join(dir, "f"), "--shard", "2/2", "--quiet"))).toMatch(/--shard: .*I must be in 0 … N−1/);
    const auto = spawnSync(process.execPath, [BIN, "run", cfg, "--out", join(dir, "f"), "--shard", "auto", "--quiet"], {
      encoding: "utf8", env: { ...process.env, SLURM_ARRAY_TASK_ID: "" },
    });
    expect(oneErrorLine(auto)).toMatch(/SLURM_ARRAY_TASK_ID is not set/);
    expect(existsSync(join(dir, "f"))).toBe(false);
  });
});
