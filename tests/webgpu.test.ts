// The WebGPU engine on SwiftShader: the df64 eigenvalue kernels' counts, and every SPEC §2 column of fast mode against the CPU engine.
import { describe, expect, it } from "vitest";
import { webgpuEngine } from "../src/engine/webgpu/webgpu-engine.ts";
import type { EngineRun } from "../src/engine/engine.ts";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { META_COLUMNS, ROW_COLUMNS } from "../src/observables/columns.ts";
import { expectAllClose, expectRunClose, lcg } from "./helpers/allclose.ts";
import { randomHermitian } from "./helpers/random-matrices.ts";
import { testGpu } from "./helpers/gpu.ts";
import { engineConfigs, engineConfigs as configs, engineTimes as times } from "./helpers/engine-configs.ts";

const gpu = await testGpu();

describe.skipIf(!gpu)("WebGPU batched df64 eigenvalues (householder-tridiagonal.wgsl, tridiagonal-bisection.wgsl)", () => {
  it("counts its flops and, where the adapter has timestamp queries, its GPU time", async () => {
    const { probeDf64 } = await import("../src/engine/webgpu/df64-probe.ts");
    const { createTridiagonalEigenvalues } = await import("../src/engine/webgpu/tridiagonal-eigenvalues.ts");
    const tri = await createTridiagonalEigenvalues(gpu!, await probeDf64(gpu!));
    const [got] = await tri.run([randomHermitian(9, lcg(1))]);
    expect(got.length).toBe(9);
    // the fused kernel's count (householder-panel.ts), which for a 9×9 block (panels of 3) is ~3
    // complex multiply–adds (24 flops) per trailing element per step, 24·Σ_{j<9} j² = 4896, plus the panels' dots
    const { PANEL_WIDTH, reductionFlops } = await import("../src/engine/webgpu/householder-panel.ts");
    expect(tri.stats.flops).toBe(reductionFlops(9, PANEL_WIDTH));
    expect(tri.stats.flops).toBeGreaterThan(4896);
    if (gpu!.device.features.has("timestamp-query")) expect(tri.stats.gpuSeconds).toBeGreaterThan(0);
    else expect(tri.stats.gpuSeconds).toBeNaN();
  });
});

describe.skipIf(!gpu)("WebGPU engine, fast mode, against the CPU f64 engine", () => {
  // one engine for every case: its start-up compiles and checks the f32 kernels (seconds on SwiftShader)
  const engine = gpu && webgpuEngine(gpu);
  // a failure is each case's to report (not an unhandled rejection where a filter skips them all)
  engine?.catch(() => {});
  it.each(configs)("agrees on every column within 1e-3·max(|x|, 1): %s", async (_, p) => {
    const fast = await (await engine!).run(p, times);
    expectRunClose(fast, await runCpu(p, times), ROW_COLUMNS, META_COLUMNS, 1e-3);
  });
});

describe.skipIf(!gpu)("setsim --engine webgpu|auto", () => {
  it("runs on the adapter, names it, and writes the same columns as the CPU engine (fast and accurate)", async () => {
    const { spawnSync } = await import("node:child_process");
    const { mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "setsim-gpu-"));
    const cfg = join(dir, "c.json");
    writeFileSync(cfg, JSON.stringify({ K: 12, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 1, 100] }));
    const bin = join(import.meta.dirname, "..", "bin", "setsim.mjs");
    const run = (engine: string, out: string, ...more: string[]) =>
      spawnSync(process.execPath, [bin, "run", cfg, "--out", join(dir, out), "--engine", engine, "--quiet", "--no-plots", ...more], { encoding: "utf8", env: process.env });
    for (const engine of ["webgpu", "auto"]) {
      const r = run(engine, `${engine}.json`);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/engine webgpu-fast \(.+\)/);
    }
    expect(run("cpu", "cpu.json").status).toBe(0);
    const gpuRows = JSON.parse(readFileSync(join(dir, "webgpu.json"), "utf8")).rows;
    const cpuRows = JSON.parse(readFileSync(join(dir, "cpu.json"), "utf8")).rows;
    expect(Object.keys(gpuRows[0])).toEqual(Object.keys(cpuRows[0]));
    expectAllClose(gpuRows.map((r: { SL: number }) => r.SL), cpuRows.map((r: { SL: number }) => r.SL), 1e-3, 1e-3, "S_L");
    const accurate = run("webgpu", "accurate.json", "--precision", "accurate");
    expect(accurate.status, accurate.stderr).toBe(0);
    expect(accurate.stderr).toMatch(/engine webgpu-accurate \(.+\)/);
    const accRows = JSON.parse(readFileSync(join(dir, "accurate.json"), "utf8")).rows;
    for (const c of ["SL", "SR", "ILR", "IoL", "IoR"]) {
      expectAllClose(accRows.map((r: Record<string, number>) => r[c]), cpuRows.map((r: Record<string, number>) => r[c]), 1e-8, 0, c);
    }
  });
});

describe.skipIf(!gpu)("WebGPU device limits and loss", () => {
  it("refuses a bath block larger than one GPU buffer before any work or file", async () => {
    const { existsSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { DeviceLimitError } = await import("../src/errors.ts");
    const { parseConfig } = await import("../src/config/schema.ts");
    const { runConfig } = await import("../src/sweep/run-config.ts");
    // a device with WebGPU's default limits (128 MiB per binding), as a browser gives by default
    const adapter = await gpu!.gpu.requestAdapter();
    const device = await adapter!.requestDevice();
    const engine = await webgpuEngine({ ...gpu!, device, release: () => device.destroy() });
    const K = Math.ceil(Math.sqrt(device.limits.maxStorageBufferBindingSize / 8)) + 2;
    const parsed = parseConfig({ K: [16, K], W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: 3, times: [0, 1] });
    const out = join(mkdtempSync(join(tmpdir(), "setsim-gpu-")), "sweep");
    const t0 = performance.now();
    await expect(runConfig(engine, parsed, { out })).rejects.toBeInstanceOf(DeviceLimitError);
    await expect(runConfig(engine, parsed, { out })).rejects.toThrow(/bytes in one GPU buffer/);
    expect(existsSync(out)).toBe(false);
    // refused up front: the O(N²) set-up at this K would take seconds
    expect(performance.now() - t0).toBeLessThan(2_000);
    engine.close();
  });

  it("ends a run on a lost device with DeviceLostError", async () => {
    const { requestGpu } = await import("../src/engine/webgpu/device.ts");
    const { DeviceLostError } = await import("../src/errors.ts");
    const ctx = await requestGpu();
    const engine = await webgpuEngine(ctx!);
    const p = configs[0][1];
    const run = engine.run(p, [0, 1, 2, 3]);
    ctx!.device.destroy();
    await expect(run).rejects.toBeInstanceOf(DeviceLostError);
    engine.close();
  });
});

describe.skipIf(!gpu)("WebGPU engine, many swept values per submission (runMany)", () => {
  it.each(["fast", "accurate"] as const)("%s: packs several Γ (and mixed K) into shared batches and returns exactly what run returns", async (precision) => {
    const engine = await webgpuEngine(gpu!, precision);
    const base = engineConfigs[0][1];
    const jobs = [3, 10, 30].map((G) => ({ problem: { ...base, KL: 8, KR: 8, GammaL: G, GammaR: G }, times: [0, 2, 1e3] }));
    jobs.push({ problem: { ...base, KL: 11, KR: 9, GammaL: 3, GammaR: 3 }, times: [0.5, 50] });
    const alone: EngineRun[] = [];
    const s0 = engine.kernelStats!.submissions;
    for (const j of jobs) alone.push(await engine.run(j.problem, j.times));
    const s1 = engine.kernelStats!.submissions;
    let points = 0;
    // each row handed over as soon as it exists, in time order per job, with the job's meta
    const streamed: EngineRun[] = jobs.map(() => ({ meta: undefined as never, rows: [] }));
    const firstOf: number[] = [];
    const together = await engine.runMany!(jobs, (done) => (points = done), (k, index, row, meta) => {
      expect(index).toBe(streamed[k].rows.length);
      streamed[k].rows.push(row);
      streamed[k].meta = meta;
      firstOf[k] ??= points;
    });
    const s2 = engine.kernelStats!.submissions;
    expect(together).toEqual(alone);
    expect(streamed).toEqual(alone);
    expect(points).toBe(11);
    // the K = 8 jobs share the first submission: their rows arrive before the K = 11 job's points are in
    expect(firstOf[0]).toBeLessThan(9);
    // one submission per block size (K = 8 and K = 11 pad to 8 and 12) instead of one per job
    expect(s1 - s0).toBe(4);
    expect(s2 - s1).toBe(2);
  });
});

describe.skipIf(!gpu)("engine options", () => {
  it("refuses a bad host thread count before any work", async () => {
    const { createEngine } = await import("../src/engine/engine.ts");
    for (const bad of [-1, 1.5, Number.NaN, 1000]) await expect(createEngine("webgpu", { hostThreads: bad })).rejects.toThrow(/--host-threads/);
  });
});

describe.skipIf(!gpu)("a WebGPU sweep in groups of values", () => {
  it("resumes after lost values to exactly the bytes of an uninterrupted sweep", async () => {
    const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { parseConfig } = await import("../src/config/schema.ts");
    const { runConfig } = await import("../src/sweep/run-config.ts");
    const engine = await webgpuEngine(gpu!);
    // 305 points a value: the sweep runs in groups of 3 values (1024 points at most)
    const parsed = parseConfig({
      KL: 5, KR: 4, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1, Gamma: [1, 2, 3, 5],
      times: { from: 0.01, to: 1e6, points: 300 }, average: { from: 1e3, to: 1e6, points: 5 },
    });
    const root = mkdtempSync(join(tmpdir(), "setsim-gpu-sweep-"));
    const whole = join(root, "whole");
    const resumed = join(root, "resumed");
    await runConfig(engine, parsed, { out: whole, plots: false });
    await runConfig(engine, parsed, { out: resumed, plots: false });
    for (const f of readdirSync(resumed)) if (/^00[13]_/.test(f)) rmSync(join(resumed, f));
    let already = -1;
    let points = 0;
    await runConfig(engine, parsed, { out: resumed, plots: false, resume: true, onStart: (_, a) => (already = a), onPoint: () => points++ });
    expect(already).toBe(2 * 305);
    expect(points).toBe(2 * 305);
    const files = readdirSync(whole).sort();
    expect(readdirSync(resumed).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(resumed, f), "utf8"), f).toBe(readFileSync(join(whole, f), "utf8"));
  });
});

describe.skipIf(!gpu)("the host's f64 share on worker threads", () => {
  it("gives the same bits as in-thread, for several jobs and a pure state", async () => {
    const jobs = [engineConfigs[2][1], engineConfigs[3][1]].map((problem) => ({ problem, times: [0, 0.3, 15, 1e5] }));
    const inThread = await webgpuEngine(gpu!, "fast", 0);
    const pooled = await webgpuEngine(gpu!, "fast", 1);
    expect(await pooled.runMany!(jobs)).toEqual(await inThread.runMany!(jobs));
    expect(Object.keys(pooled.kernelStats!.stages).some((s) => /1 worker thread/.test(s))).toBe(true);
  });
});
