// The vectors of C(t) formed on the GPU in double-float (group-sums.wgsl, evolve-vectors.wgsl) against
// the f64 blockVectors of correlation-blocks.ts.
import { describe, expect, it } from "vitest";
import { createVectorFormer } from "../src/engine/webgpu/vector-former.ts";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { readBack } from "../src/engine/webgpu/gpu-batch.ts";
import { planTimes, vectorsAt } from "../src/engine/run-plan.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

describe.skipIf(!gpu)("evolve-vectors.wgsl", () => {
  it("forms the occupations, row 0 of U and the rank-2 factors of every configuration and time in one batch, to ~1e−14·max(1, |x|) of f64", async () => {
    const { device } = gpu!;
    const former = await createVectorFormer(gpu!, await probeDf64(gpu!));
    const plans = engineConfigs.map(([, p]) => planTimes(p));
    const times = [0, 0.01, 0.3, 15, 1e3, 1e8];
    const points = plans.flatMap((plan) => times.map((t) => ({ plan, t })));
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    const { modes, temporaries } = former.encode(pass, points);
    pass.end();
    const read = device.createBuffer({ size: modes.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    enc.copyBufferToBuffer(modes, 0, read, 0, modes.size);
    device.queue.submit([enc.finish()]);
    const w = new Float32Array(await readBack(gpu!, read));
    for (const b of [read, ...temporaries]) b.destroy();
    const df = (at: number) => w[at] + w[at + 1];
    let base = 0;
    let worst = 0;
    for (const { plan, t } of points) {
      const v = vectorsAt(plan, t);
      const N = v.diag.length;
      for (let k = 0; k < N; k++) {
        const at = 20 * (base + k);
        const want = [v.r.re[k], v.r.im[k], v.q.re[k], v.q.im[k], v.row0.re[k], v.row0.im[k], v.diag[k]];
        want.forEach((x, i) => (worst = Math.max(worst, Math.abs(df(at + 2 * i) - x) / Math.max(1, Math.abs(x)))));
      }
      base += N;
    }
    // 9e−14 measured (an occupation near 1 at t = 0): the poles D_g enter rounded to df64 (~2e−14
    // absolute), and the Cauchy sums amplify that a little, as they amplify f64's rounding on the CPU
    expect(worst).toBeLessThan(2e-13);
  });
});
