/**
 * Start-up check that double-float arithmetic (shaders/df64.wgsl) is exact on this device: TwoSum and
 * TwoProduct of pairs chosen so that their error terms are large, against exact f64 values. A shader
 * compiler that reassociates a + b − a or evaluates fma unfused would silently give f32 results;
 * accurate mode refuses such a device instead.
 */
import { DeviceLimitError } from "../../errors.ts";
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { readBack, upload } from "./gpu-batch.ts";

/** Pairs (a, b) of f32 numbers whose sum and product both lose bits in f32. */
function probePairs(): Float32Array<ArrayBuffer> {
  const pairs: number[] = [];
  for (let k = 0; k < 64; k++) {
    const a = Math.fround(1 + (k + 1) * 2 ** -20 + 2 ** -23);
    const b = Math.fround((k % 2 ? -1 : 1) * (3 ** -((k % 7) + 1)) * (1 + 2 ** -22));
    pairs.push(a, b);
  }
  return Float32Array.from(pairs);
}

/** The pipeline constants under which df64 is exact on this device. */
export type Df64Constants = { DEKKER: number };

/**
 * Which TwoProduct (fma, else Dekker's splitting) is exact here; throws DeviceLimitError, naming what
 * failed, when neither variant carries the extra bits.
 */
export async function probeDf64(ctx: GpuContext): Promise<Df64Constants> {
  let failure = "";
  for (const DEKKER of [0, 1]) {
    failure = await probeVariant(ctx, { DEKKER });
    if (!failure) return { DEKKER };
  }
  throw new DeviceLimitError(
    `--precision accurate: this adapter's shader arithmetic does not keep double-float exact (${failure}); ` +
    `use --precision fast or --engine cpu`,
  );
}

/** "" when exact, else what went wrong. */
async function probeVariant(ctx: GpuContext, constants: Df64Constants): Promise<string> {
  const { device } = ctx;
  const pipeline = await computePipeline(device, (await shaderSource("df64")) + (await shaderSource("df64-probe")), constants);
  const inp = probePairs();
  const count = inp.length / 2;
  const inBuf = upload(device, inp);
  const outBuf = device.createBuffer({ size: count * 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: count * 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: inBuf } }, { binding: 1, resource: { buffer: outBuf } }],
  }));
  pass.dispatchWorkgroups(Math.ceil(count / 64));
  pass.end();
  enc.copyBufferToBuffer(outBuf, 0, read, 0, count * 16);
  device.queue.submit([enc.finish()]);
  const out = new Float32Array(await readBack(ctx, read));
  for (const b of [inBuf, outBuf, read]) b.destroy();
  for (let k = 0; k < count; k++) {
    const a = inp[2 * k];
    const b = inp[2 * k + 1];
    // both are exact in f64: a sum of two f32 needs < 53 bits here, a product 48
    const sumErr = out[4 * k] + out[4 * k + 1] - (a + b);
    const prodErr = out[4 * k + 2] + out[4 * k + 3] - a * b;
    if (sumErr !== 0 || prodErr !== 0) {
      return `${sumErr !== 0 ? "TwoSum" : "TwoProduct"} off by ${Math.abs(sumErr || prodErr).toExponential(2)}`;
    }
  }
  return "";
}
