// Fast mode (f32 graded Rayleigh–Ritz on the GPU, SwiftShader here, with the df64 vectors of C(t)) against the f64 CPU engine on every SPEC §2 column, at K = 64 and 128;
// the same GPU chain with the refinement switched off (θ = 0: QL's f32 values of C) missing; the start-up check's refusal, and the df64 path taking over where it refuses.
import { describe, expect, it } from "vitest";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import { META_COLUMNS, ROW_COLUMNS } from "../src/observables/columns.ts";
import { createGradedRitz } from "../src/engine/webgpu/graded-ritz-gpu.ts";
import { planTimes, blocksAt } from "../src/engine/run-plan.ts";
import { factorVectors } from "../src/propagation/correlation-blocks.ts";
import { blockEntropy, spectrumEntropy } from "../src/observables/block-entropy.ts";
import type { Problem } from "../src/model/problem.ts";
import { expectRunClose } from "./helpers/allclose.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();
const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1 };
const configs: [string, Problem][] = [
  ["thermal, case a, K = 128", { ...base, KL: 128, KR: 128, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
  ["pure (seed 5), K = 64", { ...base, KL: 64, KR: 64, GammaL: 3, GammaR: 3, initial: { kind: "pure", seed: 5 } }],
  ["asymmetric K_L = 64, K_R = 41, Γ_L ≠ Γ_R", { ...base, KL: 64, KR: 41, GammaL: 2, GammaR: 5, initial: { kind: "thermal" } }],
  ["ε_d ≠ 0, n_d = 1, case b, K = 64", { ...base, KL: 64, KR: 64, epsD: 0.4, nD: 1, muL: 0.5, muR: 0.5, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
];
const times = [0, 2, 120, 1e5];

describe.skipIf(!gpu)("WebGPU fast mode (f32 graded Rayleigh–Ritz)", () => {
  it.each(configs)("meets 1e-4·max(|x|, 1) on every column against the f64 engine: %s", async (_, p) => {
    const engine = await webgpuEngine(gpu!, "fast", 0);
    expect(engine.name).toMatch(/^webgpu-fast \(/);
    const got = await engine.run(p, times);
    const ref = await runCpu(p, times);
    let worst = 0;
    ref.rows.forEach((want, i) => {
      for (const c of ROW_COLUMNS) {
        if (Number.isFinite(want[c])) worst = Math.max(worst, Math.abs(got.rows[i][c] - want[c]) / Math.max(Math.abs(want[c]), 1));
      }
    });
    expect(Object.keys(engine.kernelStats!.stages)).toContain("GPU: vectors of C(t) + S_B by the secular equation (df64)");
    // each stage of the f32 chain its own pass, timed where the adapter has timestamps, with its flops
    const graded = Object.entries(engine.kernelStats!.stages).filter(([s]) => s.startsWith("GPU: graded Rayleigh–Ritz, "));
    expect(graded).toHaveLength(7);
    for (const [s, v] of graded) {
      expect(v.flops, s).toBeGreaterThan(0);
      if (gpu!.device.features.has("timestamp-query")) expect(v.seconds, s).toBeGreaterThan(0);
    }
    console.info(`${_}: worst column error ${worst.toExponential(2)} (relative to max(|x|, 1))`);
    expectRunClose(got, ref, ROW_COLUMNS, META_COLUMNS, 1e-4);
  });

  it("checks its chain at start-up on a fixed graded case against f64, and refuses where it misses (here: a bound below f32's reach)", async () => {
    const { gradedEntropies } = await import("../src/engine/webgpu/graded-entropies.ts");
    await expect(gradedEntropies(gpu!, { checkBound: 1e-15 })).rejects.toThrow(/miss the f64 entropies of a fixed case by .* \(allowed 1e-15\); use --engine cpu/);
  });

  it("where its check refuses and double-float holds, fast mode runs the df64 path, named webgpu-fast-df64, to the accurate bound", async () => {
    const engine = await webgpuEngine(gpu!, "fast", 0, { checkBound: 1e-15 });
    expect(engine.name).toMatch(/^webgpu-fast-df64 \(/);
    const p = { ...configs[1][1], KL: 12, KR: 12 };
    expectRunClose(await engine.run(p, [0, 2, 1e3]), await runCpu(p, [0, 2, 1e3]), ROW_COLUMNS, META_COLUMNS, 1e-8);
  });

  it("runs blocks in f32 up to its size bound and on the df64 path beyond (here: f32 up to 8), in one engine, each to its bound", async () => {
    const engine = await webgpuEngine(gpu!, "fast", 0, { f32UpTo: 8 });
    expect(engine.name).toMatch(/^webgpu-fast \(/);
    const small = { ...configs[1][1], KL: 8, KR: 7 };
    const large = { ...configs[1][1], KL: 12, KR: 12 };
    // (t = 0 takes the host's f64 vectors, and S_B from them, on either path)
    const t = [0.5, 2, 1e3];
    const [a, b] = await engine.runMany!([{ problem: small, times: t }, { problem: large, times: t }]);
    expectRunClose(a, await runCpu(small, t), ROW_COLUMNS, META_COLUMNS, 1e-4);
    expectRunClose(b, await runCpu(large, t), ROW_COLUMNS, META_COLUMNS, 1e-8);
    const stages = Object.keys(engine.kernelStats!.stages);
    expect(stages.some((s) => s.startsWith("GPU: graded Rayleigh–Ritz"))).toBe(true);
    expect(stages.some((s) => /Householder tridiagonalization \+ bisection \(df64\)/.test(s))).toBe(true);
    // S_B from the GPU on both paths, none on the host
    expect(stages.some((s) => s.startsWith("host: rows: S_B"))).toBe(false);
  });

  it("batches as many blocks as batchBytes holds, one time's two at least, to the same bits; a bad size is refused", async () => {
    const p = { ...configs[1][1], KL: 10, KR: 9 };
    const t = [0.5, 2, 1e3];
    const one = await webgpuEngine(gpu!, "fast", 0, { batchBytes: 1 });
    // (its start-up check too runs in batches that small: no fallback to df64)
    expect(one.name).toMatch(/^webgpu-fast \(/);
    const got = await one.run(p, t);
    expect(one.kernelStats!.submissions).toBe(3);
    const all = await webgpuEngine(gpu!, "fast", 0);
    expect(await all.run(p, t)).toEqual(got);
    expect(all.kernelStats!.submissions).toBe(1);
    const { createEngine } = await import("../src/engine/engine.ts");
    await expect(createEngine("webgpu", { batchBytes: 0 })).rejects.toThrow(/--batch-mib/);
  });

  it("needs its refinement: switched off (θ = 0, plain f32 QL values of C), the same GPU chain misses S_L of a K = 128 thermal block by over 10× more", async () => {
    const p = configs[0][1];
    const t = 1e5;
    const plan = planTimes(p);
    const b = blocksAt(plan, t);
    const want = blockEntropy(b.LL.re, b.LL.im, p.KL);
    const block = { e: plan.spectrum, v: factorVectors(plan.spectrum, t), start: 1, K: p.KL, n: plan.n0 };
    const N = plan.n0.length;
    const err = async (theta: number) => Math.abs(spectrumEntropy((await (await createGradedRitz(gpu!, { theta })).run([block], 128, N))[0]) - want);
    const [on, off] = [await err(0.1), await err(0)];
    console.info(`S_L error, K = 128, t = 1e5: refined ${on.toExponential(2)}, θ = 0 ${off.toExponential(2)}`);
    expect(off).toBeGreaterThan(1e-5);
    expect(off).toBeGreaterThan(10 * on);
  });
});
