// WebGPU accurate mode on SwiftShader: the double-float kernels against f64, the refined block entropies against the f64 eigensolver, and every SPEC §2 column against the CPU engine to 1e-8.
import { describe, expect, it } from "vitest";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { createRayleighProducts, createRefinedEntropies } from "../src/engine/webgpu/refined-entropies.ts";
import { createJacobiSweeps } from "../src/engine/webgpu/jacobi-sweeps.ts";
import { type HermitianBlock, packBlocks, readBack, storage, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { blockEntropy } from "../src/observables/block-entropy.ts";
import { META_COLUMNS, ROW_COLUMNS } from "../src/observables/columns.ts";
import type { Problem } from "../src/model/problem.ts";
import { expectAllClose, lcg } from "./helpers/allclose.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

function randomHermitian(n: number, rnd: () => number): HermitianBlock {
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    re[i * n + i] = rnd();
    for (let j = 0; j < i; j++) {
      re[i * n + j] = re[j * n + i] = rnd() - 0.5;
      im[i * n + j] = rnd() - 0.5;
      im[j * n + i] = -im[i * n + j];
    }
  }
  return { re, im, n };
}

/** A correlation-matrix-like block: U diag(f) U† for a random unitary-ish U (Jacobi rotations), f thermal. */
function thermalBlock(n: number, rnd: () => number): HermitianBlock {
  const b = randomHermitian(n, rnd);
  // eigenvalues in (0, 1) spread over many decades: the Fermi function of a β = 10 spectrum
  const f = Array.from({ length: n }, (_, k) => 1 / (1 + Math.exp(10 * ((10 * k) / Math.max(n - 1, 1) - 5))));
  const out = { re: new Float64Array(n * n), im: new Float64Array(n * n), n };
  // Gram–Schmidt of the random matrix's columns gives U
  const ur = b.re.slice();
  const ui = b.im.map((x, e) => x + 0.3 * b.re[(e * 7) % (n * n)]);
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let pr = 0, pi = 0;
        for (let i = 0; i < n; i++) {
          pr += ur[i * n + k] * ur[i * n + j] + ui[i * n + k] * ui[i * n + j];
          pi += ur[i * n + k] * ui[i * n + j] - ui[i * n + k] * ur[i * n + j];
        }
        for (let i = 0; i < n; i++) {
          ur[i * n + j] -= pr * ur[i * n + k] - pi * ui[i * n + k];
          ui[i * n + j] -= pr * ui[i * n + k] + pi * ur[i * n + k];
        }
      }
    }
    let nr = 0;
    for (let i = 0; i < n; i++) nr += ur[i * n + j] ** 2 + ui[i * n + j] ** 2;
    for (let i = 0; i < n; i++) {
      ur[i * n + j] /= Math.sqrt(nr);
      ui[i * n + j] /= Math.sqrt(nr);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0, si = 0;
      for (let k = 0; k < n; k++) {
        // U_ik f_k conj(U_jk)
        sr += f[k] * (ur[i * n + k] * ur[j * n + k] + ui[i * n + k] * ui[j * n + k]);
        si += f[k] * (ui[i * n + k] * ur[j * n + k] - ur[i * n + k] * ui[j * n + k]);
      }
      out.re[i * n + j] = sr;
      out.im[i * n + j] = si;
    }
  }
  return out;
}

describe.skipIf(!gpu)("double-float kernels (df64.wgsl, refine-apply.wgsl, refine-project.wgsl)", () => {
  it("the start-up probe finds an exact TwoProduct on this adapter", async () => {
    const exact = await probeDf64(gpu!);
    console.info(`df64 TwoProduct on ${gpu!.adapterName}: ${exact.DEKKER ? "Dekker splitting (fma is not fused here)" : "fused fma"}`);
    expect([0, 1]).toContain(exact.DEKKER);
  });

  it.each([6, 10, 18])("forms X†AX and X†X to ~1e-14 where f32 arithmetic misses by ~1e-7 (m = %i, off the 8×8 tile)", async (m) => {
    const { device } = gpu!;
    const products = await createRayleighProducts(gpu!, await probeDf64(gpu!));
    const rnd = lcg(m);
    const blocks = [randomHermitian(m, rnd), randomHermitian(m, rnd)];
    const X = blocks.map(() => ({ re: new Float64Array(m * m).map(() => Math.fround(rnd() - 0.5)), im: new Float64Array(m * m).map(() => Math.fround(rnd() - 0.5)), n: m }));
    const B = blocks.length;
    const bufs = {
      a: upload(device, packBlocks(blocks, m, 4)),
      x: upload(device, packBlocks(X, m, 2)),
      y: device.createBuffer({ size: B * m * m * 16, usage: storage() }),
      s: device.createBuffer({ size: B * m * m * 16, usage: storage() }),
      g: device.createBuffer({ size: B * m * m * 16, usage: storage() }),
      params: upload(device, new Uint32Array([m, 0, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST),
    };
    const read = device.createBuffer({ size: 2 * B * m * m * 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    products.encode(pass, m, B, bufs);
    pass.end();
    enc.copyBufferToBuffer(bufs.s, 0, read, 0, B * m * m * 16);
    enc.copyBufferToBuffer(bufs.g, 0, read, B * m * m * 16, B * m * m * 16);
    device.queue.submit([enc.finish()]);
    const w = new Float32Array(await readBack(gpu!, read));
    for (const b of [...Object.values(bufs), read]) b.destroy();
    const f32 = Math.fround;
    let dfErr = 0;
    let f32Err = 0;
    blocks.forEach((A, b) => {
      const x = X[b];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          // reference S_ij = Σ_kl conj(x_ki) A_kl x_lj in f64, and the same in f32 arithmetic
          let sr = 0, s32 = 0, gr = 0;
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
            gr += x.re[k * m + i] * x.re[k * m + j] + x.im[k * m + i] * x.im[k * m + j];
          }
          const at = 4 * (b * m * m + i * m + j);
          const gAt = 4 * B * m * m + at;
          dfErr = Math.max(dfErr, Math.abs(w[at] + w[at + 1] - sr), Math.abs(w[gAt] + w[gAt + 1] - gr));
          f32Err = Math.max(f32Err, Math.abs(s32 - sr));
        }
      }
    });
    expect(dfErr).toBeLessThan(1e-13 * m);
    expect(f32Err).toBeGreaterThan(1e-4 * m * 1e-4);
    // the point of df64: orders of magnitude beyond f32 on the same inputs
    expect(dfErr).toBeLessThan(1e-5 * f32Err);
  });
});

describe.skipIf(!gpu)("Jacobi eigenvectors (jacobi-vectors.wgsl)", () => {
  it("give V†AV diagonal to f32 accuracy and V unitary, odd and off-tile sizes", async () => {
    const { device } = gpu!;
    const jacobi = await createJacobiSweeps(gpu!, true);
    for (const n of [2, 10, 18]) {
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
});

const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1 };
const configs: [string, Problem][] = [
  ["thermal, case a, K = 32", { ...base, KL: 32, KR: 32, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
  ["thermal, case a, K = 64", { ...base, KL: 64, KR: 64, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
  ["pure (seed 5), K = 24", { ...base, KL: 24, KR: 24, GammaL: 3, GammaR: 3, initial: { kind: "pure", seed: 5 } }],
  ["asymmetric K_L = 21, K_R = 14, Γ_L ≠ Γ_R", { ...base, KL: 21, KR: 14, GammaL: 2, GammaR: 5, initial: { kind: "thermal" } }],
  ["ε_d ≠ 0, n_d = 1, case b", { ...base, KL: 20, KR: 20, epsD: 0.4, nD: 1, muL: 0.5, muR: 0.5, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
];
const times = [0, 0.01, 0.3, 2, 15, 120, 1e3, 1e5, 1e8];

describe.skipIf(!gpu)("WebGPU engine, accurate mode, against the CPU f64 engine", () => {
  it.each(configs)("agrees on every column within 1e-8·max(|x|, 1): %s", async (_, p) => {
    const engine = await webgpuEngine(gpu!, "accurate");
    expect(engine.name).toMatch(/^webgpu-accurate/);
    const got = await engine.run(p, times);
    const ref = await runCpu(p, times);
    for (const c of META_COLUMNS) expect(got.meta[c]).toBe(ref.meta[c]);
    for (let i = 0; i < times.length; i++) {
      for (const c of ROW_COLUMNS) {
        const want = ref.rows[i][c];
        if (!Number.isFinite(want)) {
          expect(got.rows[i][c], `${c} at t=${times[i]}`).toBe(want);
          continue;
        }
        expectAllClose(got.rows[i][c], want, 1e-8 * Math.max(Math.abs(want), 1), 0, `${c} at t=${times[i]}`);
      }
    }
  });
});
