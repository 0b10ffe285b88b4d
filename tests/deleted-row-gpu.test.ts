// S_B − S_tot by the deleted-row secular equation on the GPU in double-float (deleted-row-weights.wgsl,
// deleted-row-secular.wgsl) against the f64 host code (src/spectrum/deleted-row.ts) on the same points.
import { describe, expect, it } from "vitest";
import { createVectorFormer } from "../src/engine/webgpu/vector-former.ts";
import { createDeletedRowFormer } from "../src/engine/webgpu/deleted-row-former.ts";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { readBack } from "../src/engine/webgpu/gpu-batch.ts";
import { planTimes, type TimePlan, vectorsAt } from "../src/engine/run-plan.ts";
import { deletedRowEntropyChange } from "../src/spectrum/deleted-row.ts";
import { binaryEntropy } from "../src/thermo/fermi.ts";
import type { Problem } from "../src/model/problem.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

/** S_B − S_tot of every (plan, t) point, from one submission. */
async function gpuChanges(points: { plan: TimePlan; t: number }[]): Promise<Float64Array> {
  const { device } = gpu!;
  const exact = await probeDf64(gpu!);
  const vectors = await createVectorFormer(gpu!, exact);
  const secular = await createDeletedRowFormer(gpu!, exact);
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  const formed = vectors.encode(pass, points);
  const sb = secular.encode(pass, points, formed.modes);
  pass.end();
  const read = device.createBuffer({ size: sb.terms.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  enc.copyBufferToBuffer(sb.terms, 0, read, 0, sb.terms.size);
  device.queue.submit([enc.finish()]);
  const bytes = await readBack(gpu!, read);
  for (const b of [read, ...formed.temporaries, ...sb.temporaries]) b.destroy();
  return sb.changes(bytes);
}

describe.skipIf(!gpu)("deleted-row-secular.wgsl", () => {
  it("gives S_B − S_tot of every configuration and time of one batch within 1e−10 of f64 (thermal, pure, asymmetric, ε_d ≠ 0, n_d ≠ 0)", async () => {
    const plans = engineConfigs.map(([, p]) => planTimes(p));
    const times = [0.01, 0.3, 2, 15, 120, 1e3, 1e5, 1e8];
    const points = plans.flatMap((plan) => times.map((t) => ({ plan, t })));
    const got = await gpuChanges(points);
    let worst = 0;
    points.forEach(({ plan, t }, i) => {
      const want = deletedRowEntropyChange(plan.n0, vectorsAt(plan, t).dotWeights);
      worst = Math.max(worst, Math.abs(got[i] - want));
      expect(Math.abs(got[i] - want), `${plan.problem.KL}/${plan.problem.KR} ${plan.problem.initial.kind} t=${t}`).toBeLessThan(1e-10);
    });
    console.info(`deleted-row-secular: worst |ΔS_B| ${worst.toExponential(2)} over ${points.length} points`);
  });

  it("keeps I_S−B = S_S + (S_B − S_tot) within 1e−10 absolute where it is ~1e−12 (t → 0)", async () => {
    const base = engineConfigs[1][1];
    const problems: Problem[] = [base, { ...base, nD: 1, epsD: 0.4 }, { ...base, KL: 21, KR: 14, GammaL: 2, GammaR: 5 }];
    const plans = problems.map(planTimes);
    const times = [1e-7, 1e-6, 1e-5, 1e-4, 1e-3];
    const points = plans.flatMap((plan) => times.map((t) => ({ plan, t })));
    const got = await gpuChanges(points);
    let worst = 0;
    points.forEach(({ plan, t }, i) => {
      const v = vectorsAt(plan, t);
      const SS = binaryEntropy(v.diag[0]);
      const want = SS + deletedRowEntropyChange(plan.n0, v.dotWeights);
      const have = SS + got[i];
      expect(Math.abs(have - want), `I_S−B at t=${t}: ${have} vs ${want}`).toBeLessThan(1e-10);
      worst = Math.max(worst, Math.abs(have - want));
      if (process.env.SHOW) console.info(t, want, have - want);
      // and it is small there, so this is a test of cancellation
      if (t <= 1e-5) expect(Math.abs(want)).toBeLessThan(1e-6);
    });
    console.info(`deleted-row-secular: worst |ΔI_S−B| ${worst.toExponential(2)} for t in [1e−7, 1e−3]`);
  });
});
