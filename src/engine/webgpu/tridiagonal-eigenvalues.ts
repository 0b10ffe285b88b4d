/**
 * Batched eigenvalues of complex Hermitian matrices: the GPU reduces each to real tridiagonal form in
 * double-float (shaders/householder-tridiagonal.wgsl, one workgroup per matrix, all of a batch in one
 * dispatch), the host finds the tridiagonal eigenvalues in f64 by QL (O(n²) each). Against cyclic
 * Jacobi this streams each matrix n times instead of ~10n, and it keeps eigenvalues to ~1e−13
 * absolute, so a graded bath block loses nothing near 0 or 1.
 */
import { DeviceLimitError } from "../../errors.ts";
import { tridiagonalEigenvalues } from "../../spectrum/hermitian-eigenvalues.ts";
import type { GpuContext } from "./device.ts";
import type { Df64Constants } from "./df64-probe.ts";
import type { BlockFormer, FormInput } from "./block-former.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import {
  type HermitianBlock, type KernelStats, inBatches, kernelStats, maxMatricesPerDispatch, packBlocks, paddedSize,
  passTimer, readBack, record, storage, submitValidated, upload,
} from "./gpu-batch.ts";

export interface TridiagonalEigenvalues {
  /** eigenvalues of each block, ascending, in the order given; `size`: pad to at least this */
  run(blocks: readonly HermitianBlock[], size?: number): Promise<Float64Array[]>;
  /** the same for blocks formed on the GPU (a df64 BlockFormer): per time the spectra of C_L, C_R */
  runFormed(former: BlockFormer, inputs: readonly FormInput[], m: number): Promise<Float64Array[]>;
  /** how many n×n blocks fit in one batch */
  capacity(n: number): number;
  /** throws DeviceLimitError when not even one n×n block fits */
  checkFits(n: number): void;
  /** GPU time of the reductions, and their arithmetic counted as 3 complex multiply–adds (24 flops) per trailing element per step */
  readonly stats: KernelStats;
}

/**
 * Device bytes of one batch of df64 matrices. A batch needs a few matrices per multiprocessor to
 * fill a large GPU (one workgroup each), so this is larger than the Jacobi batches; the binding limit
 * still bounds it (a browser gives 128 MiB: eight K = 1000 blocks).
 */
const TRIDIAGONAL_BATCH_BYTES = 2 ** 32;

export interface TridiagonalOptions {
  /** device bytes of one batch at most (default 4 GiB, within the binding limit) */
  batchBytes?: number;
  /** threads per matrix, a power of two (default 256) */
  workgroupSize?: number;
}

export async function createTridiagonalEigenvalues(
  ctx: GpuContext, exact: Df64Constants, { batchBytes = TRIDIAGONAL_BATCH_BYTES, workgroupSize = 256 }: TridiagonalOptions = {},
): Promise<TridiagonalEigenvalues> {
  const { device } = ctx;
  const pipeline = await computePipeline(device, (await shaderSource("df64")) + (await shaderSource("householder-tridiagonal")), {
    ...exact, WG: workgroupSize,
  });
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  const capacity = (n: number) => {
    const m = paddedSize(n);
    return Math.min(Math.floor(Math.min(maxBinding, batchBytes) / (m * m * 16)), maxMatricesPerDispatch(device));
  };
  const stats = kernelStats(device);

  async function solve(
    sizes: readonly number[], m: number, fill: (pass: GPUComputePassEncoder, A: GPUBuffer) => GPUBuffer[], stage: string,
  ): Promise<Float64Array[]> {
    const B = sizes.length;
    const A = device.createBuffer({ size: B * m * m * 16, usage: storage() });
    const sizeBuf = upload(device, Uint32Array.from(sizes));
    const vecs = device.createBuffer({ size: B * 4 * m * 16, usage: storage() });
    const out = device.createBuffer({ size: B * m * 16, usage: storage() });
    const params = upload(device, new Uint32Array([m, 0, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const read = device.createBuffer({ size: B * m * 16 + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const timer = passTimer(device);
    let inputs: GPUBuffer[] = [];
    try {
      await submitValidated(device, () => {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass(timer.descriptor);
        inputs = fill(pass, A);
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [A, sizeBuf, vecs, out, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
        }));
        pass.dispatchWorkgroups(B);
        pass.end();
        enc.copyBufferToBuffer(out, 0, read, 0, B * m * 16);
        timer.resolve(enc, read, B * m * 16);
        device.queue.submit([enc.finish()]);
      });
      const bytes = await readBack(ctx, read);
      const flops = sizes.reduce((s, n) => s + 24 * ((n * (n - 1) * (2 * n - 1)) / 6), 0);
      record(stats, stage, timer.seconds(bytes, B * m * 16), flops);
      const de = new Float32Array(bytes, 0, B * m * 4);
      const t0 = performance.now();
      const spectra = sizes.map((n, b) => {
        const d = new Float64Array(n);
        const e = new Float64Array(n);
        for (let j = 0; j < n; j++) {
          const at = 4 * (b * m + j);
          d[j] = de[at] + de[at + 1];
          if (j + 1 < n) e[j + 1] = de[at + 2] + de[at + 3];
        }
        return tridiagonalEigenvalues(d, e);
      });
      record(stats, "host: tridiagonal eigenvalues (f64 QL, O(n²) per block)", (performance.now() - t0) / 1000, 0, false);
      return spectra;
    } finally {
      for (const buf of [A, sizeBuf, vecs, out, params, read, ...inputs]) buf.destroy();
      timer.destroy();
    }
  }

  const checkFits = (n: number) => {
    const m = paddedSize(n);
    if (capacity(m) < 1) {
      throw new DeviceLimitError(
        `a ${n}×${n} bath block needs ${m * m * 16} bytes in one GPU buffer; this device allows ${maxBinding} (use a smaller K or --engine cpu)`,
        m * m * 16, maxBinding,
      );
    }
  };

  return {
    stats,
    capacity,
    checkFits,
    run: (blocks, size) => inBatches(blocks, capacity, checkFits, (batch, m) => solve(batch.map((b) => b.n), m, (_, A) => {
      device.queue.writeBuffer(A, 0, packBlocks(batch, m, 4));
      return [];
    }, "GPU: df64 Householder tridiagonalization"), stats, size),
    async runFormed(former, inputs, m) {
      checkFits(m);
      if (2 * inputs.length > capacity(m)) throw new RangeError(`runFormed: ${inputs.length} times exceed one batch`);
      stats.submissions++;
      const sizes = inputs.flatMap((x) => [x.KL, x.KR]);
      return solve(sizes, m, (pass, A) => former.encode(pass, inputs, m, A), "GPU: blocks formed (df64) + df64 Householder tridiagonalization");
    },
  };
}
