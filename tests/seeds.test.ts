// Many pure states: `initial.seeds` parsed as a sweep over the seed, one file per seed equal to a
// single-seed run, and statistics per time and column equal to statistics computed independently
// from the per-seed files, extremal initial baths counted apart; the CLI says why σ is missing.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, problemFor } from "../src/config/schema.ts";
import { simulate, sweep } from "../src/index.ts";
import { ConfigError } from "../src/errors.ts";
import { formatJson, parseResultJson } from "../src/io/format.ts";
import { quantile, seedStatistics, statisticOf } from "../src/sweep/seed-statistics.ts";
import { extremalNotes } from "../src/thermo/extremal-note.ts";

const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const setsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

/** Case (a) at K = 24 and β_L = 3: 9 of seeds 1…12 draw a ground state of bath L (β*_L(0) = +∞), 5 one of bath R. */
const BASE = { K: 24, W: 10, betaL: 3, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 0.3, 10, 1e3] };
const SEEDS = { ...BASE, initial: { kind: "pure", seeds: { from: 1, count: 12 } }, average: { from: 1e3, to: 1e5, points: 3 } };

const refusal = (config: unknown) => {
  try {
    parseConfig(config);
  } catch (e) {
    return e instanceof ConfigError ? `${e.field}: ${e.rule}` : String(e);
  }
  return "accepted";
};

/** The statistics of `values` written out plainly: what statistics.json must hold. */
function independent(values: Array<number | null>) {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const q = (p: number) => {
    const h = (n - 1) * p;
    return v[Math.floor(h)] + (h - Math.floor(h)) * ((v[Math.ceil(h)] ?? 0) - v[Math.floor(h)]);
  };
  const std = n > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, std, min: v[0], max: v[n - 1], q10: q(0.1), q50: q(0.5), q90: q(0.9) };
}

describe("many pure states", () => {
  it("seeds are a sweep over the seed, refused with the field and the rule when wrong", () => {
    const p = parseConfig(SEEDS);
    expect(p.sweep).toEqual({ field: "seed", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(problemFor(p, 7).initial).toEqual({ kind: "pure", seed: 7 });
    expect(parseConfig({ ...BASE, initial: { kind: "pure", seeds: [9, 4] } }).sweep).toEqual({ field: "seed", values: [9, 4] });
    expect(refusal({ ...BASE, initial: { kind: "pure", seed: 1, seeds: [2] } })).toBe("initial.seeds: must not be given together with seed");
    expect(refusal({ ...BASE, initial: { kind: "pure", seeds: [] } })).toBe("initial.seeds: must not be an empty list");
    expect(refusal({ ...BASE, initial: { kind: "pure", seeds: [3, 4, 3] } })).toMatch(/^initial.seeds\[2\]: repeats seed 3/);
    expect(refusal({ ...BASE, initial: { kind: "pure", seeds: [1.5] } })).toMatch(/^initial.seeds\[0\]: must be a non-negative safe integer/);
    expect(refusal({ ...BASE, initial: { kind: "pure", seeds: { from: 1, count: 0 } } })).toMatch(/^initial.seeds.count: must be an integer ≥ 1/);
    expect(refusal({ ...BASE, initial: { kind: "pure", seeds: { from: 1 } } })).toMatch(/^initial.seeds.count: is required/);
    expect(refusal({ ...BASE, initial: { kind: "pure", seeds: { from: 1, count: 2, to: 3 } } })).toBe("initial.seeds.to: unknown field");
    expect(refusal({ ...SEEDS, Gamma: [1, 3] })).toBe("initial.seeds: cannot be swept together with Gamma: sweep one field at a time");
  });

  it("quantiles interpolate between order statistics; non-finite values are counted, not averaged", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.1)).toBe(1);
    expect(quantile([7], 0.9)).toBe(7);
    const s = statisticOf([1, Infinity, 3, NaN, 5], new Set([1]));
    expect(s).toMatchObject({ n: 3, extremal: 1, nonFinite: 1, mean: 3, std: 2, min: 1, max: 5, q50: 3 });
    expect(statisticOf([NaN], new Set([0]))).toMatchObject({ n: 0, extremal: 1, mean: NaN, q90: NaN });
  });

  it("the library's sweep gives each seed's own run and the statistics over them", async () => {
    const s = await sweep(SEEDS);
    expect(s.field).toBe("seed");
    const one = await simulate({ ...BASE, initial: { kind: "pure", seed: 5 }, average: SEEDS.average });
    expect(formatJson(s.results[4])).toBe(formatJson(one));
    expect(s.statistics).toEqual(seedStatistics(s.values, s.results));
    await expect(simulate(SEEDS)).rejects.toThrow(/^initial.seeds: is a sweep/);
  });

  it("the CLI writes one file per seed and statistics equal to those computed from the files", () => {
    const dir = mkdtempSync(join(tmpdir(), "setsim-seeds-"));
    writeFileSync(join(dir, "seeds.json"), JSON.stringify(SEEDS));
    const r = setsim("run", join(dir, "seeds.json"), "--out", join(dir, "out"), "--quiet");
    expect(r.status, r.stderr).toBe(0);
    const seeds = parseConfig(SEEDS).sweep!.values;
    const files = seeds.map((s, i) => JSON.parse(readFileSync(join(dir, "out", `${String(i).padStart(3, "0")}_seed=${s}.json`), "utf8")));
    // each seed's file is the single-seed config's own result
    expect(files[2].config.initial).toEqual({ kind: "pure", seed: 3 });
    const stats = JSON.parse(readFileSync(join(dir, "out", "statistics.json"), "utf8"));
    expect(stats.seeds).toEqual(seeds);
    const extremalL = seeds.filter((_, i) => files[i].meta.betaL0 === null);
    expect(extremalL.length).toBeGreaterThan(0);
    expect(stats.extremal).toEqual({ L: extremalL, R: seeds.filter((_, i) => files[i].meta.betaR0 === null) });
    expect(r.stderr).toMatch(new RegExp(`note: ${extremalL.length} of 12 seeds draw an extremal initial state of bath L .*statistics.json: extremal`));
    for (const column of ["betaL", "betaR", "Sigma", "sigma", "Deq", "ILR", "Dstar", "DrelL"]) {
      BASE.times.forEach((t, k) => {
        const values: Array<number | null> = files.map((f) => f.rows[k][column]);
        const mine = independent(values);
        const theirs = Object.fromEntries(Object.entries(stats.trace[column]).map(([f, xs]) => [f, (xs as Array<number | null>)[k]]));
        expect(theirs.n, `${column} at t = ${t}`).toBe(mine.n);
        // every value left out belongs to a seed whose bath starts extremal (σ, D^eq), or is counted as non-finite
        expect(theirs.n! + theirs.extremal! + theirs.nonFinite!).toBe(seeds.length);
        for (const f of ["mean", "std", "min", "max", "q10", "q50", "q90"] as const) {
          expect(theirs[f], `${column}.${f} at t = ${t}`).toBeCloseTo(mine[f], 12);
        }
      });
      const mine = independent(files.map((f) => f.average[column]));
      expect(stats.average[column].n).toBe(mine.n);
      expect(stats.average[column].mean).toBeCloseTo(mine.mean, 12);
      expect(stats.average[column].q90).toBeCloseTo(mine.q90, 12);
    }
    // σ and D^eq of an extremal seed are counted as such, never as a number
    const eitherBath = new Set([...stats.extremal.L, ...stats.extremal.R]).size;
    expect(eitherBath).toBeLessThan(seeds.length);
    expect([stats.trace.sigma.extremal[3], stats.trace.Deq.extremal[3], stats.trace.sigma.n[3]]).toEqual([eitherBath, eitherBath, seeds.length - eitherBath]);
    const csv = readFileSync(join(dir, "out", "statistics.csv"), "utf8").split("\n");
    expect(csv[0]).toBe("t,column,n,extremal,nonFinite,mean,std,min,max,q10,q50,q90");
    expect(csv.length - 2).toBe(BASE.times.length * 25);
    expect(readFileSync(join(dir, "out", "average-statistics.csv"), "utf8").split("\n")[1]).toMatch(/^nd,12,0,0,/);
    expect(parseResultJson(readFileSync(join(dir, "out", "000_seed=1.json"), "utf8")).rows).toHaveLength(4);
  });

  it("a single seed whose bath starts in its ground state: the CLI says why σ is missing", () => {
    const config = { ...BASE, initial: { kind: "pure", seed: 1 } };
    expect(extremalNotes(parseConfig(config))[0]).toMatch(/^the drawn state is a ground state of bath L at its particle number N_L = \d+ .*β\*_L\(0\) = \+∞: σ = .* undefined/);
    expect(extremalNotes(parseConfig({ ...BASE, initial: { kind: "thermal" } }))).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "setsim-seed-"));
    writeFileSync(join(dir, "c.json"), JSON.stringify(config));
    const r = setsim("run", join(dir, "c.json"), "--out", join(dir, "out.json"), "--quiet", "--no-plots");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/setsim: note: the drawn state is a ground state of bath L/);
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8")).rows[2].sigma).toBeNull();
  });
});
