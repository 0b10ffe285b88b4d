// β* = 0 (infinite temperature, SPEC §2): the state is fixed by α = βμ alone. Sπ, D*, Σ and σ must take
// their β → 0 limits and stay continuous as β* crosses 0 (issue 14: Sπ was taken as 0 there).
import { describe, expect, it } from "vitest";
import { matchGrandCanonical } from "../src/thermo/beta-star.ts";
import { bathThermo } from "../src/thermo/bath-thermo.ts";
import { bathLevels } from "../src/model/levels.ts";
import { binaryEntropy } from "../src/thermo/fermi.ts";
import { cpuEngine } from "../src/engine/cpu/cpu-engine.ts";
import { inlineSolver } from "../src/engine/cpu/block-pool.ts";
import type { Problem } from "../src/model/problem.ts";

const K = 20;
const levels = bathLevels(K, 10);

/** Occupations f(bε − a) for a small b of either sign: a bath just off infinite temperature. */
function nearInfiniteT(b: number, a: number): Float64Array {
  return Float64Array.from(levels, (e) => 1 / (Math.exp(b * e - a) + 1));
}

describe("the β* = 0 limit", () => {
  it("uniform occupations are the infinite-temperature state: β* = 0, α = logit(n), μ* undefined, Sπ = K·h(N/K)", () => {
    for (const n of [0.5, 0.2, 0.97]) {
      const b = bathThermo(levels, new Float64Array(K).fill(n));
      expect(b.beta).toBe(0);
      expect(b.alpha).toBeCloseTo(Math.log(n / (1 - n)), 12);
      expect(Number.isNaN(b.mu)).toBe(true);
      // independent: the entropy of K independent modes at occupation N/K
      expect(b.Spi).toBeCloseTo(K * binaryEntropy(b.N / K), 12);
      expect(b.Spi - b.Smodes).toBeCloseTo(0, 12);
    }
  });

  it("Sπ is continuous as β* changes sign, and matches the Fermi sum on both sides", () => {
    const a = -1.3;
    const S0 = K * binaryEntropy(1 / (Math.exp(-a) + 1));
    for (const b of [-1e-6, -1e-12, -1e-15, 0, 1e-15, 1e-12, 1e-6]) {
      const r = bathThermo(levels, nearInfiniteT(b, a));
      expect(Math.abs(r.beta - b)).toBeLessThan(1e-9);
      expect(Math.abs(r.alpha - a)).toBeLessThan(1e-9);
      let spi = 0;
      for (const e of levels) spi += binaryEntropy(1 / (Math.exp(b * e - a) + 1));
      expect(Math.abs(r.Spi - spi)).toBeLessThan(1e-12);
      expect(Math.abs(r.Spi - S0)).toBeLessThan(1e-4);
    }
  });

  it("an exactly matched state at tiny β keeps α finite (μ = α/β is then large, but nothing uses it)", () => {
    const r = matchGrandCanonical(levels, 1e-13, K / 2);
    expect(Number.isFinite(r.alpha)).toBe(true);
    expect(Math.abs(r.alpha)).toBeLessThan(1e-10);
  });
});

const base: Problem = {
  KL: K, KR: K, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1,
  GammaL: 3, GammaR: 3, initial: { kind: "thermal" },
};
const times = [0, 0.1, 1, 10, 100, 1e4];

describe("rows through β* = 0 (CPU engine)", () => {
  it("all occupations 0.5 is thermal at β = 0: D*(0) = 0, Σ(0) = σ(0) = Q(0) = 0, and D* ≥ 0 after", async () => {
    const engine = await cpuEngine(inlineSolver);
    try {
      const { rows, meta } = await engine.run({ ...base, initial: { kind: "occupations", occupations: new Array(2 * K).fill(0.5) } }, times);
      expect(meta.betaL0).toBe(0);
      expect(rows[0].Dstar).toBe(0);
      for (const c of ["Sigma", "sigma", "QL", "QR", "Deq"] as const) expect(rows[0][c], c).toBe(0);
      for (const r of rows) {
        expect(r.Dstar, `t=${r.t}`).toBeGreaterThanOrEqual(-1e-12);
        // σ − Σ = Σ D[π_k(t)‖π_k(0)] ≥ 0, and finite through β*(0) = 0
        expect(Number.isFinite(r.sigma), `t=${r.t}`).toBe(true);
        expect(r.Deq, `t=${r.t}`).toBeGreaterThanOrEqual(-1e-12);
      }
    } finally {
      engine.close();
    }
  });

  it("Σ and σ are continuous when β*_ν(0) crosses 0", async () => {
    const engine = await cpuEngine(inlineSolver);
    try {
      const runAt = async (b: number) => {
        const occ = [...nearInfiniteT(b, 0.4), ...nearInfiniteT(-b, -0.2)];
        return (await engine.run({ ...base, initial: { kind: "occupations", occupations: occ } }, times)).rows;
      };
      const [neg, zero, pos] = [await runAt(-1e-9), await runAt(0), await runAt(1e-9)];
      for (let i = 0; i < times.length; i++) {
        for (const c of ["Sigma", "sigma", "Dstar", "Deq"] as const) {
          expect(Math.abs(neg[i][c] - zero[i][c]), `${c} t=${times[i]}`).toBeLessThan(1e-6);
          expect(Math.abs(pos[i][c] - zero[i][c]), `${c} t=${times[i]}`).toBeLessThan(1e-6);
        }
      }
    } finally {
      engine.close();
    }
  });

  it("full baths draining at infinite temperature: D* stays ≥ 0 and Σ has no jump when β*(t) flips sign by rounding", async () => {
    const engine = await cpuEngine(inlineSolver);
    try {
      const { rows } = await engine.run({ ...base, initial: { kind: "occupations", occupations: new Array(2 * K).fill(1) } }, times);
      for (const r of rows) expect(r.Dstar, `t=${r.t}`).toBeGreaterThanOrEqual(-1e-12);
      // Σ = ΔS_S + ΔSπ: long after the first transients it sits near its plateau whatever β*'s sign
      const late = rows.filter((r) => r.t >= 1).map((r) => r.Sigma);
      expect(Math.max(...late) - Math.min(...late)).toBeLessThan(0.1);
    } finally {
      engine.close();
    }
  });

  it("σ(0) = 0 exactly for a pure state (β*(0) = ∞ for a ground-state bath)", async () => {
    const engine = await cpuEngine(inlineSolver);
    try {
      for (const seed of [1, 2, 3, 5, 8]) {
        const { rows } = await engine.run({ ...base, KL: 12, KR: 12, initial: { kind: "pure", seed } }, [0, 1]);
        expect(rows[0].sigma, `seed ${seed}`).toBe(0);
        expect(rows[0].Sigma, `seed ${seed}`).toBe(0);
        expect(rows[0].QL).toBe(0);
        expect(rows[0].QR).toBe(0);
      }
    } finally {
      engine.close();
    }
  });
});
