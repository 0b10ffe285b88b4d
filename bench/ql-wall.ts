/**
 * `VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json XDG_RUNTIME_DIR=/tmp npx tsx bench/ql-wall.ts [--n 128] [--B 4] [--reps 3]`:
 * wall time of createTridiagonalQL's encode on a batch of B thermal bath blocks' tridiagonals (case (a),
 * Γ = 3, t = 1e5, f64 Householder) of size n, submit to read-back, best of `reps` (after one warm-up).
 */
import { parseArgs } from "node:util";
import { requestGpu } from "../src/engine/webgpu/device.ts";
import { createTridiagonalQL, qlStatus } from "../src/engine/webgpu/tridiagonal-ql.ts";
import { readBack, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { planTimes, blocksAt } from "../src/engine/run-plan.ts";
import { tridiagonalize } from "../src/spectrum/hermitian-eigenvalues.ts";
import { caseA } from "../src/bench/workloads.ts";

const { values: args } = parseArgs({ options: { n: { type: "string", default: "128" }, B: { type: "string", default: "4" }, reps: { type: "string", default: "3" } } });
const n = Number(args.n), B = Number(args.B), reps = Number(args.reps);
const ctx = await requestGpu();
if (!ctx) throw new Error("no WebGPU adapter");
const { device } = ctx;
const packed = new Float32Array(4 * B * n);
[1e5, 15, 1e3, 2].slice(0, B).concat(new Array(Math.max(0, B - 4)).fill(1e5)).forEach((t, b) => {
  const C = blocksAt(planTimes(caseA(n, 3)), t).LL;
  const diag = new Float64Array(n), off = new Float64Array(n);
  tridiagonalize(C.re, C.im, n, diag, off);
  for (let j = 0; j < n; j++) {
    packed[4 * (b * n + j)] = diag[j];
    packed[4 * (b * n + j) + 2] = j + 1 < n ? off[j + 1] : 0;
  }
});
const ql = await createTridiagonalQL(ctx);
const tri = upload(device, packed);
let best = Infinity;
let rotations = 0;
for (let rep = 0; rep <= reps; rep++) {
  const t0 = performance.now();
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  const out = ql.encode(pass, tri, n, B);
  pass.end();
  const read = device.createBuffer({ size: out.status.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  enc.copyBufferToBuffer(out.status, 0, read, 0, out.status.size);
  device.queue.submit([enc.finish()]);
  const status = qlStatus(new Uint32Array(await readBack(ctx, read)));
  const wall = performance.now() - t0;
  rotations = status.reduce((s, x) => s + x.rotations, 0);
  for (const buf of [read, out.values, out.Z, out.status, ...out.temporaries]) buf.destroy();
  if (rep > 0) best = Math.min(best, wall);
}
console.log(`tridiagonal QL, ${B} matrices of size ${n}: ${rotations} rotations (${(rotations / B / n / n).toFixed(2)} m² each), best wall ${best.toFixed(0)} ms of ${reps}`);
process.exit(0);
