/**
 * Fast mode's graded Rayleigh–Ritz on the GPU, all f32 (src/spectrum/graded-ritz.ts gives the
 * algorithm and its f32 emulation; the steps here are the same): per block, from its factor B
 * ([K, N], rows of conj(U)) and n, in one submission:
 *   B from its time's vectors (factor-former.ts: form-factor.wgsl, df64; or the host's f64 B uploaded);
 *   C = B·diag(n)·B† (f32-gemm.wgsl); its eigenpairs by Householder (householder-f32.wgsl, reflectors
 *   kept), implicit QL on T (tridiagonal-ql.wgsl, values ascending) and V = Q·D·Z
 *   (householder-wy.wgsl, householder-back-blocked.wgsl); P = V†·B; G = P·diag(n)·P†;
 *   Ḡ = P·diag(1 − n)·P†; M = V†·V; Gc, T̃ (ritz-blocks.wgsl); H = T̃·Gc·T̃†; H's diagonal and its two
 *   tiny blocks (ritz-tiny.wgsl), whose values come from householder-f32.wgsl + tridiagonal-bisection.wgsl.
 * Only m values a block come back; S = Σ h over them (h(λ) = h(1 − λ) for the high group).
 * θ = 0 switches the refinement off: QL's own f32 values of C come back (for tests and benchmarks).
 */
import { DeviceLimitError } from "../../errors.ts";
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { createGemm } from "./f32-gemm.ts";
import { createF32Tridiagonal } from "./f32-tridiagonal.ts";
import { createTridiagonalQL, qlFlops, qlStatus } from "./tridiagonal-ql.ts";
import { probeDf64 } from "./df64-probe.ts";
import { BATCH_BYTES, kernelStats, type KernelStats, maxMatricesPerDispatch, passTimer, readBack, record, storage, submitValidated, upload } from "./gpu-batch.ts";
import { GRADED_DEFAULTS } from "../../spectrum/graded-ritz.ts";
import { createFactorFormer, type FactorBlock } from "./factor-former.ts";

export type { FactorBlock };

export interface GradedRitz {
  /** per block, H's m eigenvalues (f32 accuracy relative to each group's norm), unsorted; all blocks padded to m rows, D ≥ every N columns */
  run(blocks: readonly FactorBlock[], m: number, D: number): Promise<Float64Array[]>;
  /** blocks of m rows and D columns one batch holds */
  capacity(m: number, D: number): number;
  readonly stats: KernelStats;
  /** where B is formed (factor-former.ts) */
  readonly factors: "gpu" | "host";
}

const TILE = 8;
/** threads of ritz-tiny.wgsl's workgroup (one a matrix) */
const TINY_WG = 64;

export async function createGradedRitz(ctx: GpuContext, options: { theta?: number; tiny?: number; factors?: "auto" | "gpu" | "host" } = {}): Promise<GradedRitz> {
  const { device } = ctx;
  const theta = options.theta ?? GRADED_DEFAULTS.theta;
  const tiny = options.tiny ?? GRADED_DEFAULTS.tiny;
  const gemm = await createGemm(ctx);
  // the bisection is df64 (exact where the adapter allows; elsewhere f32-exact, which the tiny blocks'
  // own scale makes enough)
  const exact = await probeDf64(ctx).catch(() => ({ DEKKER: 0 }));
  const tridiagonal = await createF32Tridiagonal(ctx, { exact });
  const ql = await createTridiagonalQL(ctx);
  const former = await createFactorFormer(ctx, options.factors);
  const blocks_ = await computePipeline(device, await shaderSource("ritz-blocks"), { TILE });
  const tinyPipeline = await computePipeline(device, await shaderSource("ritz-tiny"), { WG: TINY_WG });
  const stats = kernelStats(device);
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  // B and P: m·D complex a block; C (then the reflectors), V, G, Ḡ, M, T̃·Gc: m² complex each; the
  // tiny blocks 2m² complex; Z m² f32 (one block a batch even past BATCH_BYTES, where its buffers fit
  // the binding limit: K = 4000 needs 1.5 GB)
  const capacity = (m: number, D: number) => Math.min(
    Math.floor(maxBinding / (m * D * 8)), Math.floor(maxBinding / (16 * m * m)), ql.capacity(m),
    Math.max(1, Math.floor(BATCH_BYTES / (16 * m * D + 68 * m * m))), Math.floor(maxMatricesPerDispatch(device) / 2),
    Math.floor((maxMatricesPerDispatch(device) * 64) / m),
  );

  async function run(blocks: readonly FactorBlock[], m: number, D: number): Promise<Float64Array[]> {
    const Bn = blocks.length;
    if (capacity(m, D) < Bn) throw new DeviceLimitError(`graded Ritz: ${Bn} blocks of ${m}×${D} do not fit one batch (at most ${capacity(m, D)})`, Bn, capacity(m, D));
    const wn = new Float32Array(Bn * D);
    const wbar = new Float32Array(Bn * D);
    blocks.forEach(({ n }, b) => {
      const N = n.length;
      for (let k = 0; k < N; k++) {
        wn[b * D + k] = n[k];
        wbar[b * D + k] = 1 - n[k];
      }
    });
    const mm = Bn * m * m * 8;
    const factors = former.prepare(blocks, m, D);
    const Bbuf = factors.B;
    const P = device.createBuffer({ size: Bbuf.size, usage: storage() });
    const [wN, wBar] = [upload(device, wn), upload(device, wbar)];
    const [A0, V, G, Gbar, M, X1] = Array.from({ length: 6 }, () => device.createBuffer({ size: mm, usage: storage() }));
    const tinyBlocks = device.createBuffer({ size: 2 * mm, usage: storage() });
    const diagOut = device.createBuffer({ size: Bn * m * 4, usage: storage() });
    const sizes = device.createBuffer({ size: Math.max(16, 2 * Bn * 4), usage: storage() });
    const rparams = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(rparams, 0, new Uint32Array([m, 0]));
    device.queue.writeBuffer(rparams, 4, new Float32Array([theta]));
    const tparams = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(tparams, 0, new Uint32Array([m, Bn]));
    device.queue.writeBuffer(tparams, 8, new Float32Array([tiny]));
    // read back: the diagonal (f32) or QL's values, the tiny blocks' values (df64), their sizes, QL's status
    const [diagBytes, eigBytes, sizeBytes, statusBytes] = [Bn * m * 4, 2 * Bn * m * 8, 2 * Bn * 4, Bn * 16];
    const read = device.createBuffer({ size: diagBytes + eigBytes + sizeBytes + statusBytes + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const timer = passTimer(device);
    const temporaries: GPUBuffer[] = [];
    let flops = 0;
    const mul = (pass: GPUComputePassEncoder, c: Parameters<typeof gemm.encode>[1]) => {
      const r = gemm.encode(pass, c);
      flops += r.flops;
      temporaries.push(...r.temporaries);
    };
    const bind = (pipeline: GPUComputePipeline, buffers: GPUBuffer[]) => device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    try {
      let eig: GPUBuffer | undefined;
      await submitValidated(device, () => {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass(timer.descriptor);
        // 1. B, C and C's f32 eigenpairs, values ascending
        factors.encode(pass);
        mul(pass, { X: Bbuf, Y: Bbuf, w: wN, Z: A0, rows: m, cols: m, depth: D, batch: Bn, conjY: true });
        const red = tridiagonal.reduce(pass, A0, m, Bn, { keepReflectors: theta > 0 });
        const q = ql.encode(pass, red.tri, m, Bn);
        flops += red.flops;
        temporaries.push(...red.temporaries, q.values, q.Z, q.status, ...q.temporaries);
        if (theta > 0) {
          const back = tridiagonal.backTransform(pass, A0, red.reflectors!, q.Z, V, m, Bn);
          flops += back.flops;
          temporaries.push(...back.temporaries);
          // 2–3. the Ritz matrices from the factor, their blocks, H
          mul(pass, { X: V, Y: Bbuf, Z: P, rows: m, cols: D, depth: m, batch: Bn, conjX: true });
          mul(pass, { X: P, Y: P, w: wN, Z: G, rows: m, cols: m, depth: D, batch: Bn, conjY: true });
          mul(pass, { X: P, Y: P, w: wBar, Z: Gbar, rows: m, cols: m, depth: D, batch: Bn, conjY: true });
          mul(pass, { X: V, Y: V, Z: M, rows: m, cols: m, depth: m, batch: Bn, conjX: true });
          pass.setPipeline(blocks_);
          pass.setBindGroup(0, bind(blocks_, [q.values, G, Gbar, M, rparams]));
          pass.dispatchWorkgroups(Math.ceil(m / TILE), Math.ceil(m / TILE), Bn);
          mul(pass, { X: M, Y: G, Z: X1, rows: m, cols: m, depth: m, batch: Bn });
          mul(pass, { X: X1, Y: M, Z: Gbar, rows: m, cols: m, depth: m, batch: Bn, conjY: true });
          // 4. H's diagonal, its tiny blocks' values
          pass.setPipeline(tinyPipeline);
          pass.setBindGroup(0, bind(tinyPipeline, [q.values, Gbar, diagOut, tinyBlocks, sizes, tparams]));
          pass.dispatchWorkgroups(Bn);
          const ev = tridiagonal.eigenvalues(pass, tinyBlocks, m, 2 * Bn, sizes);
          flops += ev.flops;
          temporaries.push(...ev.temporaries);
          eig = ev.eig;
        }
        pass.end();
        let at = 0;
        enc.copyBufferToBuffer(theta > 0 ? diagOut : q.values, 0, read, at, diagBytes);
        at += diagBytes;
        if (eig) enc.copyBufferToBuffer(eig, 0, read, at, eigBytes);
        at += eigBytes;
        enc.copyBufferToBuffer(sizes, 0, read, at, sizeBytes);
        at += sizeBytes;
        enc.copyBufferToBuffer(q.status, 0, read, at, statusBytes);
        at += statusBytes;
        timer.resolve(enc, read, at);
        device.queue.submit([enc.finish()]);
      });
      const bytes = await readBack(ctx, read);
      const diag = new Float32Array(bytes, 0, Bn * m);
      const tinyValues = new Float32Array(bytes, diagBytes, 4 * Bn * m);
      const counts = new Uint32Array(bytes, diagBytes + eigBytes, 2 * Bn);
      const qs = qlStatus(new Uint32Array(bytes, diagBytes + eigBytes + sizeBytes, 4 * Bn));
      const failed = qs.findIndex((x) => x.failed);
      if (failed >= 0) throw new Error(`--precision fast: the f32 QL eigensolver did not converge on block ${failed} of a batch (K = ${blocks[failed].K}); use --precision accurate or --engine cpu`);
      flops += qlFlops(qs, m);
      record(stats, "GPU: graded Rayleigh–Ritz (f32: C, Householder + QL + back-transformation, Ritz matrices, tiny blocks' values)", timer.seconds(bytes, diagBytes + eigBytes + sizeBytes + statusBytes), flops);
      stats.submissions++;
      return blocks.map((_, b) => {
        const out = Float64Array.from(diag.subarray(b * m, (b + 1) * m));
        if (theta === 0) return out;
        const df = (mat: number, k: number) => tinyValues[2 * (mat * m + k)] + tinyValues[2 * (mat * m + k) + 1];
        const [lo, hi] = [counts[b], counts[Bn + b]];
        for (let k = 0; k < lo; k++) out[k] = df(b, k);
        for (let k = 0; k < hi; k++) out[m - hi + k] = df(Bn + b, k);
        return out;
      });
    } finally {
      for (const buf of [...factors.buffers, P, wN, wBar, A0, V, G, Gbar, M, X1, tinyBlocks, diagOut, sizes, rparams, tparams, read, ...temporaries]) buf.destroy();
      timer.destroy();
    }
  }
  return { run, capacity, stats, factors: former.where };
}
