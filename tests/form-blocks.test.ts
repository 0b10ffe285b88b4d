// The GPU forming of the bath blocks (shaders/form-blocks.wgsl) against the f64 blocks of correlation-blocks.ts.
import { describe, expect, it } from "vitest";
import { createBlockFormer, type FormInput } from "../src/engine/webgpu/block-former.ts";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { readBack, storage } from "../src/engine/webgpu/gpu-batch.ts";
import { planRun } from "../src/engine/run-plan.ts";
import { bathBlock, blockVectors } from "../src/propagation/correlation-blocks.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

describe.skipIf(!gpu)("form-blocks.wgsl", () => {
  it("forms C_LL, C_RR and 1 − C to f32 rounding for several problems and times in one dispatch (odd, unequal and padded sizes)", async () => {
    const { device } = gpu!;
    const former = await createBlockFormer(gpu!, await probeDf64(gpu!));
    const problems = [engineConfigs[2][1], engineConfigs[3][1], { ...engineConfigs[4][1], KL: 9, KR: 12 }];
    const times = [0, 0.3, 15, 1e5];
    const inputs: FormInput[] = problems.flatMap((p) => {
      const plan = planRun(p);
      return times.map((t) => ({ v: blockVectors(plan.h, plan.spectrum, plan.n0, t), h: plan.h, KL: p.KL, KR: p.KR }));
    });
    const m = 26;
    const T = inputs.length;
    const out = device.createBuffer({ size: 4 * T * m * m * 8, usage: storage() });
    const read = device.createBuffer({ size: out.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    const temps = former.encode(pass, inputs, m, out);
    pass.end();
    enc.copyBufferToBuffer(out, 0, read, 0, out.size);
    device.queue.submit([enc.finish()]);
    const w = new Float32Array(await readBack(gpu!, read));
    for (const b of [out, read, ...temps]) b.destroy();
    let worst = 0;
    inputs.forEach(({ v, h, KL, KR }, tau) => {
      [[1, KL], [1 + KL, KR]].forEach(([start, n], bath) => {
        const want = bathBlock(h, v, start, n);
        for (const c of [0, 1]) {
          const base = (4 * tau + 2 * bath + c) * m * m;
          for (let x = 0; x < m; x++) {
            for (let y = 0; y < m; y++) {
              const inside = x < n && y < n;
              let re = inside ? want.re[x * n + y] : 0;
              let im = inside ? want.im[x * n + y] : 0;
              if (c === 1) {
                re = (x === y ? 1 : 0) - re;
                im = -im;
              }
              const at = 2 * (base + x * m + y);
              worst = Math.max(worst, Math.abs(w[at] - re), Math.abs(w[at + 1] - im));
              if (x === y) expect(w[at + 1]).toBe(0);
            }
          }
        }
      });
    });
    // f32 rounding of entries of size ≤ 1
    expect(worst).toBeLessThan(1.2e-7);
  });
});
