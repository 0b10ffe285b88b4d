// shaders/ql-rotations.wgsl on hand-made rotation logs (sweeps of mixed ranges, more than one pass of
// 16 sweeps, length-1 sweeps, c near −1, s = 0 with c = ±1) against the same rotations applied in order in f64.
import { describe, expect, it } from "vitest";
import { computePipeline, shaderSource } from "../src/engine/webgpu/shader-source.ts";
import { readBack, storage, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { lcg } from "./helpers/allclose.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

interface Sweep {
  lo: number;
  hi: number;
  /** angle of rotation i = hi − 1 … lo, in that order */
  angles: number[];
}

/** (c, s) of an angle; exactly (−1, 0) at π (σ = −1 with s = 0: only the sign of δ = FLT_MIN says σ). */
const cs = (t: number) => (t === Math.PI ? [-1, 0] : [Math.cos(t), Math.sin(t)]);

/** The log entries of `sweeps` as tridiagonal-ql.wgsl writes them: rotations from entry 0 up, headers from `capacity` − 1 down, then the end mark. */
function logOf(sweeps: readonly Sweep[], capacity: number): Float32Array {
  // stale words (a previous round's): headers of a sweep over columns 2 … 7 that must not be applied
  const out = Float32Array.from({ length: 2 * capacity }, (_, k) => (k % 2 === 0 ? 2 : 7));
  let pos = 0;
  sweeps.forEach((sw, k) => {
    out[2 * (capacity - 1 - k)] = sw.lo;
    out[2 * (capacity - 1 - k) + 1] = sw.hi;
    for (const t of sw.angles) {
      const [c, s] = cs(t);
      const sigma = c >= 0 ? 1 : -1;
      out[2 * pos] = s;
      out[2 * pos + 1] = -sigma * Math.max((s * s) / (1 + Math.abs(c)), 2 ** -126);
      pos++;
    }
  });
  out.fill(0, 2 * (capacity - 1 - sweeps.length), 2 * (capacity - sweeps.length));
  expect(pos + sweeps.length).toBeLessThan(capacity);
  return out;
}

/** Zt ← rotations applied in order in f64 (Zt[k·m + r] = Z_rk; rotation i mixes columns i and i + 1 of every row). */
function applyF64(Zt: Float64Array, m: number, sweeps: readonly Sweep[]) {
  for (const sw of sweeps) {
    sw.angles.forEach((t, q) => {
      const i = sw.hi - 1 - q;
      const [c, s] = cs(t);
      for (let r = 0; r < m; r++) {
        const z0 = Zt[i * m + r], z1 = Zt[(i + 1) * m + r];
        Zt[i * m + r] = c * z0 - s * z1;
        Zt[(i + 1) * m + r] = s * z0 + c * z1;
      }
    });
  }
}

function randomSweeps(m: number, count: number, rnd: () => number): Sweep[] {
  return Array.from({ length: count }, (_, k) => {
    // mostly long sweeps from a common top, some short ones anywhere and some single rotations
    const kind = k % 5;
    const lo = kind === 0 ? Math.floor(rnd() * (m - 1)) : Math.floor(rnd() * m * 0.3);
    const hi = kind === 0 ? lo + 1 : kind === 1 ? Math.min(m - 1, lo + 1 + Math.floor(rnd() * 6)) : m - 1 - Math.floor(rnd() * 3);
    const angles = Array.from({ length: hi - lo }, (_, q) => (q % 7 === 3 ? Math.PI - 1e-4 * rnd() : q % 11 === 5 ? 0 : q % 13 === 8 ? Math.PI : 2 * Math.PI * rnd()));
    return { lo, hi, angles };
  });
}

describe.skipIf(!gpu)("ql-rotations.wgsl", () => {
  it.each([[40, 37], [64, 16], [9, 3]])("applies a log of sweeps to Z (m = %i, %i sweeps, two matrices) as f64 does", async (m, count) => {
    const { device } = gpu!;
    const rnd = lcg(7 + m);
    const B = 2;
    const capacity = count * (m + 1) + 1;
    const sweeps = [0, 1].map(() => randomSweeps(m, count, rnd));
    const log = new Float32Array(2 * B * capacity);
    sweeps.forEach((s, b) => log.set(logOf(s, capacity), 2 * b * capacity));
    const Z0 = Float32Array.from({ length: B * m * m }, () => rnd() - 0.5);
    const pipeline = await computePipeline(device, await shaderSource("ql-rotations"), { WG: 16 });
    const logBuf = upload(device, log);
    const Z = upload(device, Z0, storage());
    const params = upload(device, new Uint32Array([m, capacity, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const read = device.createBuffer({ size: Z0.byteLength, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [logBuf, Z, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
    }));
    pass.dispatchWorkgroups(Math.ceil(m / 16), B);
    pass.end();
    enc.copyBufferToBuffer(Z, 0, read, 0, Z0.byteLength);
    device.queue.submit([enc.finish()]);
    const got = new Float32Array(await readBack(gpu!, read));
    for (const buf of [logBuf, Z, params, read]) buf.destroy();
    let worst = 0;
    for (let b = 0; b < B; b++) {
      const want = Float64Array.from(Z0.subarray(b * m * m, (b + 1) * m * m));
      applyF64(want, m, sweeps[b]);
      want.forEach((x, k) => { worst = Math.max(worst, Math.abs(got[b * m * m + k] - x)); });
    }
    console.info(`ql-rotations, m = ${m}, ${count} sweeps: max |Z − Z_f64| = ${worst.toExponential(1)}`);
    // rows of norm ≤ 0.5·√m kept by the rotations; f32 rounding over ≤ 2·count rotations an entry
    expect(worst).toBeLessThan(4e-7 * Math.sqrt(2 * count));
  });
});
