// The output side under stress (issue 14): --force with files that are not setsim's, read-only and full
// file systems (real tmpfs mounts), stray temp files of killed writers, resume with another format or
// key order, Ctrl-C, and one-line messages. Each case checks nothing finished is lost or damaged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkCpuMemory, cpuMemoryNeeded } from "../src/engine/cpu/memory.ts";
import { DeviceLimitError } from "../src/errors.ts";

const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const setsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, "--quiet"], { encoding: "utf8" });
const root = mkdtempSync(join(tmpdir(), "setsim-out-"));
let n = 0;
const fresh = () => join(root, `case-${n++}`);

const sweep = {
  K: 8, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1,
  Gamma: [1, 2, 3, 5],
  times: [0, 0.5, 5, 50],
  average: { from: 100, to: 1000, points: 3 },
};
const single = { ...sweep, Gamma: 3 };
const configFile = (cfg: unknown, name = `cfg-${n++}.json`) => {
  const p = join(root, name);
  writeFileSync(p, JSON.stringify(cfg));
  return p;
};
const sweepCfg = configFile(sweep, "sweep.json");
const singleCfg = configFile(single, "single.json");

/** Every file under `dir` (temp files included, so a leftover shows), by relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, f);
    if (/\.(json|csv|svg|txt|tmp)$/.test(f)) out[f] = readFileSync(p, "utf8");
  }
  return out;
}

let reference: Record<string, string>;
beforeAll(() => {
  const dir = join(root, "reference");
  expect(setsim("run", sweepCfg, "--out", dir).status).toBe(0);
  reference = snapshot(dir);
});

/** A tmpfs of `size` mounted at a fresh directory (root and CAP_SYS_ADMIN: the CI machine has both). */
const mounts: string[] = [];
function tmpfs(size: string, readOnly = false): string {
  const at = join(root, `mnt-${n++}`);
  mkdirSync(at);
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}${readOnly ? ",ro" : ""}`, "tmpfs", at], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cannot mount a tmpfs for this test: ${r.stderr}`);
  mounts.push(at);
  return at;
}
afterAll(() => {
  for (const m of mounts) spawnSync("umount", [m]);
});

/** A pid that is certainly not running: a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim();

describe("--force", () => {
  it("restarts a finished sweep that holds a user's file: only setsim's files go, the user's stays, the result equals a fresh run", () => {
    const dir = fresh();
    cpSync(join(root, "reference"), dir, { recursive: true });
    writeFileSync(join(dir, "notes.txt"), "hi");
    const r = setsim("run", sweepCfg, "--out", dir, "--force");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/notes\.txt/);
    const after = snapshot(dir);
    expect(after["notes.txt"]).toBe("hi");
    delete after["notes.txt"];
    expect(after).toEqual(reference);
  });

  it("refuses a directory of someone else's files with no sweep in it, and deletes nothing", () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, "thesis.txt"), "years of work");
    writeFileSync(join(dir, "000_Gamma=1.json"), "{}");
    const r = setsim("run", sweepCfg, "--out", dir, "--force");
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/setsim did not write.*nothing was deleted/);
    expect(readdirSync(dir).sort()).toEqual(["000_Gamma=1.json", "thesis.txt"]);
  });
});

describe("file-system errors", () => {
  it("a read-only output location fails before any work: exit 4, one line naming the path and the cause", () => {
    const ro = tmpfs("1m", true);
    for (const [cfg, out] of [[singleCfg, join(ro, "a.json")], [sweepCfg, join(ro, "sweep", "deeper")]]) {
      const r = setsim("run", cfg, "--out", out);
      expect(r.status, r.stderr).toBe(4);
      const last = r.stderr.trim().split("\n").at(-1)!;
      expect(last).toMatch(/cannot write .*: read-only file system \(EROFS\)/);
      expect(r.stderr).not.toMatch(/engine cpu.*\n.*\d+ of/);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it("a disk that fills mid-sweep: exit 4 naming the file, finished values intact, --resume completes the same bytes", () => {
    // 4 KiB pages: the manifest and two value files fit in 24 KiB, the third does not
    const disk = tmpfs("24k");
    const dir = join(disk, "sweep");
    const r = setsim("run", sweepCfg, "--out", dir, "--no-plots");
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/cannot write .*sweep\/00\d_Gamma=\d\.json: no space left on device \(ENOSPC\).*--resume/);
    const done = readdirSync(dir).filter((f) => /^\d{3}_.*\.json$/.test(f));
    expect(done.length).toBeGreaterThan(0);
    for (const f of done) expect(readFileSync(join(dir, f), "utf8"), f).toBe(reference[f]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(spawnSync("mount", ["-o", "remount,size=1m", disk]).status).toBe(0);
    const resumed = setsim("run", sweepCfg, "--out", dir, "--resume");
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(snapshot(dir)).toEqual(reference);
  });

  it("--out naming a directory for a single run, or a file for a sweep: exit 2, one line, nothing written", () => {
    const dir = fresh();
    mkdirSync(dir);
    const a = setsim("run", singleCfg, "--out", dir);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/is a directory: a single run writes one file/);
    const file = join(dir, "f.json");
    writeFileSync(file, "x");
    const b = setsim("run", sweepCfg, "--out", file);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/is a file: a sweep writes a directory/);
    expect(readdirSync(dir)).toEqual(["f.json"]);
  });
});

describe("temp files and resume", () => {
  it("temp files of a writer killed mid-write are cleaned, and the directory stays usable for a plain run and for --resume", () => {
    const pid = deadPid();
    // killed while writing the manifest: nothing else in the directory
    const first = fresh();
    mkdirSync(first);
    writeFileSync(join(first, `.sweep.json.${pid}.0123456789ab.tmp`), '{"config": {');
    const plain = setsim("run", sweepCfg, "--out", first);
    expect(plain.status, plain.stderr).toBe(0);
    expect(snapshot(first)).toEqual(reference);
    // killed while writing a value: a finished one, the manifest, and the half-written temp
    const second = fresh();
    mkdirSync(second);
    for (const f of ["sweep.json", "000_Gamma=1.json"]) writeFileSync(join(second, f), reference[f]);
    writeFileSync(join(second, `.001_Gamma=2.json.somehost-${pid}.abcdef012345.tmp`), reference["001_Gamma=2.json"].slice(0, 100));
    writeFileSync(join(second, `.002_Gamma=3.json.${pid}.abcdef012345.tmp`), "{");
    const resumed = setsim("run", sweepCfg, "--out", second, "--resume");
    expect(resumed.status, resumed.stderr).toBe(0);
    const after = snapshot(second);
    // the other host's temp is younger than an hour: it may still be written, so it stays
    expect(Object.keys(after).filter((f) => f.endsWith(".tmp"))).toEqual([`.001_Gamma=2.json.somehost-${pid}.abcdef012345.tmp`]);
    for (const f of Object.keys(reference)) expect(after[f], f).toBe(reference[f]);
  });

  it("--resume with another --format than the interrupted run is refused, nothing changed", () => {
    const dir = fresh();
    mkdirSync(dir);
    for (const f of ["sweep.json", "000_Gamma=1.json"]) writeFileSync(join(dir, f), reference[f]);
    const r = setsim("run", sweepCfg, "--out", dir, "--resume", "--format", "csv");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/started with --format json/);
    expect(readdirSync(dir).sort()).toEqual(["000_Gamma=1.json", "sweep.json"]);
  });

  it("a config equal up to key order (and shorthands) resumes, and ends with the bytes of the first run", () => {
    const dir = fresh();
    mkdirSync(dir);
    for (const f of ["sweep.json", "000_Gamma=1.json"]) writeFileSync(join(dir, f), reference[f]);
    const reordered = Object.fromEntries(Object.entries(sweep).reverse());
    const r = setsim("run", configFile(reordered), "--out", dir, "--resume");
    expect(r.status, r.stderr).toBe(0);
    expect(snapshot(dir)).toEqual(reference);
    // a single run's file is kept on --resume by the same rule
    const one = join(fresh() + ".json");
    expect(setsim("run", singleCfg, "--out", one, "--no-plots").status).toBe(0);
    const { GammaL: _, ...rest } = { ...Object.fromEntries(Object.entries(single).reverse()) } as Record<string, unknown>;
    expect(setsim("run", configFile(rest), "--out", one, "--resume").status).toBe(0);
  });
});

describe("interruptions and messages", () => {
  it("Ctrl-C says what is finished and how to resume, exits 130, and the resume gives the bytes of a full run", async () => {
    const dir = fresh();
    const big = configFile({ ...sweep, K: 24, Gamma: [1, 2, 3, 5, 8, 13, 21, 34], times: { from: 0.01, to: 1e5, points: 60 } });
    const child = spawn(process.execPath, [BIN, "run", big, "--out", dir, "--quiet"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(dir) && readdirSync(dir).some((f) => /^\d{3}_.*\.json$/.test(f))) {
          clearInterval(poll);
          child.kill("SIGINT");
        }
      }, 5);
      child.on("exit", (c) => {
        clearInterval(poll);
        resolve(c);
      });
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted \(SIGINT\): \d of 8 values are finished in .* and kept; continue with: setsim run .* --resume/);
    expect(setsim("run", big, "--out", dir, "--resume").status).toBe(0);
    const full = fresh();
    expect(setsim("run", big, "--out", full).status).toBe(0);
    expect(snapshot(dir)).toEqual(snapshot(full));
  });

  it("an input key holding newlines and a megabyte is echoed quoted and cut, on one short line", () => {
    const key = "bad\nkey" + "x".repeat(1_000_000);
    const r = setsim("run", configFile({ ...single, [key]: 1 }), "--out", join(fresh(), "o.json"));
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0].length).toBeLessThan(300);
    expect(lines[0]).toMatch(/\["bad\\nkeyx+…"\]: unknown field/);
  });

  it("values f64 cannot resolve are refused up front with the rule (W = 5e-324, t = 1e308, Γ = 1e300)", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ W: 5e-324 }, /W: must be in \[1e-6, 1e6\]/],
      [{ times: [0, 1e308] }, /times: .*at most 1e12 rad/],
      [{ Gamma: 1e300 }, /Gamma: must be at most 1e4·W/],
    ];
    for (const [patch, rule] of cases) {
      const r = setsim("run", configFile({ ...single, ...patch }), "--out", join(fresh(), "o.json"));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(rule);
    }
  });
});

describe("the CPU engine's memory", () => {
  it("refuses a problem larger than the memory it may use, before any work", () => {
    expect(cpuMemoryNeeded({ KL: 1000, KR: 1000 })).toBeGreaterThan(158e6); // the measured peak at K = 1000
    expect(() => checkCpuMemory({ KL: 10000, KR: 10000 }, 8e9)).toThrow(DeviceLimitError);
    expect(() => checkCpuMemory({ KL: 10000, KR: 10000 }, 8e9)).toThrow(/need about 9\.7 GB .* allows 8\.0 GB/);
    expect(() => checkCpuMemory({ KL: 1000, KR: 1000 }, 8e9)).not.toThrow();
  });
});
