/**
 * `npx tsx bench/householder-f32-time.ts [--B 8] [--m 64] [--baseline OLD.wgsl]`: wall and process CPU
 * time of one batch of B random m×m Hermitian matrices through shaders/householder-f32.wgsl (reflectors
 * kept) at panel widths NB = 1 (the unblocked reduction), 4 and 16, and through an older source of the
 * kernel where given (e.g. `git show main~1:shaders/householder-f32.wgsl > /tmp/old.wgsl`; it must take
 * the same bindings). On SwiftShader (VK_ICD_FILENAMES set, as tests/helpers/gpu.ts does) the CPU time
 * is the driver's; three runs each.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { requestGpu } from "../src/engine/webgpu/device.ts";
import { computePipeline } from "../src/engine/webgpu/shader-source.ts";
import { storage, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { panelVectors } from "../src/engine/webgpu/householder-panel.ts";

const { values } = parseArgs({ options: { B: { type: "string", default: "8" }, m: { type: "string", default: "64" }, baseline: { type: "string" } } });
const B = Number(values.B), m = Number(values.m);
const ctx = await requestGpu();
if (!ctx) throw new Error("no WebGPU adapter");
const { device } = ctx;

// B Hermitian matrices, [B, m, m] vec2f, entries uniform in (−½, ½) (a fixed LCG)
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
const data = new Float32Array(B * m * m * 2);
for (let b = 0; b < B; b++) {
  for (let i = 0; i < m; i++) {
    data[2 * (b * m * m + i * m + i)] = rnd();
    for (let j = 0; j < i; j++) {
      const [re, im] = [rnd(), rnd()];
      data.set([re, im], 2 * (b * m * m + i * m + j));
      data.set([re, -im], 2 * (b * m * m + j * m + i));
    }
  }
}

const current = readFileSync(new URL("../shaders/householder-f32.wgsl", import.meta.url), "utf8");
const variants: [string, string, Record<string, number>][] = [
  ...(values.baseline ? [["baseline " + values.baseline, readFileSync(values.baseline, "utf8"), { WG: 256, KEEP: 1 }] as [string, string, Record<string, number>]] : []),
  ...[1, 4, 16].map((NB): [string, string, Record<string, number>] => [`panels of NB = ${NB}`, current, { WG: 256, KEEP: 1, NB }]),
];
for (const [label, code, constants] of variants) {
  const pipeline = await computePipeline(device, code, constants);
  const runs: string[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const buffers = [
      upload(device, data),
      device.createBuffer({ size: B * Math.max(4, panelVectors(m, 16)) * m * 8, usage: storage() }),
      device.createBuffer({ size: B * m * 16, usage: storage() }),
      device.createBuffer({ size: B * m * 16, usage: storage() }),
      upload(device, new Uint32Array([m, 0, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST),
      upload(device, new Uint32Array(B).fill(m)),
    ];
    await device.queue.onSubmittedWorkDone();
    const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) });
    const cpu0 = process.cpuUsage(), t0 = performance.now();
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(B);
    pass.end();
    device.queue.submit([enc.finish()]);
    await device.queue.onSubmittedWorkDone();
    const wall = performance.now() - t0, cpu = process.cpuUsage(cpu0);
    runs.push(`wall ${wall.toFixed(0)} ms, CPU ${((cpu.user + cpu.system) / 1e3).toFixed(0)} ms`);
    for (const x of buffers) x.destroy();
  }
  console.log(`householder-f32 B = ${B}, m = ${m}, ${label}: ${runs.join("; ")}`);
}
process.exit(0);
