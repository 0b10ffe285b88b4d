/**
 * Batched eigenvalues of complex Hermitian matrices on the GPU by f32 Jacobi alone: parallel cyclic
 * Jacobi (jacobi-sweeps.ts, all sweeps of a batch in one submission), then the diagonals gathered
 * (shaders/jacobi-diagonal.wgsl) and read back. Batches are split to fit the device's buffer limits.
 * No engine path uses it since fast mode's f32 path refines Jacobi by graded Rayleigh–Ritz
 * (graded-ritz-gpu.ts): it is how the tests hold the Jacobi kernels against f64, and show plain f32
 * missing a graded spectrum.
 */
import { DeviceLimitError } from "../../errors.ts";
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { createJacobiSweeps } from "./jacobi-sweeps.ts";
import { BATCH_BYTES, type HermitianBlock, inBatches, maxMatricesPerDispatch, submitValidated, type KernelStats, kernelStats, packBlocks, record, paddedSize, passTimer, readBack, storage, upload } from "./gpu-batch.ts";


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
  const jacobi = await createJacobiSweeps(ctx);
  const diagonal = await computePipeline(device, await shaderSource("jacobi-diagonal"));
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  // a batch is bounded by the binding size, by the z extent of one dispatch (one matrix per z) and
  // by the x extent of the diagonal gather (64 entries per workgroup)
  const maxZ = maxMatricesPerDispatch(device);
  const capacity = (n: number) => {
    const m = paddedSize(n);
    // the input and its ping-pong copy, 8 bytes an element each
    return Math.min(Math.floor(maxBinding / (m * m * 8)), Math.floor(BATCH_BYTES / (m * m * 16)), maxZ, Math.floor((maxZ * 64) / m));
  };
  const stats = kernelStats(device);

  /**
   * One batch: `sizes[b]` is block b's own size in the [B, m, m] input; `fill` uploads the input or
   * encodes its forming at the start of the pass, and returns the buffers to destroy afterwards.
   */
  async function solve(
    sizes: readonly number[], m: number, fill: (pass: GPUComputePassEncoder, A: GPUBuffer) => GPUBuffer[], stage: string,
  ): Promise<Float64Array[]> {
    const B = sizes.length;
    const A = device.createBuffer({ size: B * m * m * 8, usage: storage() });
    const scratch = device.createBuffer({ size: A.size, usage: storage() });
    const diagOut = device.createBuffer({ size: B * m * 4, usage: storage() });
    const dparams = upload(device, new Uint32Array([m, B]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const read = device.createBuffer({ size: B * m * 4 + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const timer = passTimer(device);
    let inputs: GPUBuffer[] = [];
    let flops = 0;
    const temporaries: GPUBuffer[] = [];
    try {
      await submitValidated(device, () => {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass(timer.descriptor);
        inputs = fill(pass, A);
        const done = jacobi.encode(pass, m, B, sweeps, [A, scratch]);
        temporaries.push(...done.temporaries);
        flops = done.flops;
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
      });
      const bytes = await readBack(ctx, read);
      record(stats, stage, timer.seconds(bytes, B * m * 4), flops);
      const diag = new Float32Array(bytes, 0, B * m);
      return sizes.map((n, b) => Float64Array.from(diag.subarray(b * m, b * m + n)).sort());
    } finally {
      for (const buf of [A, scratch, diagOut, dparams, read, ...inputs, ...temporaries]) buf.destroy();
      timer.destroy();
    }
  }

  const runBatch = (blocks: readonly HermitianBlock[], m: number) =>
    solve(blocks.map((b) => b.n), m, (_, A) => {
      device.queue.writeBuffer(A, 0, packBlocks(blocks, m, 2));
      return [];
    }, "GPU: f32 Jacobi eigenvalues");

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
