// Shards of a sweep: the round-robin assignment covers every value exactly once, `--shard` is read from
// I/N or Slurm's array variables, and a shard tolerates its siblings' files (and nothing else) in the shared directory.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseShard, shardValueIndices } from "../src/sweep/shard.ts";
import { manifestText, prepareSweepDir } from "../src/sweep/sweep-dir.ts";
import { parseConfig } from "../src/config/schema.ts";
import { ConfigError, ResumeError } from "../src/errors.ts";

describe("shardValueIndices", () => {
  it("puts every value in exactly one shard, for N from 1 to past the number of values", () => {
    for (const total of [0, 1, 2, 7, 12]) {
      for (let count = 1; count <= total + 3; count++) {
        const seen = new Array<number>(total).fill(0);
        for (let index = 0; index < count; index++) {
          const mine = shardValueIndices(total, { index, count });
          // independent rule: value i is shard i mod N's, listed in ascending order
          expect(mine).toEqual([...Array(total).keys()].filter((i) => i % count === index));
          for (const i of mine) seen[i]++;
        }
        expect(seen.every((n) => n === 1), `total ${total}, N ${count}`).toBe(true);
      }
    }
  });

  it("gives the shards past the number of values nothing to do", () => {
    expect(shardValueIndices(3, { index: 4, count: 5 })).toEqual([]);
  });
});

describe("parseShard", () => {
  it("reads I/N, 0-based", () => {
    expect(parseShard("0/1")).toEqual({ index: 0, count: 1 });
    expect(parseShard("3/4")).toEqual({ index: 3, count: 4 });
  });

  it("refuses I ≥ N, N = 0 and other forms with a ConfigError naming --shard", () => {
    for (const bad of ["4/4", "0/0", "1", "-1/3", "a/b", "1/2/3", "auto/0", "autox"]) {
      expect(() => parseShard(bad, { SLURM_ARRAY_TASK_ID: "0" }), bad).toThrow(ConfigError);
    }
    expect(() => parseShard("x")).toThrow(/--shard: must be I\/N/);
  });

  it("auto: the array's tasks are the shards (offset and step of the array removed)", () => {
    const env = { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_MAX: "3", SLURM_ARRAY_TASK_COUNT: "4" };
    expect(parseShard("auto", env)).toEqual({ index: 2, count: 4 });
    expect(parseShard("auto", { SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "8" })).toEqual({ index: 4, count: 8 });
    expect(parseShard("auto", { SLURM_ARRAY_TASK_ID: "6", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_MAX: "6", SLURM_ARRAY_TASK_STEP: "2" })).toEqual({ index: 3, count: 4 });
  });

  it("auto/N: the array index is the shard index, so one index resubmitted alone stays the same shard", () => {
    // `sbatch --array=2 …`: Slurm then says MIN = MAX = 2, COUNT = 1
    const env = { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_MIN: "2", SLURM_ARRAY_TASK_MAX: "2", SLURM_ARRAY_TASK_COUNT: "1" };
    expect(parseShard("auto/4", env)).toEqual({ index: 2, count: 4 });
    expect(() => parseShard("auto/2", env)).toThrow(/I must be in 0 … N−1/);
  });

  it("auto outside a Slurm array task says so", () => {
    expect(() => parseShard("auto", {})).toThrow(/SLURM_ARRAY_TASK_ID is not set/);
    expect(() => parseShard("auto/3", {})).toThrow(/SLURM_ARRAY_TASK_ID is not set/);
    expect(() => parseShard("auto", { SLURM_ARRAY_TASK_ID: "1" })).toThrow(/SLURM_ARRAY_TASK_COUNT/);
    expect(() => parseShard("auto", { SLURM_ARRAY_TASK_ID: "x", SLURM_ARRAY_TASK_COUNT: "2" })).toThrow(/not a non-negative integer/);
  });
});

describe("a shard's directory (prepareSweepDir with --shard)", () => {
  const parsed = parseConfig({ K: 4, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: [1, 2, 3, 4], times: [0, 1] });
  const manifest = manifestText(parsed);
  const dirWith = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "setsim-shard-"));
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
    return dir;
  };
  // shard 1 of 3 owns value 1 (001_Gamma=2)
  const check = (dir: string, resume = false) => prepareSweepDir(dir, parsed, { resume, format: "json", only: [1] });

  it("lets a shard start beside its siblings' value files and atomic writes in progress", () => {
    expect(() => check(join(tmpdir(), "setsim-shard-none", String(process.pid)))).not.toThrow();
    expect(() => check(dirWith({ [`.sweep.json.vm-${process.pid}.0123456789ab.tmp`]: "" }))).not.toThrow();
    const dir = dirWith({
      "sweep.json": manifest, "000_Gamma=1.json": "{}", "002_Gamma=3.csv": "", "002_Gamma=3.json": "{}",
      [`.003_Gamma=4.json.${process.pid}.0123456789ab.tmp`]: "",
    });
    expect(() => check(dir)).not.toThrow();
  });

  it("refuses its own finished values, averages or strangers without --resume, and continues with it", () => {
    const own = dirWith({ "sweep.json": manifest, "001_Gamma=2.json": "{}" });
    expect(() => check(own)).toThrow(ResumeError);
    expect(() => check(own)).toThrow(/001_Gamma=2\.json: use --resume/);
    expect(check(own, true).done).toEqual(["001_Gamma=2"]);
    expect(() => check(dirWith({ "sweep.json": manifest, "averages.json": "{}" }))).toThrow(/averages\.json/);
  });

  it("refuses another config's manifest even with --resume, a non-empty directory without a manifest, and --force", () => {
    const other = manifestText(parseConfig({ ...parsed.raw, W: 9 }));
    expect(() => check(dirWith({ "sweep.json": other }), true)).toThrow(/different config/);
    expect(() => check(dirWith({ "000_Gamma=1.json": "{}" }), true)).toThrow(/holds no sweep\.json/);
    expect(() => check(dirWith({ "notes.txt": "" }))).toThrow(/holds no sweep\.json/);
    expect(() => prepareSweepDir(dirWith({}), parsed, { force: true, format: "json", only: [1] })).toThrow(ConfigError);
  });
});
