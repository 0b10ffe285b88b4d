// WebGPU accurate mode on SwiftShader: the start-up probe of double-float, and every SPEC §2 column
// against the CPU engine to 1e-8 (the kernels themselves: tests/tridiagonal.test.ts, tests/form-blocks.test.ts).
import { describe, expect, it } from "vitest";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { META_COLUMNS, ROW_COLUMNS } from "../src/observables/columns.ts";
import { expectAllClose, expectRunClose } from "./helpers/allclose.ts";
import { testGpu } from "./helpers/gpu.ts";
import { engineConfigs as configs, engineTimes as times } from "./helpers/engine-configs.ts";

const gpu = await testGpu();

describe.skipIf(!gpu)("double-float (df64.wgsl)", () => {
  it("the start-up probe finds an exact TwoProduct on this adapter", async () => {
    const exact = await probeDf64(gpu!);
    console.info(`df64 TwoProduct on ${gpu!.adapterName}: ${exact.DEKKER ? "Dekker splitting (fma is not fused here)" : "fused fma"}`);
    expect([0, 1]).toContain(exact.DEKKER);
  });
});

describe.skipIf(!gpu)("WebGPU engine, accurate mode, against the CPU f64 engine", () => {
  it.each(configs)("agrees on every column within 1e-8·max(|x|, 1), and on S_B, I_S−B within 1e−10 absolute, also at t = 1e−7 where I_S−B ~ 1e−12: %s", async (_, p) => {
    const engine = await webgpuEngine(gpu!, "accurate");
    expect(engine.name).toMatch(/^webgpu-accurate/);
    const got = await engine.run(p, times);
    const ref = await runCpu(p, times);
    expectRunClose(got, ref, ROW_COLUMNS, META_COLUMNS, 1e-8);
    // S_B − S_tot comes from the GPU's secular roots; near t = 0 it cancels S_S to ~1e−12 (other
    // columns there, β* of a nearly extremal pure bath, hang on occupations within 1e−13 of 0 or 1)
    const early = [1e-7, 1e-6];
    const gotEarly = await engine.run(p, early);
    const refEarly = await runCpu(p, early);
    for (const c of ["SB", "ISB"] as const) {
      expectAllClose([...got.rows, ...gotEarly.rows].map((r) => r[c]), [...ref.rows, ...refEarly.rows].map((r) => r[c]), 1e-10, 0, c);
    }
    expect(Math.abs(refEarly.rows[0].ISB)).toBeLessThan(1e-10);
  });
});
