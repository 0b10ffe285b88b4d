// Fast mode's f32 kernels on SwiftShader against f64 (and the f32 emulation), at small, odd and off-tile sizes: the batched products, the tiny Ritz blocks' sizes, T̃ and copies, the whole graded Rayleigh–Ritz (the ranged products and the diagonal: ritz-ranged-gpu.test.ts).
import { describe, expect, it } from "vitest";
import { onePass, testGpu } from "./helpers/gpu.ts";
import { gemmEntry, randomComplexF32 } from "./helpers/random-matrices.ts";
import { expectAllClose, lcg } from "./helpers/allclose.ts";
import { createGemm, type GemmKernel } from "../src/engine/webgpu/f32-gemm.ts";
import { createGradedRitz } from "../src/engine/webgpu/graded-ritz-gpu.ts";
import { computePipeline, shaderSource } from "../src/engine/webgpu/shader-source.ts";
import { storage, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { f32Matrix } from "../src/spectrum/f32-emulation.ts";
import { newtonSchulz } from "../src/spectrum/graded-ritz.ts";
import { planTimes, blocksAt } from "../src/engine/run-plan.ts";
import { factorVectors } from "../src/propagation/correlation-blocks.ts";
import { blockEntropy, spectrumEntropy } from "../src/observables/block-entropy.ts";
import type { Problem } from "../src/model/problem.ts";

const gpu = await testGpu();

const once = onePass(gpu);
const random = randomComplexF32;

/**
 * f32-gemm's product op(X)·diag(w)·op(Y) of random entries on the GPU (through `kernel`), against the
 * same product of the same f32 inputs summed in f64; returns both and the largest |entry| of Z.
 */
async function gemmCase(
  [rows, depth, cols, batch]: readonly number[], conjX: boolean, conjY: boolean, weighted: boolean, kernel: GemmKernel, hermitian = false,
): Promise<{ got: Float32Array; want: number[]; scale: number }> {
  const { device } = gpu!;
  const rnd = lcg(7);
  const x = random(batch * rows * depth, rnd);
  // Hermitian: op(Y) = op(X)†, i.e. Y = X (conjY = !conjX)
  const y = hermitian ? x : random(batch * depth * cols, rnd);
  const w = Float32Array.from({ length: batch * depth }, rnd);
  const Z = device.createBuffer({ size: batch * rows * cols * 8, usage: storage() });
  const gemm = await createGemm(gpu!, { kernel });
  const got = await once((pass) => gemm.encode(pass, {
    X: upload(device, x), Y: upload(device, y), Z, w: weighted ? upload(device, w) : undefined, rows, cols, depth, batch, conjX, conjY, hermitian,
  }), Z);
  const want: number[] = [];
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) want.push(...gemmEntry(x, y, weighted ? w : undefined, { rows, cols, depth, conjX, conjY }, b, i, j));
    }
  }
  return { got, want, scale: Math.max(...want.map(Math.abs)) };
}

// (conjX, conjY, weighted): every conjugation, with and without weights
const combos = [[false, false, false], [true, false, true], [false, true, true], [true, true, false]] as const;

describe.skipIf(!gpu)("fast mode's f32 kernels", () => {
  it.each(combos.flatMap((c) => (["small", "register"] as const).map((k) => [...c, k] as const)))(
    "f32-gemm: op(X)·diag(w)·op(Y) of 13×19 by 19×7, batch 2, within f32 of f64 (conjX %s, conjY %s, weighted %s; %s kernel)",
    async (conjX, conjY, weighted, kernel) => {
      const { got, want } = await gemmCase([13, 19, 7, 2], conjX, conjY, weighted, kernel);
      expectAllClose(got, want, 2e-5, 0, "Z");
    },
  );

  it.each([[130, 67, false, true], [130, 67, true, false], [64, 33, false, false], [150, 2001, false, true]] as const)(
    "f32-gemm Hermitian: X·diag(w)·X† of %i×%i (tiles on and below the diagonal summed, mirrored above), batch 2, the whole Z within 2e-6 of f64 relative to its scale (conjX %s, weighted %s)",
    async (n, depth, conjX, weighted) => {
      const { got, want, scale } = await gemmCase([n, depth, n, 2], conjX, !conjX, weighted, "register", true);
      expectAllClose(got, want, 2e-6 * scale, 0, "Z");
      // exactly Hermitian off the diagonal tiles
      for (let i = 64; i < n; i++) for (let j = 0; j < Math.min(i, 64 * Math.floor(i / 64)); j++) {
        expect([got[2 * (j * n + i)], got[2 * (j * n + i) + 1]]).toEqual([got[2 * (i * n + j)], -got[2 * (i * n + j) + 1]]);
      }
    },
  );

  it.each(([[70, 130, 67, 3], [64, 64, 64, 3], [1, 5, 1, 3]] as const).flatMap((shape) => combos.map((c) => [...shape, ...c] as const)))(
    "f32-gemm's register tiles: op(X) %i×%i by op(Y) …×%i, batch %i (full and partial 64 × 64 tiles and 16-deep slices), within 2e-6 of f64 relative to Z's scale (conjX %s, conjY %s, weighted %s)",
    async (rows, depth, cols, batch, conjX, conjY, weighted) => {
      const { got, want, scale } = await gemmCase([rows, depth, cols, batch], conjX, conjY, weighted, "register");
      expectAllClose(got, want, 2e-6 * scale, 0, "Z");
    },
  );

  it.each(["small", "register"] as const)("f32-gemm sums compensated: 100 003 terms of fl(0.1)·(1 + i) within 1e-6 relatively (a plain f32 sum misses by ~1e-4 and more; %s kernel)", async (kernel) => {
    const { device } = gpu!;
    const depth = 100_003;
    const x = new Float32Array(2 * depth).map((_, k) => (k % 2 ? 0 : 0.1));
    const y = new Float32Array(2 * depth).fill(1);
    const Z = device.createBuffer({ size: 8, usage: storage() });
    const gemm = await createGemm(gpu!, { kernel });
    const got = await once((pass) => gemm.encode(pass, { X: upload(device, x), Y: upload(device, y), Z, rows: 1, cols: 1, depth, batch: 1 }), Z);
    let plain = 0;
    for (let k = 0; k < depth; k++) plain = Math.fround(plain + x[0]);
    const want = depth * x[0];
    expect(Math.abs(plain - want) / want).toBeGreaterThan(1e-4);
    expectAllClose(got, [want, want], 1e-6 * want, 0, "Σ");
  });

  it("ritz-sizes, ritz-blocks, ritz-tiny: the tiny blocks' sizes and ranges (λ < τ leading, λ > 1 − τ trailing), T̃ = (3I − M)/2 on them as the emulation makes it and nothing elsewhere, and the blocks copied out of H, for 11×11 matrices (one with no tiny values)", async () => {
    const { device } = gpu!;
    const n = 11, B = 2, tau = 1e-3, rnd = lcg(5);
    const lam = [[0, 1e-9, 2e-4, 0.01, 0.2, 0.5, 0.7, 0.99, 1 - 1e-4, 1 - 1e-8, 1], [0.01, 0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]];
    const m = Float32Array.from({ length: 2 * B * n * n }, rnd);
    const h = Float32Array.from({ length: 2 * B * n * n }, rnd);
    const [values, mbuf, hbuf] = [upload(device, Float32Array.from(lam.flat())), upload(device, m), upload(device, h)];
    const tiny = device.createBuffer({ size: 16 * B * n * n, usage: storage() });
    const sizes = device.createBuffer({ size: 8 * B, usage: storage() });
    const ranges = device.createBuffer({ size: 16 * B, usage: storage() });
    const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(params, 0, new Uint32Array([n, B]));
    device.queue.writeBuffer(params, 8, new Float32Array([tau]));
    const pipe = async (name: string, constants: Record<string, number>) => computePipeline(device, await shaderSource(name), constants);
    const [sizesP, blocksP, tinyP] = [await pipe("ritz-sizes", { WG: 4 }), await pipe("ritz-blocks", { TILE: 8 }), await pipe("ritz-tiny", { WG: 4 })];
    const run = (pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, buffers: GPUBuffer[], grid: [number, number?, number?]) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) }));
      pass.dispatchWorkgroups(...grid);
    };
    const gotSizes = Array.from(new Uint32Array((await once((pass) => {
      run(pass, sizesP, [values, sizes, ranges, params], [B]);
      run(pass, blocksP, [sizes, mbuf, params], [2, 2, B]);
      run(pass, tinyP, [hbuf, tiny, sizes, params], [B]);
    }, sizes)).buffer));
    expect(gotSizes).toEqual([3, 0, 3, 0]);
    expect(Array.from(new Uint32Array((await once(() => {}, ranges)).buffer))).toEqual([0, 3, 0, 0, 8, 11, 11, 11]);
    const gotT = await once(() => {}, mbuf);
    const gotTiny = await once(() => {}, tiny);
    const entry = (buf: Float32Array, mat: number, i: number, j: number) => [buf[2 * (mat * n * n + i * n + j)], buf[2 * (mat * n * n + i * n + j) + 1]];
    // T̃ on matrix 0's two 3×3 blocks (rows and columns 0–2, 8–10), M everywhere else
    for (const from of [0, 8]) {
      const M = f32Matrix(3, 3);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) [M.re[i * 3 + j], M.im[i * 3 + j]] = entry(m, 0, from + i, from + j);
      newtonSchulz(M);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expectAllClose(entry(gotT, 0, from + i, from + j), [M.re[i * 3 + j], M.im[i * 3 + j]], 1e-7, 0, "T̃");
    }
    const inBlock = (b: number, i: number, j: number) => b === 0 && ((i < 3 && j < 3) || (i >= 8 && j >= 8));
    for (let b = 0; b < B; b++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!inBlock(b, i, j)) expect(entry(gotT, b, i, j)).toEqual(entry(m, b, i, j));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        expect(entry(gotTiny, 0, i, j)).toEqual(entry(h, 0, i, j));
        expect(entry(gotTiny, B, i, j)).toEqual(entry(h, 0, n - 3 + i, n - 3 + j));
      }
    }
  });

  const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } } as const;
  it.each([[13, 2], [21, 1e5], [32, 120]])("graded Rayleigh–Ritz: S of K = %i blocks (t = %d) within 2e-6 of f64", async (K, t) => {
    const p: Problem = { ...base, KL: K, KR: K + 2 };
    const plan = planTimes(p);
    const b = blocksAt(plan, t);
    const N = plan.n0.length;
    const ritz = await createGradedRitz(gpu!);
    const v = factorVectors(plan.spectrum, t);
    const m = K + 2 + ((K + 2) % 2);
    const values = await ritz.run([
      { e: plan.spectrum, v, start: 1, K, n: plan.n0 },
      { e: plan.spectrum, v, start: 1 + K, K: K + 2, n: plan.n0 },
    ], m, N + 3);
    expectAllClose([spectrumEntropy(values[0]), spectrumEntropy(values[1])], [blockEntropy(b.LL.re, b.LL.im, K), blockEntropy(b.RR.re, b.RR.im, K + 2)], 2e-6, 0, "S_L, S_R");
  });
});
