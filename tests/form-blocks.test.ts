// The GPU forming of the bath blocks in double-float (shaders/form-blocks.wgsl) against the f64 blocks
// of correlation-blocks.ts, and the engine's start-up check of the forming and reduction kernels.
import { describe, expect, it } from "vitest";
import { createBlockFormer, type FormInput } from "../src/engine/webgpu/block-former.ts";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { gpuPathError } from "../src/engine/webgpu/kernel-check.ts";
import { createDeletedRowFormer } from "../src/engine/webgpu/deleted-row-former.ts";
import { createVectorFormer } from "../src/engine/webgpu/vector-former.ts";
import { createTridiagonalEigenvalues } from "../src/engine/webgpu/tridiagonal-eigenvalues.ts";
import { readBack, storage } from "../src/engine/webgpu/gpu-batch.ts";
import { bathBlock } from "../src/propagation/correlation-blocks.ts";
import { planRun, vectorsAt } from "../src/engine/run-plan.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

/** The formed [2T, m, m] df64 blocks, as f64 (hi + lo). */
async function formed(inputs: readonly FormInput[], m: number): Promise<Float64Array> {
  const { device } = gpu!;
  const former = await createBlockFormer(gpu!, await probeDf64(gpu!));
  const out = device.createBuffer({ size: 2 * inputs.length * m * m * 16, usage: storage() });
  const read = device.createBuffer({ size: out.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  const temps = former.encode(pass, inputs, m, out);
  pass.end();
  enc.copyBufferToBuffer(out, 0, read, 0, out.size);
  device.queue.submit([enc.finish()]);
  const w = new Float32Array(await readBack(gpu!, read));
  for (const b of [out, read, ...temps]) b.destroy();
  return Float64Array.from({ length: w.length / 2 }, (_, i) => w[2 * i] + w[2 * i + 1]);
}

describe.skipIf(!gpu)("form-blocks.wgsl", () => {
  it("forms C_LL and C_RR in double-float, to ~1e−15 of their f64 values, for several problems and times in one dispatch (odd, unequal and padded sizes)", async () => {
    const problems = [engineConfigs[2][1], engineConfigs[3][1], { ...engineConfigs[4][1], KL: 9, KR: 12 }];
    const inputs: FormInput[] = problems.flatMap((p) => {
      const plan = planRun(p);
      return [0, 0.3, 15, 1e5].map((t) => ({ v: vectorsAt(plan, t), h: plan.h, KL: p.KL, KR: p.KR }));
    });
    const m = 26;
    const got = await formed(inputs, m);
    let worst = 0;
    inputs.forEach(({ v, h, KL, KR }, tau) => {
      [[1, KL], [1 + KL, KR]].forEach(([start, n], bath) => {
        const want = bathBlock(h, v, start, n);
        for (let x = 0; x < m; x++) {
          for (let y = 0; y < m; y++) {
            const inside = x < n && y < n;
            const at = 2 * ((2 * tau + bath) * m * m + x * m + y);
            worst = Math.max(worst, Math.abs(got[at] - (inside ? want.re[x * n + y] : 0)), Math.abs(got[at + 1] - (inside ? want.im[x * n + y] : 0)));
          }
        }
      });
    });
    // an f32 evaluation of the cancelling numerators errs by ~1e−7
    expect(worst).toBeLessThan(1e-14);
  });

  it("passes the engine's start-up check of the compiled vector, secular, forming and reduction kernels on this adapter", async () => {
    const exact = await probeDf64(gpu!);
    const err = await gpuPathError(
      gpu!, exact, await createVectorFormer(gpu!, exact), await createBlockFormer(gpu!, exact), await createTridiagonalEigenvalues(gpu!, exact),
      await createDeletedRowFormer(gpu!, exact),
    );
    expect(err).toBeLessThan(1e-13);
  });
});
