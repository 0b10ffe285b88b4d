// Fast mode's ranged f32 products (f32-gemm.wgsl and f32-gemm-small.wgsl with RANGED, RANGE_DEPTH) and H's diagonal without H (ritz-diagonal.wgsl) on SwiftShader, against f64 sums of the same f32 inputs.
import { describe, expect, it } from "vitest";
import { onePass, testGpu } from "./helpers/gpu.ts";
import { gemmEntry, randomComplexF32 } from "./helpers/random-matrices.ts";
import { expectAllClose, lcg } from "./helpers/allclose.ts";
import { createGemm } from "../src/engine/webgpu/f32-gemm.ts";
import { computePipeline, shaderSource } from "../src/engine/webgpu/shader-source.ts";
import { storage, upload } from "../src/engine/webgpu/gpu-batch.ts";

const gpu = await testGpu();

const once = onePass(gpu);
const random = randomComplexF32;


// per matrix of a batch of 5: empty, at 0, partial inside one 64 × 64 tile, across a tile's edge, full
const n = 70;
const ranges = [[0, 0], [0, 9], [5, 40], [60, 70], [0, 70]];

describe.skipIf(!gpu)("fast mode's ranged Ritz kernels", () => {
  // (depth, conjX, conjY, weighted, range depth): G = P·diag(n)·P† (inner D), M = V†·V, T̃·Gc and (T̃·Gc)·T̃† (inner index in range)
  it.each([
    ["register", 33, false, true, true, false], ["register", n, true, false, false, false], ["register", n, false, false, false, true], ["register", n, false, true, false, true],
    ["small", 33, false, true, true, false], ["small", n, false, true, false, true],
  ] as const)(
    "f32-gemm ranged, %s kernel: %i-deep products of 70×70 matrices (conjX %s, conjY %s, weighted %s, inner index ranged %s) on ranges ∅, [0, 9), [5, 40), [60, 70), [0, 70) of a batch, within 2e-6 of f64 relative to Z's scale, Z elsewhere untouched",
    async (kernel, depth, conjX, conjY, weighted, rangeDepth) => {
      const { device } = gpu!;
      const B = ranges.length;
      const rnd = lcg(3);
      const x = random(B * n * depth, rnd);
      const y = random(B * n * depth, rnd);
      const w = Float32Array.from({ length: B * depth }, rnd);
      const sentinel = new Float32Array(2 * B * n * n).fill(7);
      const Z = upload(device, sentinel);
      // ranges at entries 2 … 2 + B − 1 of the buffer (base 2)
      const rbuf = upload(device, Uint32Array.from([9, 9, 9, 9, ...ranges.flat()]));
      const gemm = await createGemm(gpu!, { kernel });
      const got = await once((pass) => gemm.encode(pass, {
        X: upload(device, x), Y: upload(device, y), Z, w: weighted ? upload(device, w) : undefined, rows: n, cols: n, depth, batch: B, conjX, conjY,
        range: { buffer: rbuf, base: 2, depth: rangeDepth },
      }), Z);
      const s = { n, depth, conjX, conjY };
      const want: number[] = [];
      for (let b = 0; b < B; b++) {
        const [r0, r1] = ranges[b];
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const inside = i >= r0 && i < r1 && j >= r0 && j < r1;
            want.push(...(inside ? gemmEntry(x, y, weighted ? w : undefined, { ...s, rows: s.n, cols: s.n }, b, i, j, rangeDepth ? r0 : 0, rangeDepth ? r1 : depth) : [7, 7]));
          }
        }
      }
      const scale = Math.max(...want.map(Math.abs));
      expectAllClose(got, want, 2e-6 * scale, 0, "Z");
      // outside the ranges bit for bit
      for (let k = 0; k < want.length; k++) if (want[k] === 7) expect(got[k]).toBe(7);
    },
  );

  it("ritz-diagonal: (3/2 − M_ii/2)²·(G_ii, or Ḡ_ii where λ_i > 1 − θ) of 70 rows, D = 133, batch 2, within 1e-6 relatively of f64 sums of the same f32 P, V, n", async () => {
    const { device } = gpu!;
    const B = 2, D = 133, theta = 0.1, rnd = lcg(9);
    const P = random(B * n * D, rnd);
    // V's columns near unit length, as C's f32 eigenvectors are: M_ii = 1 + O(0.01)
    const V = random(B * n * n, rnd).map((v) => v * Math.sqrt(3 / (2 * n)));
    const wn = Float32Array.from({ length: B * D }, rnd);
    const wbar = Float32Array.from(wn, (v) => 1 - v);
    const lam = Float32Array.from({ length: B * n }, (_, k) => (k % n) / n);
    const diag = device.createBuffer({ size: 4 * B * n, usage: storage() });
    const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(params, 0, new Uint32Array([n, D]));
    device.queue.writeBuffer(params, 8, new Float32Array([theta]));
    const pipeline = await computePipeline(device, await shaderSource("ritz-diagonal"), { WG: 32 });
    const got = await once((pass) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [lam, P, V, wn, wbar].map((a) => upload(device, a)).concat([diag, params]).map((buffer, binding) => ({ binding, resource: { buffer } })),
      }));
      pass.dispatchWorkgroups(Math.ceil(n / 32), B);
    }, diag);
    const want: number[] = [];
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < n; i++) {
        let g = 0, gbar = 0, m = 0;
        for (let k = 0; k < D; k++) {
          const a = P[2 * ((b * n + i) * D + k)] ** 2 + P[2 * ((b * n + i) * D + k) + 1] ** 2;
          g += a * wn[b * D + k];
          gbar += a * wbar[b * D + k];
        }
        for (let k = 0; k < n; k++) m += V[2 * ((b * n + k) * n + i)] ** 2 + V[2 * ((b * n + k) * n + i) + 1] ** 2;
        want.push((1.5 - m / 2) ** 2 * (lam[b * n + i] > 1 - theta ? gbar : g));
      }
    }
    expectAllClose(got, want, 0, 1e-6, "H_ii");
  });
});
