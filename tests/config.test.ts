/** Config parsing (SPEC §3): every bad-input rule refused with a ConfigError naming the field; grids, sweeps, shorthands, examples. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, DeviceLimitError, DeviceLostError, ResumeError } from "../src/errors.ts";
import { MAX_MODES, parseConfig, problemFor } from "../src/config/schema.ts";
import { logSpace, resolveGrid, resolveTimes } from "../src/config/time-grid.ts";
import { EXAMPLES } from "../src/config/examples.ts";

/** A valid config in long form (SPEC §3's example, with a short time list). */
const good = (): Record<string, unknown> => ({
  KL: 6, KR: 6, W: 10, epsD: 0, nD: 0,
  betaL: 10, betaR: 2, muL: 1, muR: -1,
  GammaL: 3, GammaR: 3,
  initial: { kind: "thermal" },
  times: [0, 1, 10],
});

/** Runs `f`, expects a ConfigError on `field`, returns it. */
function refused(f: () => unknown, field: string, rule?: string | RegExp): ConfigError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  const err = caught as ConfigError;
  expect(err.field).toBe(field);
  expect(err.message.startsWith(`${field}: `)).toBe(true);
  if (rule !== undefined) expect(err.rule).toMatch(rule);
  expect(err.exitCode).toBe(2);
  return err;
}

const withField = (patch: Record<string, unknown>, drop: string[] = []) => {
  const c = { ...good(), ...patch };
  for (const k of drop) delete c[k];
  return c;
};

describe("errors", () => {
  it("carry their exit codes, and ConfigError its field and rule", () => {
    const e = new ConfigError("W", "must be > 0");
    expect([e.message, e.field, e.rule, e.exitCode, e.name]).toEqual(["W: must be > 0", "W", "must be > 0", 2, "ConfigError"]);
    expect(new DeviceLimitError("too big", 10, 5)).toMatchObject({ exitCode: 2, needed: 10, limit: 5 });
    expect(new DeviceLostError("lost").exitCode).toBe(3);
    expect(new ResumeError("exists").exitCode).toBe(2);
  });
});

describe("bad input is refused with the field and the rule (SPEC §3)", () => {
  it("a missing required field", () => {
    for (const f of ["W", "betaL", "betaR", "muL", "muR"]) refused(() => parseConfig(withField({}, [f])), f, "is required");
    refused(() => parseConfig(withField({}, ["KR"])), "KR", /is required/);
    refused(() => parseConfig(withField({}, ["GammaL"])), "GammaL", /is required/);
    refused(() => parseConfig(withField({}, ["times"])), "times", "is required");
    refused(() => parseConfig(withField({ initial: { kind: "pure" } })), "initial.seed", "is required");
  });
  it("an unknown field, at the top and nested", () => {
    refused(() => parseConfig(withField({ Gama: 3 })), "Gama", "unknown field");
    refused(() => parseConfig(withField({ initial: { kind: "thermal", seed: 1 } })), "initial.seed", "unknown field");
    refused(() => parseConfig(withField({ times: { from: 1, to: 10, points: 3, step: 1 } })), "times.step", "unknown field");
  });
  it("a wrong type", () => {
    refused(() => parseConfig(withField({ W: "10" })), "W", /must be a number/);
    refused(() => parseConfig(withField({ initial: "thermal" })), "initial", /must be an object/);
    refused(() => parseConfig(withField({ initial: { kind: "magic" } })), "initial.kind", /must be "thermal"/);
    refused(() => parseConfig(withField({ times: "often" })), "times", /must be a list/);
    refused(() => parseConfig(withField({ times: { from: 1, to: 10, points: 3, zero: 1 } })), "times.zero", "must be true or false");
    refused(() => parseConfig(withField({ initial: { kind: "occupations", occupations: "x" } })), "initial.occupations", "must be a list, not a string");
    refused(() => parseConfig(withField({ times: [0, "1"] })), "times[1]", "must be a number");
    refused(() => parseConfig([1, 2]), "config", /must be an object/);
  });
  it("K < 2, or not an integer", () => {
    refused(() => parseConfig(withField({ KL: 1 })), "KL", "must be an integer ≥ 2");
    refused(() => parseConfig(withField({ KR: 2.5 })), "KR", "must be an integer ≥ 2");
    refused(() => parseConfig(withField({ K: 1 }, ["KL", "KR"])), "K", "must be an integer ≥ 2");
  });
  it("W ≤ 0", () => {
    refused(() => parseConfig(withField({ W: 0 })), "W", "must be > 0");
  });
  it("Γ < 0", () => {
    refused(() => parseConfig(withField({ GammaR: -1 })), "GammaR", "must be ≥ 0");
    refused(() => parseConfig(withField({ Gamma: -0.1 }, ["GammaL", "GammaR"])), "Gamma", "must be ≥ 0");
  });
  it("β ≤ 0", () => {
    refused(() => parseConfig(withField({ betaL: 0 })), "betaL", "must be > 0");
    refused(() => parseConfig(withField({ betaR: -2 })), "betaR", "must be > 0");
  });
  it("NaN or ±∞ anywhere", () => {
    refused(() => parseConfig(withField({ muL: NaN })), "muL", "must be finite");
    refused(() => parseConfig(withField({ epsD: Infinity })), "epsD", "must be finite");
    refused(() => parseConfig(withField({ times: [0, NaN] })), "times[1]", "must be finite");
    refused(() => parseConfig(withField({ Gamma: [1, -Infinity] }, ["GammaL", "GammaR"])), "Gamma[1]", "must be finite");
    const occ = Array(12).fill(0.5);
    occ[3] = NaN;
    refused(() => parseConfig(withField({ initial: { kind: "occupations", occupations: occ } })), "initial.occupations[3]", "must be finite");
  });
  it("occupations outside [0, 1], n_D outside [0, 1]", () => {
    const occ = Array(12).fill(0.5);
    occ[3] = 1.5;
    refused(() => parseConfig(withField({ initial: { kind: "occupations", occupations: occ } })), "initial.occupations[3]", "must be in [0, 1]");
    refused(() => parseConfig(withField({ nD: -0.1 })), "nD", "must be in [0, 1]");
  });
  it("occupations of the wrong length", () => {
    const occ = Array(11).fill(0.5);
    refused(() => parseConfig(withField({ initial: { kind: "occupations", occupations: occ } })), "initial.occupations", /must have length KL\+KR = 12/);
  });
  it("times not ascending, negative, or empty", () => {
    refused(() => parseConfig(withField({ times: [0, 10, 1] })), "times[2]", "must be ascending");
    refused(() => parseConfig(withField({ times: [0, 1, 1] })), "times[2]", "must be ascending");
    refused(() => parseConfig(withField({ times: [-1, 1] })), "times[0]", "must be ≥ 0");
    refused(() => parseConfig(withField({ times: [] })), "times", /empty/);
    refused(() => parseConfig(withField({ times: { from: 10, to: 1, points: 3 } })), "times.to", "must be ≥ from");
    refused(() => parseConfig(withField({ times: { from: 0, to: 1, points: 3 } })), "times.from", "must be > 0");
  });
  it("a seed that is not a non-negative safe integer", () => {
    for (const seed of [-1, 1.5, 2 ** 60]) {
      refused(() => parseConfig(withField({ initial: { kind: "pure", seed } })), "initial.seed", "must be a non-negative safe integer");
    }
  });
  it("a problem too large", () => {
    refused(() => parseConfig(withField({ KL: 10000, KR: 10001 })), "KL", /problem too large/);
    expect(parseConfig(withField({ KL: 10000, KR: 10000 })).base.KR).toBe(10000);
    expect(MAX_MODES).toBe(20001);
    refused(() => parseConfig(withField({ K: [100, 20000] }, ["KL", "KR"])), "K", /problem too large/);
  });
  it("a shorthand together with its long form", () => {
    refused(() => parseConfig(withField({ K: 6 })), "KL", /together with K/);
    refused(() => parseConfig(withField({ Gamma: 3 }, ["GammaL"])), "GammaR", /together with Gamma/);
  });
  it("two swept fields, or a bad sweep", () => {
    refused(() => parseConfig(withField({ betaL: [1, 2], GammaL: [1, 2] })), "GammaL", /swept together with betaL/);
    refused(() => parseConfig(withField({ GammaL: [] })), "GammaL", /empty/);
    refused(() => parseConfig(withField({ GammaL: [1, -1] })), "GammaL[1]", "must be ≥ 0");
    refused(() => parseConfig(withField({ KL: [6, 2.5] })), "KL[1]", "must be an integer ≥ 2");
    refused(() => parseConfig(withField({ nD: { from: 0.1, to: 2, points: 3 } })), "nD.to", "must be in [0, 1]");
    refused(() => parseConfig(withField({ KL: { from: 2, to: 4, points: 5 } })), "KL.points", /twice after rounding/);
    refused(() => parseConfig(withField({ GammaL: { from: 1, to: 10 } })), "GammaL.points", "is required");
    refused(() => parseConfig(withField({ W: true })), "W", /must be a number, a list/);
  });
  it("a bad average grid", () => {
    refused(() => parseConfig(withField({ average: { from: 1e5, to: 1e8, points: 0 } })), "average.points", "must be an integer ≥ 1");
    refused(() => parseConfig(withField({ average: { from: 1e5, to: 1e8, perDecade: 7 } })), "average.perDecade", "unknown field");
  });
});

describe("time grids", () => {
  it("the trace grid has 122 points, exact endpoints, t = 0 first, ascending", () => {
    const t = resolveTimes({ from: 1e-4, to: 1e8, perDecade: 10, zero: true }, "times");
    expect(t).toHaveLength(122);
    expect([t[0], t[1], t[121]]).toEqual([0, 1e-4, 1e8]);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
    // whole decades land on the powers of ten
    expect(t[1 + 40]).toBe(1);
    expect(t[1 + 90]).toBe(1e5);
  });
  it("points and perDecade give the same grid; one point only when from = to; no zero unless asked", () => {
    expect(resolveTimes({ from: 1, to: 1000, points: 4 }, "t")).toEqual([1, 10, 100, 1000]);
    expect(resolveTimes({ from: 1, to: 1000, perDecade: 1 }, "t")).toEqual([1, 10, 100, 1000]);
    // a grid never drops its own end point (issue 14: perDecade 1e-9 gave [from] silently)
    refused(() => resolveTimes({ from: 3, to: 7, points: 1 }, "t"), "t.points", /drop the grid's end point/);
    refused(() => resolveTimes({ from: 1, to: 100, perDecade: 1e-9 }, "t"), "t.perDecade", /at least 2 points/);
    expect(resolveTimes({ from: 5, to: 5, perDecade: 10 }, "t")).toEqual([5]);
    expect(logSpace(0.3, 0.7, 9)[8]).toBe(0.7);
    refused(() => resolveTimes({ from: 5, to: 5, points: 3 }, "t"), "t.points", /from = to/);
    refused(() => resolveTimes({ from: 1, to: 10, points: 3, perDecade: 1 }, "t"), "t.perDecade", /together with points/);
  });
  it("a time list is kept as given", () => {
    expect(resolveTimes([0, 0.5, 1e8], "times")).toEqual([0, 0.5, 1e8]);
  });
  it("the average grid is {from, to, points} only", () => {
    const a = resolveGrid({ from: 1e5, to: 1e8, points: 21 }, "average");
    expect(a).toHaveLength(21);
    expect([a[0], a[20]]).toEqual([1e5, 1e8]);
  });
});

describe("shorthands, sweeps and problemFor", () => {
  const short = () => withField({ K: 6, Gamma: 3 }, ["KL", "KR", "GammaL", "GammaR"]);
  it("K and Gamma stand for both baths; defaults fill epsD, nD, initial", () => {
    const p = parseConfig(withField({ K: 6, Gamma: 2 }, ["KL", "KR", "GammaL", "GammaR", "epsD", "nD", "initial"]));
    expect(p.base).toMatchObject({ KL: 6, KR: 6, GammaL: 2, GammaR: 2, epsD: 0, nD: 0, initial: { kind: "thermal" } });
    expect(p.sweep).toBeUndefined();
    expect(problemFor(p)).toEqual(p.base);
  });
  it("a Gamma grid sweeps both couplings; base holds the first value", () => {
    const p = parseConfig({ ...short(), Gamma: { from: 1, to: 100, points: 3 } });
    expect(p.sweep).toEqual({ field: "Gamma", values: [1, 10, 100] });
    expect([p.base.GammaL, p.base.GammaR]).toEqual([1, 1]);
    expect(problemFor(p, 10)).toMatchObject({ GammaL: 10, GammaR: 10, KL: 6 });
  });
  it("a K list sweeps both baths; a K grid rounds to integers", () => {
    const p = parseConfig({ ...short(), K: [4, 8] });
    expect(p.sweep).toEqual({ field: "K", values: [4, 8] });
    expect(problemFor(p, 8)).toMatchObject({ KL: 8, KR: 8 });
    const g = parseConfig({ ...short(), K: { from: 10, to: 1000, points: 5 } });
    expect(g.sweep!.values).toEqual([10, 32, 100, 316, 1000]);
  });
  it("a long-form field may be swept alone", () => {
    const p = parseConfig(withField({ betaR: [1, 2, 4] }));
    expect(p.sweep).toEqual({ field: "betaR", values: [1, 2, 4] });
    expect(problemFor(p, 4)).toMatchObject({ betaR: 4, betaL: 10 });
    expect(problemFor(p, 4).initial).toEqual({ kind: "thermal" });
  });
  it("average alone needs no times; raw is the input as given", () => {
    const input = { ...withField({}, ["times"]), average: { from: 1e5, to: 1e8, points: 4 } };
    const p = parseConfig(input);
    expect(p.times).toEqual([]);
    expect(p.average!.times).toEqual([1e5, 1e6, 1e7, 1e8]);
    expect(p.raw).toBe(input);
  });
  it("occupations and pure states pass through", () => {
    const occ = Array.from({ length: 12 }, (_, i) => i / 11);
    expect(parseConfig(withField({ initial: { kind: "occupations", occupations: occ } })).base.initial).toEqual({ kind: "occupations", occupations: occ });
    expect(parseConfig(withField({ initial: { kind: "pure", seed: 0 } })).base.initial).toEqual({ kind: "pure", seed: 0 });
  });
});

describe("examples", () => {
  it.each(Object.keys(EXAMPLES))("%s parses", (name) => {
    const p = parseConfig(EXAMPLES[name].config);
    expect(p.times.length + (p.average?.times.length ?? 0)).toBeGreaterThan(0);
  });
  it("match the workloads of SPEC §5", () => {
    expect(parseConfig(EXAMPLES.trace.config).times).toHaveLength(122);
    const f6 = parseConfig(EXAMPLES["fig6-a"].config);
    expect(f6.sweep!.values).toHaveLength(6);
    expect(f6.sweep!.values[1]).toBe(10);
    expect(f6.sweep!.values[5]).toBe(1000);
    expect(f6.average!.times).toHaveLength(21);
    expect(parseConfig(EXAMPLES["fig6-b"].config).base).toMatchObject({ muL: 0.5, muR: 0.5 });
    const m = parseConfig(EXAMPLES.massive.config);
    expect(m.sweep!.values.length * m.times.length).toBe(4096);
    expect(parseConfig(EXAMPLES.scaling.config).sweep).toEqual({ field: "K", values: [250, 500, 1000, 2000, 4000] });
    expect(parseConfig(EXAMPLES.asymmetric.config).base).toMatchObject({ KL: 1001, KR: 999, GammaL: 1, GammaR: 1 });
  });
  it("examples/trace-k200.json is the trace-k200 example", () => {
    const file = JSON.parse(readFileSync(new URL("../examples/trace-k200.json", import.meta.url), "utf8"));
    expect(file).toEqual(EXAMPLES["trace-k200"].config);
  });
});
