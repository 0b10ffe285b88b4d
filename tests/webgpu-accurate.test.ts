// WebGPU accurate mode on SwiftShader: the double-float kernels against f64, the refined block entropies against the f64 eigensolver, and every SPEC §2 column against the CPU engine to 1e-8.
import { describe, expect, it } from "vitest";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { createRayleighProducts, createRefinedEntropies } from "../src/engine/webgpu/refined-entropies.ts";
import { checkRayleighProducts, rayleighProductsError } from "../src/engine/webgpu/kernel-check.ts";
import { createJacobiSweeps } from "../src/engine/webgpu/jacobi-sweeps.ts";
import { type HermitianBlock, packBlocks, readBack, storage, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { blockEntropy } from "../src/observables/block-entropy.ts";
import { META_COLUMNS, ROW_COLUMNS } from "../src/observables/columns.ts";
import { expectAllClose, expectRunClose, lcg } from "./helpers/allclose.ts";
import { randomHermitian, randomUnitary, withSpectrum } from "./helpers/random-matrices.ts";
import { testGpu } from "./helpers/gpu.ts";
import { engineConfigs as configs, engineTimes as times } from "./helpers/engine-configs.ts";

const gpu = await testGpu();

/** A correlation-matrix-like block U diag(f) U†, f the Fermi function of a β = 10 spectrum (eigenvalues over many decades). */
function thermalBlock(n: number, rnd: () => number): HermitianBlock {
  const f = Array.from({ length: n }, (_, k) => 1 / (1 + Math.exp(10 * ((10 * k) / Math.max(n - 1, 1) - 5))));
  return withSpectrum(randomUnitary(n, rnd), f);
}

describe.skipIf(!gpu)("double-float kernels (df64.wgsl, refine-apply.wgsl, refine-project.wgsl)", () => {
  it("the start-up probe finds an exact TwoProduct on this adapter", async () => {
    const exact = await probeDf64(gpu!);
    console.info(`df64 TwoProduct on ${gpu!.adapterName}: ${exact.DEKKER ? "Dekker splitting (fma is not fused here)" : "fused fma"}`);
    expect([0, 1]).toContain(exact.DEKKER);
  });

  it.each([6, 10, 18])("forms X†AX and X†X to ~1e-14 where f32 arithmetic misses by ~1e-7 (m = %i, off the 8×8 tile)", async (m) => {
    const products = await createRayleighProducts(gpu!, await probeDf64(gpu!));
    const rnd = lcg(m);
    const blocks = [randomHermitian(m, rnd), randomHermitian(m, rnd)];
    const X = blocks.map(() => ({ re: new Float64Array(m * m).map(() => Math.fround(rnd() - 0.5)), im: new Float64Array(m * m).map(() => Math.fround(rnd() - 0.5)), n: m }));
    const dfErr = await rayleighProductsError(gpu!, products, blocks, X, m);
    // the same S = X†AX in f32 arithmetic (real parts), against f64
    const f32 = Math.fround;
    let f32Err = 0;
    blocks.forEach((A, b) => {
      const x = X[b];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          let sr = 0, s32 = 0;
          for (let k = 0; k < m; k++) {
            let yr = 0, yi = 0, y32r = 0, y32i = 0;
            for (let l = 0; l < m; l++) {
              const ar = A.re[k * m + l], ai = A.im[k * m + l], xr = x.re[l * m + j], xi = x.im[l * m + j];
              yr += ar * xr - ai * xi;
              yi += ar * xi + ai * xr;
              y32r = f32(y32r + f32(f32(f32(ar) * xr) - f32(f32(ai) * xi)));
              y32i = f32(y32i + f32(f32(f32(ar) * xi) + f32(f32(ai) * xr)));
            }
            sr += x.re[k * m + i] * yr + x.im[k * m + i] * yi;
            s32 = f32(s32 + f32(f32(x.re[k * m + i] * y32r) + f32(x.im[k * m + i] * y32i)));
          }
          f32Err = Math.max(f32Err, Math.abs(s32 - sr));
        }
      }
    });
    expect(dfErr).toBeLessThan(1e-13 * m);
    expect(f32Err).toBeGreaterThan(1e-8 * m);
    // the point of df64: orders of magnitude beyond f32 on the same inputs
    expect(dfErr).toBeLessThan(1e-5 * f32Err);
  });

  it("passes the engine's start-up check of the compiled kernels on this adapter", async () => {
    await expect(checkRayleighProducts(gpu!, await createRayleighProducts(gpu!, await probeDf64(gpu!)))).resolves.toBeUndefined();
  });
});

describe.skipIf(!gpu)("Jacobi eigenvectors (jacobi-vectors.wgsl)", () => {
  it("give V†AV diagonal to f32 accuracy and V unitary, sizes off the 8×8 tile", async () => {
    const { device } = gpu!;
    const jacobi = await createJacobiSweeps(gpu!, true);
    for (const n of [2, 10, 18, 26]) {
      const A = randomHermitian(n, lcg(n + 100));
      const id = new Float32Array(n * n * 2);
      for (let i = 0; i < n; i++) id[2 * (i * n + i)] = 1;
      const a = [upload(device, packBlocks([A], n, 2)), device.createBuffer({ size: n * n * 8, usage: storage() })] as [GPUBuffer, GPUBuffer];
      const v = [upload(device, id), device.createBuffer({ size: n * n * 8, usage: storage() })] as [GPUBuffer, GPUBuffer];
      const read = device.createBuffer({ size: n * n * 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      const done = jacobi.encode(pass, n, 1, 10, a, v);
      pass.end();
      enc.copyBufferToBuffer(done.v!, 0, read, 0, n * n * 8);
      device.queue.submit([enc.finish()]);
      const w = new Float32Array(await readBack(gpu!, read));
      for (const b of [...a, ...v, read, ...done.temporaries]) b.destroy();
      let offDiag = 0;
      let nonUnitary = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let sr = 0, si = 0, gr = 0, gi = 0;
          for (let k = 0; k < n; k++) {
            const vr = w[2 * (k * n + i)], vi = -w[2 * (k * n + i) + 1];
            let yr = 0, yi = 0;
            for (let l = 0; l < n; l++) {
              const xr = w[2 * (l * n + j)], xi = w[2 * (l * n + j) + 1];
              yr += A.re[k * n + l] * xr - A.im[k * n + l] * xi;
              yi += A.re[k * n + l] * xi + A.im[k * n + l] * xr;
            }
            sr += vr * yr - vi * yi;
            si += vr * yi + vi * yr;
            gr += vr * w[2 * (k * n + j)] - vi * w[2 * (k * n + j) + 1];
            gi += vr * w[2 * (k * n + j) + 1] + vi * w[2 * (k * n + j)];
          }
          if (i !== j) offDiag = Math.max(offDiag, Math.hypot(sr, si));
          nonUnitary = Math.max(nonUnitary, Math.hypot(gr - (i === j ? 1 : 0), gi));
        }
      }
      expect(offDiag, `n = ${n}`).toBeLessThan(1e-5);
      expect(nonUnitary, `n = ${n}`).toBeLessThan(1e-5);
    }
  });
});

describe.skipIf(!gpu)("refined block entropies (refined-entropies.ts)", () => {
  it("match the f64 eigensolver to 1e-10 for odd sizes, sizes off the tile and mixed sizes in one batch", async () => {
    const refined = await createRefinedEntropies(gpu!);
    const rnd = lcg(7);
    const blocks = [1, 2, 3, 7, 9, 17, 24].map((n) => thermalBlock(n, rnd));
    const got = await refined.run(blocks);
    blocks.forEach((b, k) => {
      const want = blockEntropy(b.re.slice(), b.im.slice(), b.n);
      expectAllClose(got[k], want, 1e-10, 0, `n = ${b.n}`);
    });
    expect(refined.stats.flops).toBeGreaterThan(0);
  });

  it("stay finite and exact for pure-state-like blocks (eigenvalues 1 and −1e−16 … −1e−12) of odd sizes", async () => {
    const refined = await createRefinedEntropies(gpu!);
    const rnd = lcg(29);
    const blocks = [5, 9, 15].flatMap((n) => [-1e-16, -1e-14, -1e-12].map((zero) =>
      withSpectrum(randomUnitary(n, rnd), Array.from({ length: n }, (_, k) => (k % 3 === 0 ? 1 : zero)))));
    const got = await refined.run(blocks);
    blocks.forEach((b, k) => {
      expect(Number.isFinite(got[k]), `n = ${b.n}`).toBe(true);
      expectAllClose(got[k], blockEntropy(b.re.slice(), b.im.slice(), b.n), 1e-10, 0, `n = ${b.n}`);
    });
  });
});


describe.skipIf(!gpu)("WebGPU engine, accurate mode, against the CPU f64 engine", () => {
  it.each(configs)("agrees on every column within 1e-8·max(|x|, 1): %s", async (_, p) => {
    const engine = await webgpuEngine(gpu!, "accurate");
    expect(engine.name).toMatch(/^webgpu-accurate/);
    const got = await engine.run(p, times);
    expectRunClose(got, await runCpu(p, times), ROW_COLUMNS, META_COLUMNS, 1e-8);
  });
});
