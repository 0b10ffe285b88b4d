/**
 * Batched eigenvalues of complex Hermitian matrices, all on the GPU in double-float: reduction to
 * real tridiagonal form (shaders/householder-tridiagonal.wgsl, one workgroup per matrix), then every
 * eigenvalue by bisection on Sturm counts (shaders/tridiagonal-bisection.wgsl, one thread each), so
 * the host only reads back n numbers a block. Against cyclic
 * Jacobi this streams each matrix n times instead of ~10n, and it keeps eigenvalues to ~1e−13
 * absolute, so a graded bath block loses nothing near 0 or 1.
 */
import { DeviceLimitError } from "../../errors.ts";

import type { GpuContext } from "./device.ts";
import type { Df64Constants } from "./df64-probe.ts";
import type { BlockFormer, FormInput } from "./block-former.ts";
import type { VectorFormer, VectorPoint } from "./vector-former.ts";
import type { DeletedRowFormer } from "./deleted-row-former.ts";
import { createSplitReduction, type SplitReduction } from "./householder-split.ts";
import { checkBlocks } from "./check-cases.ts";
import { PANEL_WIDTH, panelVectors, reductionFlops } from "./householder-panel.ts";
import { hermitianEigenvalues } from "../../spectrum/hermitian-eigenvalues.ts";

/** Encoded before a batch's blocks: its temporaries, and buffers to read back with the spectra. */
type Prelude = (pass: GPUComputePassEncoder) => { temporaries: GPUBuffer[]; readBacks: GPUBuffer[] };
import { computePipeline, shaderSource } from "./shader-source.ts";
import {
  type HermitianBlock, type KernelStats, inBatches, kernelStats, maxMatricesPerDispatch, packBlocks, paddedSize,
  passTimer, readBack, record, storage, submitValidated, upload,
} from "./gpu-batch.ts";

export interface TridiagonalEigenvalues {
  /** eigenvalues of each block, ascending, in the order given; `size`: pad to at least this */
  run(blocks: readonly HermitianBlock[], size?: number): Promise<Float64Array[]>;
  /** the same for blocks formed on the GPU (a df64 BlockFormer): per time the spectra of C_L, C_R; the times must fit one batch */
  runFormed(former: BlockFormer, inputs: readonly FormInput[], m: number): Promise<Float64Array[]>;
  /**
   * Everything on the GPU for (problem, t) points: their vectors of C(t) (vector-former.ts), their
   * blocks C_L, C_R, and those blocks' spectra (per point C_L, C_R); `modes` is the vectors as
   * form-blocks reads them (5 complex df64 per mode, the points one after another). With
   * `deletedRow`, also S_B − S_tot of each point (deleted-row-former.ts). One batch.
   */
  runPoints(vectors: VectorFormer, former: BlockFormer, points: readonly VectorPoint[], m: number, deletedRow?: DeletedRowFormer): Promise<{
    spectra: Float64Array[]; modes: Float32Array; entropyChanges?: Float64Array;
  }>;
  /** how many n×n blocks fit in one batch */
  capacity(n: number): number;
  /** throws DeviceLimitError when not even one n×n block fits */
  checkFits(n: number): void;
  /**
   * GPU time of the reductions, and their arithmetic in complex multiply–adds (8 flops each): the
   * fused kernel's as reductionFlops counts it (≈ 3 per trailing element and step, and the O(n·NB)
   * vector work of the pending updates), the split kernels' 3 per trailing element and step
   */
  readonly stats: KernelStats;
}

/**
 * Device bytes of one batch of df64 matrices, or one binding's worth where that is more. A batch
 * needs about one block per multiprocessor to fill a large GPU (one workgroup each); where one
 * binding holds fewer (a browser gives 128 MiB: eight K = 1000 blocks), the batch spans several
 * bindings, one dispatch each. On an H100 (2 GiB per binding, 134 K = 1000 blocks) two or four
 * blocks per multiprocessor were no faster per block (8.3 → 9.4, 10.2 ms) and fewer, larger batches
 * overlap less with the host, so a batch stays near one block per multiprocessor.
 */
const TRIDIAGONAL_BATCH_BYTES = 2 ** 30;

/**
 * Blocks from this size on are reduced by the split kernels (householder-split.ts): a batch of them
 * holds fewer blocks than a large GPU has multiprocessors (1 GiB a batch: 28 blocks at K = 1536,
 * 4 at K = 4000; an H100 has 132), so one workgroup per block would leave most of it idle. Chosen by
 * size alone, so that a job's numbers never depend on what shares its batch.
 */
const SPLIT_FROM = 1536;

/** Scratch vectors per block of the split kernels (householder-column.wgsl): u of even and odd steps, w, p. */
const SPLIT_VECTORS = 4;

export interface TridiagonalOptions {
  /** device bytes of one batch at most, or one binding's worth where that is more (default 1 GiB) */
  batchBytes?: number;
  /** threads per matrix, a power of two (default 512, or the device's limit where lower) */
  workgroupSize?: number;
  /** the fused kernel's widest panel NB: steps between two writes of the trailing block (default 16) */
  panelWidth?: number;
  /** bytes per binding at most (default: the device's limit; tests set less to split batches) */
  bindingBytes?: number;
  /** padded size from which blocks are reduced over many workgroups each (default 1536; tests set less) */
  splitFrom?: number;
  /** rows of the trailing block per workgroup of the split reduction (default 256; tests set less) */
  splitRows?: number;
  /** where to record its passes (default: statistics of its own) */
  stats?: KernelStats;
}

export async function createTridiagonalEigenvalues(
  ctx: GpuContext, exact: Df64Constants,
  {
    batchBytes = TRIDIAGONAL_BATCH_BYTES, workgroupSize, panelWidth: NB = PANEL_WIDTH, bindingBytes = Infinity, splitFrom = SPLIT_FROM, splitRows, stats: given,
  }: TridiagonalOptions = {},
): Promise<TridiagonalEigenvalues> {
  const { device } = ctx;
  // wider workgroups keep more loads in flight per matrix (H100, K = 1000: 12.0 ms a block at 256
  // threads, 7.8 at 512); the workgroup's reduction array takes 16 bytes a thread, beside x0shared
  // and the panel's 2·NB dot products
  const limit = 2 ** Math.floor(Math.log2(Math.min(
    device.limits.maxComputeInvocationsPerWorkgroup, device.limits.maxComputeWorkgroupSizeX, (device.limits.maxComputeWorkgroupStorageSize - 16 - 32 * NB) / 16,
  )));
  const WG = Math.min(workgroupSize ?? 512, limit);
  const df64 = await shaderSource("df64");
  const pipeline = await computePipeline(device, df64 + (await shaderSource("householder-reduce")) + (await shaderSource("householder-tridiagonal")), { ...exact, WG, NB });
  const bisection = await computePipeline(device, df64 + (await shaderSource("tridiagonal-bisection")), { ...exact });
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize, bindingBytes);
  // blocks per binding (and dispatch): even, so that a time's C_L and C_R share one; their scratch
  // vectors too (from m = 4 on no more than m a block: the matrices bind the more)
  const perBinding = (m: number) => 2 * Math.floor(Math.min(
    Math.floor(maxBinding / (m * m * 16)), Math.floor(maxBinding / (Math.max(SPLIT_VECTORS, panelVectors(m, NB)) * m * 16)), maxMatricesPerDispatch(device),
  ) / 2);
  const capacity = (n: number) => {
    const m = paddedSize(n);
    const per = perBinding(m);
    return per === 0 ? 0 : per * Math.max(1, Math.floor(batchBytes / (per * m * m * 16)));
  };
  const stats = given ?? kernelStats(device);

  /**
   * One batch, as chunks of at most perBinding(m) blocks with buffers of their own (so their
   * dispatches do not wait on each other); `fill(pass, A, first, count)` forms or uploads blocks
   * first…first+count−1 into A and returns the buffers to destroy afterwards.
   */
  /**
   * The split reduction, made and checked on first use (a fixed graded case against f64, as at
   * start-up); undefined where it fails: the fused kernel then reduces every block (slower, as right).
   */
  let split: Promise<SplitReduction | undefined> | undefined;
  const splitFor = (m: number) => (m < splitFrom ? undefined : (split ??= createSplitReduction(device, exact, WG, splitRows).then(async (s) => {
    const blocks = checkBlocks();
    const { spectra } = await solve(blocks.map((b) => b.n), 14, (_, A, first, count) => {
      device.queue.writeBuffer(A, 0, packBlocks(blocks.slice(first, first + count), 14, 4));
      return [];
    }, "GPU: split Householder reduction, checked on first use", undefined, s);
    let worst = 0;
    blocks.forEach((b, k) => hermitianEigenvalues(b.re.slice(), b.im.slice(), b.n).forEach((x, i) => (worst = Math.max(worst, Math.abs(spectra[k][i] - x)))));
    return worst < 1e-11 ? s : undefined;
  }).catch(() => undefined)));

  async function solve(
    sizes: readonly number[], m: number, fill: (pass: GPUComputePassEncoder, A: GPUBuffer, first: number, count: number) => GPUBuffer[], stage: string,
    extra?: Prelude, given?: SplitReduction,
  ): Promise<{ spectra: Float64Array[]; extra: ArrayBuffer[] }> {
    const splitter = given ?? (await splitFor(m));
    const B = sizes.length;
    const chunk = perBinding(m);
    const chunks = Array.from({ length: Math.ceil(B / chunk) }, (_, c) => {
      const first = c * chunk;
      const count = Math.min(chunk, B - first);
      return {
        first, count,
        A: device.createBuffer({ size: count * m * m * 16, usage: storage() }),
        sizes: upload(device, Uint32Array.from(sizes.slice(first, first + count))),
        vecs: device.createBuffer({ size: count * (splitter ? SPLIT_VECTORS : panelVectors(m, NB)) * m * 16, usage: storage() }),
        out: device.createBuffer({ size: count * m * 16, usage: storage() }),
        eig: device.createBuffer({ size: count * m * 8, usage: storage() }),
      };
    });
    const params = upload(device, new Uint32Array([m, 0, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const read = device.createBuffer({ size: B * m * 8 + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const timer = passTimer(device);
    const inputs: GPUBuffer[] = [];
    const readExtra: GPUBuffer[] = [];
    try {
      const t0 = performance.now();
      await submitValidated(device, () => {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass(timer.descriptor);
        const pre = extra?.(pass);
        if (pre) inputs.push(...pre.temporaries);
        for (const c of chunks) inputs.push(...fill(pass, c.A, c.first, c.count));
        if (splitter) {
          for (const c of chunks) inputs.push(...splitter.encode(pass, m, c.count, c));
        } else {
          pass.setPipeline(pipeline);
          for (const c of chunks) {
            pass.setBindGroup(0, device.createBindGroup({
              layout: pipeline.getBindGroupLayout(0),
              entries: [c.A, c.sizes, c.vecs, c.out, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
            }));
            pass.dispatchWorkgroups(c.count);
          }
        }
        pass.setPipeline(bisection);
        for (const c of chunks) {
          pass.setBindGroup(0, device.createBindGroup({
            layout: bisection.getBindGroupLayout(0),
            entries: [c.out, c.sizes, c.eig, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
          }));
          pass.dispatchWorkgroups(Math.ceil(m / 64), c.count);
        }
        pass.end();
        for (const c of chunks) enc.copyBufferToBuffer(c.eig, 0, read, c.first * m * 8, c.count * m * 8);
        timer.resolve(enc, read, B * m * 8);
        for (const src of pre?.readBacks ?? []) {
          const dst = device.createBuffer({ size: src.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
          readExtra.push(dst);
          enc.copyBufferToBuffer(src, 0, dst, 0, src.size);
        }
        device.queue.submit([enc.finish()]);
        record(stats, "host: encoding batches (phases λt mod 2π, packing; this thread)", (performance.now() - t0) / 1000, 0, false);
      });
      const bytes = await readBack(ctx, read);
      const extraBytes = await Promise.all(readExtra.map((b) => readBack(ctx, b)));
      const flops = sizes.reduce((s, n) => s + (splitter ? 24 * ((n * (n - 1) * (2 * n - 1)) / 6) : reductionFlops(n, NB)), 0);
      record(stats, splitter ? `${stage} (reduction split over workgroups)` : stage, timer.seconds(bytes, B * m * 8), flops);
      const lambda = new Float32Array(bytes, 0, B * m * 2);
      const spectra = sizes.map((n, b) => Float64Array.from({ length: n }, (_, k) => lambda[2 * (b * m + k)] + lambda[2 * (b * m + k) + 1]).sort());
      return { spectra, extra: extraBytes };
    } finally {
      for (const c of chunks) for (const buf of [c.A, c.sizes, c.vecs, c.out, c.eig]) buf.destroy();
      for (const buf of [params, read, ...inputs]) buf.destroy();
      for (const b of readExtra) b.destroy();
      timer.destroy();
    }
  }

  const checkFits = (n: number) => {
    const m = paddedSize(n);
    if (capacity(m) < 1) {
      throw new DeviceLimitError(
        `a ${n}×${n} bath block needs ${2 * m * m * 16} bytes in one GPU buffer (C_L and C_R of a time together); this device allows ${maxBinding} (use a smaller K or --engine cpu)`,
        2 * m * m * 16, maxBinding,
      );
    }
  };

  const runFormed = (former: BlockFormer, inputs: readonly FormInput[], m: number) => {
    checkFits(m);
    if (2 * inputs.length > capacity(m)) throw new RangeError(`runFormed: ${inputs.length} times exceed one batch`);
    stats.submissions++;
    const sizes = inputs.flatMap((x) => [x.KL, x.KR]);
    return solve(sizes, m, (pass, A, first, count) => former.encode(pass, inputs.slice(first / 2, (first + count) / 2), m, A),
      "GPU: blocks formed (df64) + df64 Householder tridiagonalization + bisection").then((r) => r.spectra);
  };

  const runPoints = async (vectors: VectorFormer, former: BlockFormer, points: readonly VectorPoint[], m: number, deletedRow?: DeletedRowFormer) => {
    checkFits(m);
    if (2 * points.length > capacity(m)) throw new RangeError(`runPoints: ${points.length} times exceed one batch`);
    stats.submissions++;
    const sizes = points.flatMap(({ plan }) => [plan.problem.KL, plan.problem.KR]);
    let formed: ReturnType<VectorFormer["encode"]> | undefined;
    let sb: ReturnType<DeletedRowFormer["encode"]> | undefined;
    const r = await solve(sizes, m, (pass, A, first, count) => {
      // this chunk's times, pointing into the one modes buffer of the batch
      const times = upload(device, formed!.blockTimes.slice(2 * first, 2 * (first + count)));
      return [times, ...former.encodeFrom(pass, formed!.modes, times, count / 2, m, A)];
    }, `GPU: vectors of C(t)${deletedRow ? " + S_B by the secular equation" : ""} + blocks formed + Householder tridiagonalization + bisection (df64)`, (pass) => {
      formed = vectors.encode(pass, points);
      sb = deletedRow?.encode(pass, points, formed.modes);
      return { temporaries: [...formed.temporaries, ...(sb?.temporaries ?? [])], readBacks: sb ? [formed.modes, sb.terms] : [formed.modes] };
    });
    return { spectra: r.spectra, modes: new Float32Array(r.extra[0]), entropyChanges: sb?.changes(r.extra[1]) };
  };

  return {
    stats,
    capacity,
    checkFits,
    run: (blocks, size) => inBatches(blocks, capacity, checkFits, (batch, m) => solve(batch.map((b) => b.n), m, (_, A, first, count) => {
      device.queue.writeBuffer(A, 0, packBlocks(batch.slice(first, first + count), m, 4));
      return [];
    }, "GPU: df64 Householder tridiagonalization + bisection").then((r) => r.spectra), stats, size),
    runFormed,
    runPoints,
  };
}
