/**
 * Batched eigenvalues of complex Hermitian matrices on the GPU (fast mode): parallel cyclic Jacobi in
 * f32 (jacobi-sweeps.ts, all sweeps of a batch in one submission), then the diagonals gathered
 * (shaders/jacobi-diagonal.wgsl) and read back. Batches are split to fit the device's buffer limits.
 */
import { DeviceLimitError } from "../../errors.ts";
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { createJacobiSweeps } from "./jacobi-sweeps.ts";
import { type HermitianBlock, inBatches, type KernelStats, kernelStats, packBlocks, record, paddedSize, passTimer, readBack, storage, upload } from "./gpu-batch.ts";

export { type HermitianBlock, paddedSize } from "./gpu-batch.ts";

export interface JacobiEigenvalues {
  /** eigenvalues of each block (ascending, f32 accuracy), in the order given; `size`: pad to at least this */
  run(blocks: readonly HermitianBlock[], size?: number): Promise<Float64Array[]>;
  /** how many n×n blocks fit in one batch on this device */
  capacity(n: number): number;
  /** throws DeviceLimitError when not even one n×n block fits */
  checkFits(n: number): void;
  /**
   * Totals since creation: GPU time of the Jacobi passes (timestamp queries; NaN where the device
   * has none) and their arithmetic, counted as the 4 complex multiply–adds (32 flops) per matrix
   * element per round that A' = J†AJ needs.
   */
  readonly stats: KernelStats;
}

export async function createJacobiEigenvalues(ctx: GpuContext, sweeps = 10): Promise<JacobiEigenvalues> {
  const { device } = ctx;
  const jacobi = await createJacobiSweeps(ctx, false);
  const diagonal = await computePipeline(device, await shaderSource("jacobi-diagonal"));
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  const capacity = (n: number) => Math.floor(maxBinding / (paddedSize(n) ** 2 * 8));
  const stats = kernelStats(device);

  async function runBatch(blocks: readonly HermitianBlock[], m: number): Promise<Float64Array[]> {
    const B = blocks.length;
    const A = upload(device, packBlocks(blocks, m, 2));
    const scratch = device.createBuffer({ size: A.size, usage: storage() });
    const diagOut = device.createBuffer({ size: B * m * 4, usage: storage() });
    const dparams = upload(device, new Uint32Array([m, B]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const read = device.createBuffer({ size: B * m * 4 + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const timer = passTimer(device);
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass(timer.descriptor);
    const done = jacobi.encode(pass, m, B, sweeps, [A, scratch]);
    pass.setPipeline(diagonal);
    pass.setBindGroup(0, device.createBindGroup({
      layout: diagonal.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: done.a } },
        { binding: 1, resource: { buffer: diagOut } },
        { binding: 2, resource: { buffer: dparams } },
      ],
    }));
    pass.dispatchWorkgroups(Math.ceil((B * m) / 64));
    pass.end();
    enc.copyBufferToBuffer(diagOut, 0, read, 0, B * m * 4);
    timer.resolve(enc, read, B * m * 4);
    device.queue.submit([enc.finish()]);
    try {
      const bytes = await readBack(ctx, read);
      record(stats, "GPU: f32 Jacobi eigenvalues (C and 1 − C)", timer.seconds(bytes, B * m * 4), done.flops);
      const diag = new Float32Array(bytes, 0, B * m);
      return blocks.map((blk, b) => Float64Array.from(diag.subarray(b * m, b * m + blk.n)).sort());
    } finally {
      for (const buf of [A, scratch, diagOut, dparams, read, ...done.temporaries]) buf.destroy();
      timer.destroy();
    }
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
    run: (blocks, size) => inBatches(blocks, capacity, checkFits, runBatch, stats, size),
  };
}
