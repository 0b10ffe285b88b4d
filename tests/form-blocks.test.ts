// The GPU forming of the bath blocks (shaders/form-blocks.wgsl) against the f64 blocks of correlation-blocks.ts.
import { describe, expect, it } from "vitest";
import { createBlockFormer, type FormInput } from "../src/engine/webgpu/block-former.ts";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { blockFormerWorks, formedBlocksError } from "../src/engine/webgpu/kernel-check.ts";
import { planRun, vectorsAt } from "../src/engine/run-plan.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

describe.skipIf(!gpu)("form-blocks.wgsl", () => {
  it("forms C_LL, C_RR and 1 − C as the f32 roundings of their f64 values for several problems and times in one dispatch (odd, unequal and padded sizes)", async () => {
    const former = await createBlockFormer(gpu!, await probeDf64(gpu!));
    const problems = [engineConfigs[2][1], engineConfigs[3][1], { ...engineConfigs[4][1], KL: 9, KR: 12 }];
    const inputs: FormInput[] = problems.flatMap((p) => {
      const plan = planRun(p);
      return [0, 0.3, 15, 1e5].map((t) => ({ v: vectorsAt(plan, t), h: plan.h, KL: p.KL, KR: p.KR }));
    });
    // each entry the f32 rounding of its f64 value (in units of its own f32 spacing)
    expect(await formedBlocksError(gpu!, former, inputs, 26)).toBeLessThanOrEqual(1);
  });

  it("passes the engine's start-up check on this adapter", async () => {
    expect(await blockFormerWorks(gpu!, await createBlockFormer(gpu!, await probeDf64(gpu!)))).toBe(true);
  });
});
