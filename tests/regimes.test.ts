// The regime rule (src/observables/regimes.ts) on synthetic traces: II at 5 % of the way to β*(∞), III once both baths' one-decade medians stay close to β*(∞).
import { describe, expect, it } from "vitest";
import type { Meta, Row } from "../src/observables/columns.ts";
import { findRegimes, regimeBoundaries, REGIME_RULE } from "../src/observables/regimes.ts";

const times = Array.from({ length: 121 }, (_, i) => 10 ** (-4 + i / 10));
/** β*_ν(t) relaxing exponentially from β*_ν(0) to β*_ν(∞) with time constants τ_L, τ_R, plus a t = 0 row. */
function trace(meta: Partial<Meta>, tauL: number, tauR: number, wobble = (_t: number) => 0): Row[] {
  const m = meta as Meta;
  const at = (t: number) => ({
    t,
    betaL: m.betaLinf + (m.betaL0 - m.betaLinf) * Math.exp(-t / tauL) + wobble(t),
    betaR: m.betaRinf + (m.betaR0 - m.betaRinf) * Math.exp(-t / tauR) - wobble(t),
  }) as Row;
  return [at(0), ...times.map(at)];
}
const firstAtOrAfter = (t: number) => times.find((x) => x >= t)!;
// a Gibbs value far from where the baths go: the rule must not look at it
const meta = { betaL0: 10, betaR0: 2, betaLinf: 1.5, betaRinf: 1.5, betaLgg: 1, betaRgg: 1 } as Meta;

describe("regimes of a trace", () => {
  it("II starts when a β*_ν has covered 5 % of its way to β*_ν(∞)", () => {
    // e^{−t/τ} = 0.95 for both baths at t = −τ ln 0.95
    const r = findRegimes(trace(meta, 1, 100), meta);
    expect(r.II).toBe(firstAtOrAfter(-Math.log(0.95)));
  });

  it("III starts once both stay within 10 % of their way (here the slower bath R decides)", () => {
    // L: 8.5 e^{−t} ≤ 0.85 at t = ln 10; R: 0.5 e^{−t/100} ≤ 0.05 at t = 100 ln 10 (a monotone
    // trace's median over a full, symmetric window is its own value)
    const r = findRegimes(trace(meta, 1, 100), meta);
    expect(r.III).toBe(firstAtOrAfter(100 * Math.log(10)));
    expect(regimeBoundaries(r)).toEqual([{ x: r.II, label: "II" }, { x: r.III, label: "III" }]);
  });

  it("finds III with fluctuations around β*(∞) that never reach the Gibbs value", () => {
    // ±0.04 around 1.5 after t = 1e3: within 0.05 of β*_R(∞), always 0.45 away from β*_gg
    const wobble = (t: number) => (t > 1e3 ? 0.04 * Math.sin(7 * Math.log(t)) : 0);
    const r = findRegimes(trace(meta, 1, 100, wobble), meta);
    expect(r.III).toBe(firstAtOrAfter(100 * Math.log(10)));
    // measured against the Gibbs values instead (the old rule), regime III would never come
    const gibbs = { ...meta, betaLinf: 1, betaRinf: 1 } as Meta;
    expect(findRegimes(trace(meta, 1, 100, wobble), gibbs).III).toBeUndefined();
  });

  it("a single late excursion is a fluctuation; one that lasts a decade, or a non-finite β*, moves III past it", () => {
    const rows = trace(meta, 1, 100);
    const settled = findRegimes(rows, meta).III;
    const at = (t: number) => rows.findIndex((r) => r.t >= t);
    rows[at(1e6)].betaR = 2.5;
    expect(findRegimes(rows, meta).III).toBe(settled);
    // 1e6 … 1e7 (11 times at 10 a decade): the median is off until fewer than half of its window are
    for (let i = at(1e6); i <= at(1e7); i++) rows[i].betaR = 2.5;
    expect(findRegimes(rows, meta).III).toBe(rows[at(1e7) + 1].t);
    for (let i = at(1e6); i <= at(1e7); i++) rows[i].betaR = 1.5;
    rows[at(1e6) + 3].betaL = NaN;
    expect(findRegimes(rows, meta).III).toBe(rows[at(1e6) + 4].t);
    rows[rows.length - 1].betaL = Infinity;
    expect(findRegimes(rows, meta).III).toBeUndefined();
  });

  it("a bath with no way to go is left out; with neither there are no marks", () => {
    const still = { ...meta, betaR0: 1.5 } as Meta;
    const r = findRegimes(trace(still, 1, 100), still);
    expect(r.II).toBe(firstAtOrAfter(-Math.log(0.95)));
    expect(r.III).toBe(firstAtOrAfter(Math.log(10)));
    const none = { ...meta, betaL0: 1.5, betaR0: 1.5 } as Meta;
    expect(findRegimes(trace(none, 1, 1), none)).toEqual({});
    const infinite = { ...meta, betaL0: Infinity, betaR0: Infinity } as Meta;
    expect(findRegimes(trace(meta, 1, 1), infinite)).toEqual({});
  });

  it("a floor of 2 % of β*(∞) keeps a short way from demanding more than the fluctuations allow", () => {
    // way 0.05: 10 % of it is 0.005, the floor 0.03; a 0.02 wobble stays inside
    const short = { ...meta, betaL0: 1.55, betaR0: 1.55 } as Meta;
    const wobble = (t: number) => (t > 10 ? 0.02 * Math.sin(3 * Math.log(t)) : 0);
    expect(findRegimes(trace(short, 1, 1, wobble), short).III).toBeDefined();
  });

  it("one boundary when the trace jumps from I straight into III", () => {
    const fast = trace(meta, 1e-6, 1e-6);
    const r = findRegimes(fast, meta);
    expect(r.II).toBe(r.III);
    expect(regimeBoundaries(r)).toEqual([{ x: r.II, label: "II→III" }]);
  });

  it("states the rule with its numbers", () => {
    const text = REGIME_RULE.join(" ");
    expect(text).toContain("5 %");
    expect(text).toContain("10 %");
    expect(text).toContain("2 % of β*_ν(∞)");
    expect(text).toContain("medians over one decade");
  });
});
