// Fast mode's bath factors B formed on the GPU (form-factor.wgsl, df64, SwiftShader here) against the host's f64 bathFactor: thermal, asymmetric, uncoupled and degenerate levels, levels 1e−4 apart.
import { describe, expect, it } from "vitest";
import { testGpu } from "./helpers/gpu.ts";
import { createFactorFormer, type FactorBlock, factorCheckBlocks, factorError, formFactors, packFactorVectors } from "../src/engine/webgpu/factor-former.ts";
import { bathFactor, factorVectors } from "../src/propagation/correlation-blocks.ts";
import { planTimes } from "../src/engine/run-plan.ts";
import type { Problem } from "../src/model/problem.ts";

const gpu = await testGpu();

const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } } as const;

/** Both baths' blocks of p at each time (blocks of one time share its vectors). */
function blocksOf(p: Problem, times: number[]): FactorBlock[] {
  const plan = planTimes(p);
  return times.flatMap((t) => {
    const v = factorVectors(plan.spectrum, t);
    return [[1, p.KL], [1 + p.KL, p.KR]].map(([start, K]) => ({ e: plan.spectrum, v, start, K, n: plan.n0 }));
  });
}

/** Worst |got − B| over |B| entrywise, for entries above 1e−6 of their row's largest (f32 rounding: 2⁻²⁴ ≈ 6e−8). */
function entrywise(got: Float32Array, blocks: readonly FactorBlock[], m: number, D: number): number {
  let worst = 0;
  blocks.forEach(({ e, v, start, K }, b) => {
    const N = e.N;
    const B = bathFactor(e, 0, start, K, v);
    for (let i = 0; i < K; i++) {
      let row = 0;
      for (let k = 0; k < N; k++) row = Math.max(row, Math.hypot(B.re[i * N + k], B.im[i * N + k]));
      for (let k = 0; k < N; k++) {
        const x = Math.hypot(B.re[i * N + k], B.im[i * N + k]);
        const at = 2 * ((b * m + i) * D + k);
        if (x > 1e-6 * row) worst = Math.max(worst, Math.hypot(got[at] - B.re[i * N + k], got[at + 1] - B.im[i * N + k]) / x);
      }
    }
  });
  return worst;
}

const cases: [string, Problem, number[]][] = [
  ["thermal, K = 13 (degenerate levels: both baths share them)", { ...base, KL: 13, KR: 13 }, [0.7, 2, 1e5]],
  ["thermal, K = 32", { ...base, KL: 32, KR: 32 }, [120, 1e5]],
  ["asymmetric, K_L = 21, K_R = 8, Γ_L ≠ Γ_R, ε_d ≠ 0", { ...base, KL: 21, KR: 8, GammaL: 2, GammaR: 5, epsD: 0.4, nD: 1 }, [2, 300]],
  ["an uncoupled bath (Γ_R = 0: group −1), K_L = 14, K_R = 9", { ...base, KL: 14, KR: 9, GammaR: 0 }, [0.7, 300]],
];

describe.skipIf(!gpu)("form-factor: B on the GPU", () => {
  it.each(cases)("equals bathFactor's f64 B within f32 rounding: %s", async (label, p, times) => {
    const former = await createFactorFormer(gpu!, "gpu");
    const blocks = blocksOf(p, times);
    const m = Math.max(p.KL, p.KR) + 1;
    const D = p.KL + p.KR + 4;
    const got = await formFactors(gpu!, former, blocks, m, D);
    const [rowWise, entryWise] = [factorError(got, blocks, m, D), entrywise(got, blocks, m, D)];
    console.info(`form-factor, ${label}: worst error ${rowWise.toExponential(2)} of the row's largest, ${entryWise.toExponential(2)} entrywise`);
    // one rounding to f32 (≤ 2⁻²⁴ a part) and df64 far below it: ≤ 2⁻²³; the row-relative error counts
    // the zero padding against 1, so it must come out exactly 0 there
    expect(rowWise).toBeLessThanOrEqual(1.2e-7);
    expect(entryWise).toBeLessThanOrEqual(1.2e-7);
  });

  it("keeps the digits f32 arithmetic would lose: levels 1e−4 apart, degenerate pairs, an uncoupled level (the start-up check's cases)", async () => {
    const former = await createFactorFormer(gpu!, "gpu");
    const { blocks, m, D } = factorCheckBlocks();
    const e = blocks[blocks.length - 1].e;
    // the hand-made ℋ has what the test is about
    expect(Array.from(e.group)).toContain(-1);
    expect(new Set(e.group).size).toBeLessThan(e.group.length);
    const got = await formFactors(gpu!, former, blocks, m, D);
    const [rowWise, entryWise] = [factorError(got, blocks, m, D), entrywise(got, blocks, m, D)];
    console.info(`form-factor, check cases: ${rowWise.toExponential(2)} of the row's largest, ${entryWise.toExponential(2)} entrywise`);
    expect(rowWise).toBeLessThanOrEqual(1.2e-7);
    expect(entryWise).toBeLessThanOrEqual(1.2e-7);
  });

  it("is the former chosen on SwiftShader (df64 exact, check passed); the host former lays B out the same way", async () => {
    expect((await createFactorFormer(gpu!)).where).toBe("gpu");
    const host = await createFactorFormer(gpu!, "host");
    expect(host.where).toBe("host");
    const blocks = blocksOf({ ...base, KL: 13, KR: 11 }, [3]);
    const got = await formFactors(gpu!, host, blocks, 14, 27);
    expect(factorError(got, blocks, 14, 27)).toBeLessThanOrEqual(1.2e-7);
  });

  it("packs a time's vectors once for both of its blocks: O(N + G) numbers a time", () => {
    const blocks = blocksOf({ ...base, KL: 13, KR: 11 }, [3, 4]);
    const { modes, groupOf, groups, info } = packFactorVectors(blocks);
    const { N, D: poles } = blocks[0].e;
    expect(modes.length).toBe(2 * 4 * (N - 1));
    expect(groupOf.length).toBe(2 * (N - 1));
    expect(groups.length).toBe(2 * 16 * poles.length);
    expect(Array.from(info.subarray(0, 5))).toEqual([1, 13, N, 0, 0]);
    expect(Array.from(info.subarray(24, 29))).toEqual([14, 11, N, N - 1, poles.length]);
  });
});
