// The library's calls from source: simulate and sweep validate as the CLI does, report progress,
// stop on an AbortSignal, keep an engine they were given open, and give runValue's numbers.
import { describe, expect, it } from "vitest";
import { createEngine, parseConfig, simulate, sweep } from "../src/index.ts";
import { ConfigError } from "../src/errors.ts";
import { runValue } from "../src/sweep/run-value.ts";

const CONFIG = { K: 6, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 1, 10, 100] };

describe("simulate and sweep", () => {
  it("simulate gives runValue's result and counts every point", async () => {
    const seen: Array<[number, number]> = [];
    const r = await simulate(CONFIG, { onProgress: (done, total) => seen.push([done, total]) });
    const engine = await createEngine("cpu");
    const reference = await runValue(engine, parseConfig(CONFIG), undefined);
    engine.close();
    expect(r).toEqual(reference);
    expect(seen).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
  });

  it("refuses bad input before any work, with the CLI's ConfigError", async () => {
    await expect(simulate({ ...CONFIG, W: 0 })).rejects.toThrow(new ConfigError("W", "must be > 0"));
    await expect(simulate({ ...CONFIG, Gamma: [1, 2] })).rejects.toThrow(/Gamma: is a sweep/);
    await expect(sweep(CONFIG)).rejects.toThrow(/sweeps nothing/);
  });

  it("sweep gives each value's own run and the table of averages", async () => {
    const config = { ...CONFIG, Gamma: [3, 30], average: { from: 1e3, to: 1e4, points: 2 } };
    const s = await sweep(config);
    expect(s.field).toBe("Gamma");
    expect(s.values).toEqual([3, 30]);
    const one = await simulate({ ...config, Gamma: 30 });
    expect(s.results[1].rows).toEqual(one.rows);
    expect(s.averages![1]).toEqual({ value: 30, average: one.average });
  });

  it("stops at the next point once aborted, and leaves a given engine open", async () => {
    const engine = await createEngine("cpu");
    const controller = new AbortController();
    const run = simulate(CONFIG, { engine, onProgress: (done) => done === 2 && controller.abort(), signal: controller.signal });
    await expect(run).rejects.toThrow(/abort/i);
    await expect(simulate(CONFIG, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    expect((await simulate(CONFIG, { engine })).rows).toHaveLength(4);
    engine.close();
  });
});
