/**
 * What every batched GPU computation here shares: packing f64 blocks into zero-padded device arrays
 * (f32 or double-float), timing a compute pass with timestamp queries, and reading a result back in a
 * way that turns a lost device into DeviceLostError rather than a hang.
 */
import type { GpuContext } from "./device.ts";

/**
 * Where a GPU engine's time goes: totals of GPU time (timestamp queries; NaN where the device has
 * none) and counted flops of its kernels, and per stage (GPU passes and the host work around them),
 * seconds and flops. For benchmarks.
 */
export interface KernelStats {
  gpuSeconds: number;
  flops: number;
  stages: Record<string, { seconds: number; flops: number }>;
  /** batches submitted (one per call of an `inBatches` batch) */
  submissions: number;
}

export function kernelStats(device: GPUDevice): KernelStats {
  return { gpuSeconds: device.features.has("timestamp-query") ? 0 : NaN, flops: 0, stages: {}, submissions: 0 };
}

/** Adds one GPU pass (`gpu: true`: counts towards the GPU totals) or one host stage to `stats`. */
export function record(stats: KernelStats, stage: string, seconds: number, flops = 0, gpu = true): void {
  if (gpu) {
    stats.gpuSeconds += seconds;
    stats.flops += flops;
  }
  const s = (stats.stages[stage] ??= { seconds: 0, flops: 0 });
  s.seconds += seconds;
  s.flops += flops;
}

/** A complex Hermitian n×n block, re/im split, row-major (both triangles). */
export interface HermitianBlock {
  re: Float64Array;
  im: Float64Array;
  n: number;
}

/**
 * Runs `runBatch` over `blocks` in batches of at most `capacity(m)` blocks, all padded to the size
 * m of the largest (or to `size`, when given and larger); `checkFits(m)` refuses first what cannot
 * run at all. Results keep the order given.
 */
export async function inBatches<T>(
  blocks: readonly HermitianBlock[], capacity: (m: number) => number, checkFits: (m: number) => void,
  runBatch: (batch: readonly HermitianBlock[], m: number) => Promise<T[]>, stats: KernelStats, size = 0,
): Promise<T[]> {
  if (blocks.length === 0) return [];
  const m = paddedSize(Math.max(size, ...blocks.map((b) => b.n)));
  checkFits(m);
  const cap = capacity(m);
  const out: T[] = [];
  for (let i = 0; i < blocks.length; i += cap) {
    stats.submissions++;
    out.push(...(await runBatch(blocks.slice(i, i + cap), m)));
  }
  return out;
}

/** Zero-padded even size: a zero row/column adds the eigenvalue 0, which carries no entropy. */
export const paddedSize = (n: number) => Math.max(2, n + (n % 2));

/**
 * The blocks as one [B, m, m] array of complex numbers, zero-padded to m: `words` = 2 gives f32
 * (re, im); `words` = 4 gives double-float (re.hi, re.lo, im.hi, im.lo), hi = fl32(x), lo = fl32(x − hi).
 */
export function packBlocks(blocks: readonly HermitianBlock[], m: number, words: 2 | 4): Float32Array<ArrayBuffer> {
  const out = new Float32Array(blocks.length * m * m * words);
  blocks.forEach((blk, b) => {
    for (let i = 0; i < blk.n; i++) {
      for (let j = 0; j < blk.n; j++) {
        const at = words * (b * m * m + i * m + j);
        const re = blk.re[i * blk.n + j];
        const im = blk.im[i * blk.n + j];
        if (words === 2) {
          out[at] = re;
          out[at + 1] = im;
        } else {
          out[at] = re;
          out[at + 1] = re - out[at];
          out[at + 2] = im;
          out[at + 3] = im - out[at + 2];
        }
      }
    }
  });
  return out;
}

/** Usage of the working buffers (a function: in Node, GPUBufferUsage exists only once `webgpu` is loaded). */
export const storage = () => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

/** A storage buffer holding `data`. */
export function upload(device: GPUDevice, data: Float32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>, usage = storage()): GPUBuffer {
  const buf = device.createBuffer({ size: Math.max(16, data.byteLength), usage });
  device.queue.writeBuffer(buf, 0, data);
  return buf;
}

/**
 * Timestamps around each of `passes` compute passes, where the device has them (else every time reads
 * NaN): pass i takes `descriptorOf(i)` (`descriptor` is pass 0's), and the 16·passes bytes of stamps
 * are resolved into a readback buffer.
 */
export interface PassTimer {
  descriptor: GPUComputePassDescriptor;
  descriptorOf(pass: number): GPUComputePassDescriptor;
  /** encodes the resolve into `read` at `offset` (16 bytes a pass) */
  resolve(enc: GPUCommandEncoder, read: GPUBuffer, offset: number): void;
  /** seconds between pass `pass`'s two stamps, from the mapped readback */
  seconds(mapped: ArrayBuffer, offset: number, pass?: number): number;
  destroy(): void;
}

export function passTimer(device: GPUDevice, passes = 1): PassTimer {
  if (!device.features.has("timestamp-query")) {
    return { descriptor: {}, descriptorOf: () => ({}), resolve: () => {}, seconds: () => NaN, destroy: () => {} };
  }
  const querySet = device.createQuerySet({ type: "timestamp", count: 2 * passes });
  const stamps = device.createBuffer({ size: 16 * passes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const descriptorOf = (i: number): GPUComputePassDescriptor => ({ timestampWrites: { querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 } });
  return {
    descriptor: descriptorOf(0),
    descriptorOf,
    resolve(enc, read, offset) {
      enc.resolveQuerySet(querySet, 0, 2 * passes, stamps, 0);
      enc.copyBufferToBuffer(stamps, 0, read, offset, 16 * passes);
    },
    seconds(mapped, offset, pass = 0) {
      const [t0, t1] = new BigUint64Array(mapped.slice(offset + 16 * pass, offset + 16 * pass + 16));
      return Number(t1 - t0) / 1e9;
    },
    destroy() {
      querySet.destroy();
      stamps.destroy();
    },
  };
}

/**
 * Opens a validation error scope; the returned function closes it and throws if anything encoded or
 * submitted meanwhile was invalid (an invalid submission otherwise leaves its buffers unwritten, and
 * a readback would return zeros as if they were results).
 */
function validationScope(device: GPUDevice): () => Promise<void> {
  device.pushErrorScope("validation");
  return async () => {
    const err = await device.popErrorScope();
    if (err) throw new Error(`WebGPU rejected a batch: ${err.message}`);
  };
}

/**
 * Encodes and submits inside a validation scope: resolves once the scope is clean, rejects with the
 * validation error or with what `encodeAndSubmit` threw (the scope is closed either way).
 */
export async function submitValidated(device: GPUDevice, encodeAndSubmit: () => void): Promise<void> {
  const valid = validationScope(device);
  try {
    encodeAndSubmit();
  } catch (e) {
    await valid().catch(() => {});
    throw e;
  }
  await valid();
}

/**
 * Device bytes one batch may hold, whatever the binding limits allow. The engine keeps two batches
 * alive at once (one computing while the next is prepared), so the device holds up to twice this.
 */
export const BATCH_BYTES = 2 ** 30;

/** Matrices one dispatch may cover (its z extent), and so one batch may hold. */
export const maxMatricesPerDispatch = (device: GPUDevice) => device.limits.maxComputeWorkgroupsPerDimension;

/** Maps `read` (a MAP_READ buffer already filled by a submitted encoder) and returns a copy of its bytes. */
export async function readBack(ctx: GpuContext, read: GPUBuffer): Promise<ArrayBuffer> {
  // a lost device can fail the map before `lost` settles: give `lost` the chance to say so
  const mapped = read.mapAsync(GPUMapMode.READ).catch((e: unknown) =>
    Promise.race([ctx.lost, new Promise<never>((_, reject) => setTimeout(() => reject(e), 200))]));
  await Promise.race([mapped, ctx.lost]);
  const bytes = read.getMappedRange().slice(0);
  read.unmap();
  return bytes;
}

/** A uniform buffer of `count` slots of 256 bytes (the dynamic-offset alignment), each holding `words(i)`. */
export function uniformSlots(device: GPUDevice, count: number, words: (i: number) => number[]): GPUBuffer {
  const data = new Uint32Array(count * 64);
  for (let i = 0; i < count; i++) data.set(words(i), i * 64);
  return upload(device, data, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
}
export const UNIFORM_STRIDE = 256;
