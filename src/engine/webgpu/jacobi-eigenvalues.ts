/**
 * Batched eigenvalues of complex Hermitian matrices on the GPU: parallel cyclic Jacobi in f32
 * (shaders/jacobi-round.wgsl, one dispatch per round, all sweeps of a batch in one submission),
 * then the diagonals gathered (shaders/jacobi-diagonal.wgsl) and read back. Batches are split to fit
 * the device's buffer limits.
 */
import { DeviceLimitError } from "../../errors.ts";
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";

export interface HermitianBlock {
  re: Float64Array;
  im: Float64Array;
  n: number;
}

export interface JacobiEigenvalues {
  /** eigenvalues of each block (ascending, f32 accuracy), in the order given */
  run(blocks: readonly HermitianBlock[]): Promise<Float64Array[]>;
  /** how many n×n blocks fit in one batch on this device */
  capacity(n: number): number;
  /** throws DeviceLimitError when not even one n×n block fits */
  checkFits(n: number): void;
  /**
   * Totals since creation: GPU time of the Jacobi passes (timestamp queries; NaN where the device
   * has none) and their arithmetic, counted as the 4 complex multiply–adds (32 flops) per matrix
   * element per round that A' = J†AJ needs.
   */
  readonly stats: { gpuSeconds: number; flops: number };
}

const UNIFORM_STRIDE = 256;
const TILE = 8;

/** Zero-padded even size: a zero row/column adds the eigenvalue 0, which carries no entropy. */
export const paddedSize = (n: number) => Math.max(2, n + (n % 2));

export async function createJacobiEigenvalues(ctx: GpuContext, sweeps = 10): Promise<JacobiEigenvalues> {
  const { device } = ctx;
  const round = await computePipeline(device, await shaderSource("jacobi-round"), { TILE });
  const diagonal = await computePipeline(device, await shaderSource("jacobi-diagonal"));
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  const capacity = (n: number) => Math.floor(maxBinding / (paddedSize(n) ** 2 * 8));

  const timed = device.features.has("timestamp-query");
  const stats = { gpuSeconds: timed ? 0 : NaN, flops: 0 };

  async function runBatch(blocks: readonly HermitianBlock[], m: number): Promise<Float64Array[]> {
    const B = blocks.length;
    const bytes = B * m * m * 8;
    const host = new Float32Array(B * m * m * 2);
    blocks.forEach((blk, b) => {
      for (let i = 0; i < blk.n; i++) {
        for (let j = 0; j < blk.n; j++) {
          const at = 2 * (b * m * m + i * m + j);
          host[at] = blk.re[i * blk.n + j];
          host[at + 1] = blk.im[i * blk.n + j];
        }
      }
    });
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const A = device.createBuffer({ size: bytes, usage });
    const Bf = device.createBuffer({ size: bytes, usage });
    device.queue.writeBuffer(A, 0, host);
    const rounds = m - 1;
    const params = new Uint32Array((rounds * UNIFORM_STRIDE) / 4);
    for (let r = 0; r < rounds; r++) {
      params[(r * UNIFORM_STRIDE) / 4] = m;
      params[(r * UNIFORM_STRIDE) / 4 + 1] = r;
    }
    const uni = device.createBuffer({ size: params.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(uni, 0, params);
    const layout = round.getBindGroupLayout(0);
    const enc = device.createCommandEncoder();
    const querySet = timed ? device.createQuerySet({ type: "timestamp", count: 2 }) : undefined;
    const pass = enc.beginComputePass(
      querySet ? { timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {},
    );
    pass.setPipeline(round);
    const groupsXY = Math.ceil(m / TILE);
    let flip = 0;
    for (let s = 0; s < sweeps; s++) {
      for (let r = 0; r < rounds; r++) {
        const [from, to] = flip === 0 ? [A, Bf] : [Bf, A];
        pass.setBindGroup(0, device.createBindGroup({
          layout,
          entries: [
            { binding: 0, resource: { buffer: from } },
            { binding: 1, resource: { buffer: to } },
            { binding: 2, resource: { buffer: uni, offset: r * UNIFORM_STRIDE, size: 8 } },
          ],
        }));
        pass.dispatchWorkgroups(groupsXY, groupsXY, B);
        flip ^= 1;
      }
    }
    const result = flip === 0 ? A : Bf;
    const diagOut = device.createBuffer({ size: B * m * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const dparams = device.createBuffer({ size: 8, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(dparams, 0, new Uint32Array([m, B]));
    pass.setPipeline(diagonal);
    pass.setBindGroup(0, device.createBindGroup({
      layout: diagonal.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: result } },
        { binding: 1, resource: { buffer: diagOut } },
        { binding: 2, resource: { buffer: dparams } },
      ],
    }));
    pass.dispatchWorkgroups(Math.ceil((B * m) / 64));
    pass.end();
    const read = device.createBuffer({ size: B * m * 4 + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    enc.copyBufferToBuffer(diagOut, 0, read, 0, B * m * 4);
    const stamps = querySet ? device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC }) : undefined;
    if (querySet && stamps) {
      enc.resolveQuerySet(querySet, 0, 2, stamps, 0);
      enc.copyBufferToBuffer(stamps, 0, read, B * m * 4, 16);
    }
    device.queue.submit([enc.finish()]);
    // a lost device can fail the map before `lost` settles: give `lost` the chance to say so
    const mapped = read.mapAsync(GPUMapMode.READ).catch((e: unknown) =>
      Promise.race([ctx.lost, new Promise<never>((_, reject) => setTimeout(() => reject(e), 200))]));
    await Promise.race([mapped, ctx.lost]);
    const mappedBytes = read.getMappedRange();
    const diag = new Float32Array(mappedBytes.slice(0, B * m * 4));
    if (querySet) {
      const [t0, t1] = new BigUint64Array(mappedBytes.slice(B * m * 4, B * m * 4 + 16));
      stats.gpuSeconds += Number(t1 - t0) / 1e9;
    }
    stats.flops += 32 * m * m * rounds * sweeps * B;
    read.unmap();
    for (const buf of [A, Bf, uni, diagOut, dparams, read, stamps]) buf?.destroy();
    querySet?.destroy();
    return blocks.map((blk, b) => Float64Array.from(diag.subarray(b * m, b * m + blk.n)).sort());
  }

  const checkFits = (n: number) => {
    const m = paddedSize(n);
    if (capacity(m) < 1) {
      throw new DeviceLimitError(
        `a ${n}×${n} bath block needs ${m * m * 8} bytes in one GPU buffer; this device allows ${maxBinding} (use a smaller K or --engine cpu)`,
        m * m * 8, maxBinding,
      );
    }
  };

  return {
    stats,
    capacity,
    checkFits,
    async run(blocks) {
      if (blocks.length === 0) return [];
      const m = paddedSize(Math.max(...blocks.map((b) => b.n)));
      checkFits(m);
      const cap = capacity(m);
      const out: Float64Array[] = [];
      for (let i = 0; i < blocks.length; i += cap) out.push(...(await runBatch(blocks.slice(i, i + cap), m)));
      return out;
    },
  };
}
