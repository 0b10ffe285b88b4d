/**
 * Accurate mode: Σ h(λ) of complex Hermitian blocks to ~1e−10, from f32 hardware. Per batch:
 *  1. f32 Jacobi with eigenvectors on C and on 1 − C (jacobi-sweeps.ts); the diagonals come back;
 *  2. the host picks, per block, the eigenvectors of C for the eigenvalues ≤ ½ and those of 1 − C for
 *     the rest: each Jacobi run resolves its small eigenvalues in the graded sense, so together they
 *     give a basis X̂ whose Rayleigh quotients stay close to the spectrum near 0 and near 1, where h
 *     is singular and a plain perturbation series would not converge;
 *  3. X̂ is gathered (shaders/gather-basis.wgsl), and S = X̂†AX̂, G = X̂†X̂ are formed in double-float
 *     (shaders/refine-apply.wgsl, shaders/refine-project.wgsl, A uploaded in df64);
 *  4. the host refines Σ h to second order from S and G in O(n²) (src/spectrum/rayleigh-entropy.ts).
 */
import { DeviceLimitError } from "../../errors.ts";
import { rayleighEntropy } from "../../spectrum/rayleigh-entropy.ts";
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { createJacobiSweeps } from "./jacobi-sweeps.ts";
import { type Df64Constants, probeDf64 } from "./df64-probe.ts";
import { checkRayleighProducts } from "./kernel-check.ts";
import { BATCH_BYTES, complement, type HermitianBlock, inBatches, maxMatricesPerDispatch, submitValidated, type KernelStats, kernelStats, packBlocks, record, paddedSize, passTimer, readBack, storage, upload } from "./gpu-batch.ts";

/** Encodes S = X̂†AX̂ and G = X̂†X̂ in double-float for [B, m, m] batches (the kernels of step 3). */
export interface RayleighProducts {
  /** a: A in df64 (vec4f), x: X̂ (vec2f); y (scratch), s, g: df64 (vec4f); params: uniform { m } */
  encode(pass: GPUComputePassEncoder, m: number, B: number, b: { a: GPUBuffer; x: GPUBuffer; y: GPUBuffer; s: GPUBuffer; g: GPUBuffer; params: GPUBuffer }): void;
  /** arithmetic of one encode: each df64 complex multiply–add counted as 8 flops */
  flops(m: number, B: number): number;
}

export async function createRayleighProducts(ctx: GpuContext, exact: Df64Constants): Promise<RayleighProducts> {
  const { device } = ctx;
  const df64 = await shaderSource("df64");
  const apply = await computePipeline(device, df64 + (await shaderSource("refine-apply")), { TILE, ...exact });
  const project = await computePipeline(device, df64 + (await shaderSource("refine-project")), { TILE, ...exact });
  return {
    encode(pass, m, B, b) {
      const groups = Math.ceil(m / TILE);
      for (const [pipeline, buffers] of [[apply, [b.a, b.x, b.y, b.params]], [project, [b.x, b.y, b.s, b.g, b.params]]] as const) {
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindAll(device, pipeline, [...buffers]));
        pass.dispatchWorkgroups(groups, groups, B);
      }
    },
    flops: (m, B) => 8 * 4 * m ** 3 * B + 8 * 8 * m ** 3 * B,
  };
}

/** A bind group with buffer i at binding i. */
const bindAll = (device: GPUDevice, p: GPUComputePipeline, buffers: GPUBuffer[]) => device.createBindGroup({
  layout: p.getBindGroupLayout(0),
  entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
});

export interface RefinedEntropies {
  /** Σ h(λ) over the eigenvalues of each block, in the order given; `size`: pad to at least this */
  run(blocks: readonly HermitianBlock[], size?: number): Promise<number[]>;
  /** how many n×n blocks fit in one batch on this device */
  capacity(n: number): number;
  /** throws DeviceLimitError when not even one n×n block fits */
  checkFits(n: number): void;
  /**
   * Totals since creation: GPU time of the passes (timestamp queries; NaN without) and their
   * arithmetic: Jacobi as in jacobi-sweeps.ts, and each df64 complex multiply–add counted as the
   * 8 real flops it stands for (4 per element of A·X̂, 8 per element of X̂†Y with X̂†X̂).
   */
  readonly stats: KernelStats;
}

const TILE = 8;
/** per element of one block: C and 1 − C with their vectors, f32, ping-pong (8 × 8), X̂ (8), A df64, Y, S, G (4 × 16), the readback of S and G (32) */
const BYTES_PER_ELEMENT = 8 * 8 + 8 + 4 * 16 + 32;

export async function createRefinedEntropies(ctx: GpuContext, sweeps = 10): Promise<RefinedEntropies> {
  const { device } = ctx;
  const exact = await probeDf64(ctx);
  const jacobi = await createJacobiSweeps(ctx, true);
  const diagonal = await computePipeline(device, await shaderSource("jacobi-diagonal"));
  const gather = await computePipeline(device, await shaderSource("gather-basis"), { TILE });
  const products = await createRayleighProducts(ctx, exact);
  await checkRayleighProducts(ctx, products);
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  // a batch is bounded by the binding size, the readback of S and G (one buffer), the bytes of all
  // its buffers, and the z extent of a dispatch (C and 1 − C of each block are one matrix per z each)
  const maxZ = maxMatricesPerDispatch(device);
  const capacity = (n: number) => {
    const m = paddedSize(n);
    const m2 = m * m;
    return Math.min(
      Math.floor(maxBinding / (m2 * 16)), Math.floor((device.limits.maxBufferSize - 16) / (m2 * 32)),
      Math.floor(BATCH_BYTES / (m2 * BYTES_PER_ELEMENT)), Math.floor(maxZ / 2), Math.floor((maxZ * 32) / m),
    );
  };
  const stats = kernelStats(device);
  const bind = (p: GPUComputePipeline, buffers: GPUBuffer[]) => bindAll(device, p, buffers);

  /** Step 1: Jacobi on C and 1 − C of every block; returns the eigenvector buffer and the diagonals. */
  async function eigenvectors(blocks: readonly HermitianBlock[], m: number, temps: GPUBuffer[]) {
    const B2 = 2 * blocks.length;
    const mm = m * m;
    const identities = new Float32Array(B2 * mm * 2);
    for (let b = 0; b < B2; b++) for (let i = 0; i < m; i++) identities[2 * (b * mm + i * m + i)] = 1;
    const A = upload(device, packBlocks(blocks.flatMap((x) => [x, complement(x, m)]), m, 2));
    const A2 = device.createBuffer({ size: A.size, usage: storage() });
    const V = upload(device, identities);
    const V2 = device.createBuffer({ size: V.size, usage: storage() });
    const diag = device.createBuffer({ size: B2 * m * 4, usage: storage() });
    const dparams = upload(device, new Uint32Array([m, B2]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const read = device.createBuffer({ size: B2 * m * 4 + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    temps.push(A, A2, V, V2, diag, dparams, read);
    const timer = passTimer(device);
    try {
      let done!: ReturnType<typeof jacobi.encode>;
      await submitValidated(device, () => {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass(timer.descriptor);
        done = jacobi.encode(pass, m, B2, sweeps, [A, A2], [V, V2]);
        temps.push(...done.temporaries);
        pass.setPipeline(diagonal);
        pass.setBindGroup(0, bind(diagonal, [done.a, diag, dparams]));
        pass.dispatchWorkgroups(Math.ceil((B2 * m) / 64));
        pass.end();
        enc.copyBufferToBuffer(diag, 0, read, 0, B2 * m * 4);
        timer.resolve(enc, read, B2 * m * 4);
        device.queue.submit([enc.finish()]);
      });
      const bytes = await readBack(ctx, read);
      record(stats, "GPU: f32 Jacobi with eigenvectors (C and 1 − C)", timer.seconds(bytes, B2 * m * 4), done.flops);
      return { vectors: done.v!, diagonals: new Float32Array(bytes, 0, B2 * m) };
    } finally {
      timer.destroy();
    }
  }

  /** Step 2: per block, the n_low lowest eigenvectors of C and the rest from 1 − C (as s·m + column). */
  function pickColumns(diagonals: Float32Array, B: number, m: number): Uint32Array<ArrayBuffer> {
    const pick = new Uint32Array(B * m);
    const ascending = (d: Float32Array) => Array.from({ length: m }, (_, i) => i).sort((x, y) => d[x] - d[y]);
    for (let b = 0; b < B; b++) {
      const ofC = diagonals.subarray(2 * b * m, (2 * b + 1) * m);
      const ofComplement = diagonals.subarray((2 * b + 1) * m, (2 * b + 2) * m);
      const low = ofC.reduce((count, x) => count + (x <= 0.5 ? 1 : 0), 0);
      const c = ascending(ofC);
      const q = ascending(ofComplement);
      for (let k = 0; k < m; k++) pick[b * m + k] = k < low ? c[k] : m + q[k - low];
    }
    return pick;
  }

  /** Steps 3 and 4. */
  async function refine(blocks: readonly HermitianBlock[], m: number, vectors: GPUBuffer, pick: Uint32Array<ArrayBuffer>, temps: GPUBuffer[]) {
    const B = blocks.length;
    const mm = m * m;
    const picks = upload(device, pick);
    const X = device.createBuffer({ size: B * mm * 8, usage: storage() });
    const Adf = upload(device, packBlocks(blocks, m, 4));
    const [Y, S, G] = [0, 1, 2].map(() => device.createBuffer({ size: B * mm * 16, usage: storage() }));
    const params = upload(device, new Uint32Array([m, 0, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const read = device.createBuffer({ size: 2 * B * mm * 16 + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    temps.push(picks, X, Adf, Y, S, G, params, read);
    const timer = passTimer(device);
    let bytes: ArrayBuffer;
    try {
      await submitValidated(device, () => {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass(timer.descriptor);
        const groups = Math.ceil(m / TILE);
        pass.setPipeline(gather);
        pass.setBindGroup(0, bind(gather, [vectors, picks, X, params]));
        pass.dispatchWorkgroups(groups, groups, B);
        products.encode(pass, m, B, { a: Adf, x: X, y: Y, s: S, g: G, params });
        pass.end();
        enc.copyBufferToBuffer(S, 0, read, 0, B * mm * 16);
        enc.copyBufferToBuffer(G, 0, read, B * mm * 16, B * mm * 16);
        timer.resolve(enc, read, 2 * B * mm * 16);
        device.queue.submit([enc.finish()]);
      });
      bytes = await readBack(ctx, read);
      record(stats, "GPU: df64 X̂†AX̂ and X̂†X̂", timer.seconds(bytes, 2 * B * mm * 16), products.flops(m, B));
    } finally {
      timer.destroy();
    }
    const words = new Float32Array(bytes, 0, 2 * B * mm * 4);
    const unpack = (offset: number) => {
      const re = new Float64Array(mm);
      const im = new Float64Array(mm);
      for (let e = 0; e < mm; e++) {
        re[e] = words[offset + 4 * e] + words[offset + 4 * e + 1];
        im[e] = words[offset + 4 * e + 2] + words[offset + 4 * e + 3];
      }
      return { re, im, n: m };
    };
    const t0 = performance.now();
    const out = blocks.map((_, b) => rayleighEntropy(unpack(4 * b * mm), unpack(4 * (B + b) * mm)));
    record(stats, "host: second-order refined Σh", (performance.now() - t0) / 1000, 0, false);
    return out;
  }

  async function runBatch(blocks: readonly HermitianBlock[], m: number): Promise<number[]> {
    const temps: GPUBuffer[] = [];
    try {
      const { vectors, diagonals } = await eigenvectors(blocks, m, temps);
      return await refine(blocks, m, vectors, pickColumns(diagonals, blocks.length, m), temps);
    } finally {
      for (const buf of temps) buf.destroy();
    }
  }

  const checkFits = (n: number) => {
    const m = paddedSize(n);
    if (capacity(m) < 1) {
      throw new DeviceLimitError(
        `--precision accurate: a ${n}×${n} bath block needs ${m * m * 16} bytes in one GPU buffer and ` +
        `${m * m * BYTES_PER_ELEMENT} in all; this device allows ${maxBinding} per buffer (use a smaller K, --precision fast or --engine cpu)`,
        m * m * 16, maxBinding,
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
