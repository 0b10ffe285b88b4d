// An adapter whose shader arithmetic cannot carry double-float (simulated): fast mode still runs (it is
// f32 only: graded Rayleigh–Ritz, graded-entropies.ts); accurate mode refuses with a clear message.
import { describe, expect, it, vi } from "vitest";
import { DeviceLimitError } from "../src/errors.ts";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import { META_COLUMNS, ROW_COLUMNS } from "../src/observables/columns.ts";
import { expectRunClose } from "./helpers/allclose.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";
import { testGpu } from "./helpers/gpu.ts";

vi.mock("../src/engine/webgpu/df64-probe.ts", () => ({
  probeDf64: async () => {
    throw new DeviceLimitError("--precision accurate: this adapter's shader arithmetic does not keep double-float exact (TwoProduct off by 1e-8); use --precision fast or --engine cpu");
  },
}));

const gpu = await testGpu();

describe.skipIf(!gpu)("WebGPU engine on an adapter without exact double-float", () => {
  it("fast mode runs its f32 path, the vectors of C(t) on the host, and stays within 1e-4", async () => {
    const p = engineConfigs[3][1];
    const times = [0, 2, 1e3];
    const engine = await webgpuEngine(gpu!, "fast");
    expect(engine.name).toMatch(/^webgpu-fast-f32 \(/);
    expectRunClose(await engine.run(p, times), await runCpu(p, times), ROW_COLUMNS, META_COLUMNS, 1e-4);
    const stages = Object.keys(engine.kernelStats!.stages);
    expect(stages.some((s) => s.startsWith("host: vectors of C(t) (f64"))).toBe(true);
    expect(stages.some((s) => /^GPU: vectors of C\(t\)/.test(s))).toBe(false);
    expect(stages.some((s) => s.startsWith("host: rows: S_B by the secular equation"))).toBe(true);
  });

  it("accurate mode refuses, saying why and what to use instead", async () => {
    await expect(webgpuEngine(gpu!, "accurate")).rejects.toThrow(/double-float.*--precision fast or --engine cpu/);
  });
});
