/**
 * Fast mode's graded Rayleigh–Ritz on the GPU, all f32 (src/spectrum/graded-ritz.ts gives the
 * algorithm and its f32 emulation; the steps here are the same): per block, from its factor B
 * ([K, N], rows of conj(U)) and n, in one submission:
 *   B from its time's vectors (factor-former.ts: form-factor.wgsl, df64; or the host's f64 B uploaded);
 *   C = B·diag(n)·B† (f32-gemm.wgsl); Jacobi with vectors (jacobi-round.wgsl, jacobi-vectors.wgsl);
 *   P = V†·B; G = P·diag(n)·P†; Ḡ = P·diag(1 − n)·P†; M = V†·V; Gc, T̃ (ritz-blocks.wgsl);
 *   H = T̃·Gc·T̃†; Jacobi values of H (jacobi-diagonal.wgsl gathers them).
 * Only H's m values a block come back; S = Σ h over them (h(λ) = h(1 − λ) for the high group).
 * θ = 0 switches the refinement off: Jacobi's own f32 values of C come back (for tests and benchmarks).
 */
import { DeviceLimitError } from "../../errors.ts";
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { createJacobiSweeps } from "./jacobi-sweeps.ts";
import { createGemm } from "./f32-gemm.ts";
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

export async function createGradedRitz(ctx: GpuContext, options: { sweeps?: number; ritzSweeps?: number; theta?: number; factors?: "auto" | "gpu" | "host" } = {}): Promise<GradedRitz> {
  const { device } = ctx;
  const sweeps = options.sweeps ?? GRADED_DEFAULTS.sweeps;
  const ritzSweeps = options.ritzSweeps ?? GRADED_DEFAULTS.ritzSweeps;
  const theta = options.theta ?? GRADED_DEFAULTS.theta;
  const jacobi = await createJacobiSweeps(ctx);
  await jacobi.ready();
  const gemm = await createGemm(ctx);
  const former = await createFactorFormer(ctx, options.factors);
  const blocks_ = await computePipeline(device, await shaderSource("ritz-blocks"), { TILE });
  const diagonal = await computePipeline(device, await shaderSource("jacobi-diagonal"));
  const stats = kernelStats(device);
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  // B and P: m·D complex a block; C, its scratch, V, its scratch, G, Ḡ, M, T̃·Gc: m² each
  // (one block a batch even past BATCH_BYTES, where its buffers fit the binding limit: K = 4000 needs 1.5 GB)
  const capacity = (m: number, D: number) => Math.min(
    Math.floor(maxBinding / (m * D * 8)), Math.max(1, Math.floor(BATCH_BYTES / (16 * m * D + 64 * m * m))), maxMatricesPerDispatch(device),
    Math.floor((maxMatricesPerDispatch(device) * 64) / m),
  );

  async function run(blocks: readonly FactorBlock[], m: number, D: number): Promise<Float64Array[]> {
    const Bn = blocks.length;
    if (capacity(m, D) < Bn) throw new DeviceLimitError(`graded Ritz: ${Bn} blocks of ${m}×${D} do not fit one batch (at most ${capacity(m, D)})`, Bn, capacity(m, D));
    const wn = new Float32Array(Bn * D);
    const wbar = new Float32Array(Bn * D);
    const eye = new Float32Array(Bn * m * m * 2);
    blocks.forEach(({ n }, b) => {
      const N = n.length;
      for (let k = 0; k < N; k++) {
        wn[b * D + k] = n[k];
        wbar[b * D + k] = 1 - n[k];
      }
      for (let i = 0; i < m; i++) eye[2 * (b * m * m + i * m + i)] = 1;
    });
    const mm = Bn * m * m * 8;
    const factors = former.prepare(blocks, m, D);
    const Bbuf = factors.B;
    const P = device.createBuffer({ size: Bbuf.size, usage: storage() });
    const [wN, wBar, V0] = [upload(device, wn), upload(device, wbar), upload(device, eye)];
    const [A0, A1, V1, G, Gbar, M, X1] = Array.from({ length: 7 }, () => device.createBuffer({ size: mm, usage: storage() }));
    const diagOut = device.createBuffer({ size: Bn * m * 4, usage: storage() });
    const params = upload(device, new Uint32Array([m, Bn]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const rparams = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(rparams, 0, new Uint32Array([m, 0]));
    device.queue.writeBuffer(rparams, 4, new Float32Array([theta]));
    const read = device.createBuffer({ size: Bn * m * 4 + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const timer = passTimer(device);
    const temporaries: GPUBuffer[] = [];
    let flops = 0;
    const mul = (pass: GPUComputePassEncoder, c: Parameters<typeof gemm.encode>[1]) => {
      const r = gemm.encode(pass, c);
      flops += r.flops;
      temporaries.push(...r.temporaries);
    };
    try {
      // steps 2–4 of graded-ritz.ts: the Ritz matrices from the factor, their blocks, H's values
      const refine = (pass: GPUComputePassEncoder, a: GPUBuffer, V: GPUBuffer) => {
        mul(pass, { X: V, Y: Bbuf, Z: P, rows: m, cols: D, depth: m, batch: Bn, conjX: true });
        mul(pass, { X: P, Y: P, w: wN, Z: G, rows: m, cols: m, depth: D, batch: Bn, conjY: true });
        mul(pass, { X: P, Y: P, w: wBar, Z: Gbar, rows: m, cols: m, depth: D, batch: Bn, conjY: true });
        mul(pass, { X: V, Y: V, Z: M, rows: m, cols: m, depth: m, batch: Bn, conjX: true });
        pass.setPipeline(blocks_);
        pass.setBindGroup(0, device.createBindGroup({
          layout: blocks_.getBindGroupLayout(0),
          entries: [a, G, Gbar, M, rparams].map((buffer, binding) => ({ binding, resource: { buffer } })),
        }));
        pass.dispatchWorkgroups(Math.ceil(m / TILE), Math.ceil(m / TILE), Bn);
        mul(pass, { X: M, Y: G, Z: X1, rows: m, cols: m, depth: m, batch: Bn });
        mul(pass, { X: X1, Y: M, Z: Gbar, rows: m, cols: m, depth: m, batch: Bn, conjY: true });
        const second = jacobi.encode(pass, m, Bn, ritzSweeps, [Gbar, X1]);
        flops += second.flops;
        temporaries.push(...second.temporaries);
        return second.a;
      };
      await submitValidated(device, () => {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass(timer.descriptor);
        factors.encode(pass);
        mul(pass, { X: Bbuf, Y: Bbuf, w: wN, Z: A0, rows: m, cols: m, depth: D, batch: Bn, conjY: true });
        const first = jacobi.encode(pass, m, Bn, sweeps, [A0, A1], theta > 0 ? [V0, V1] : undefined);
        flops += first.flops;
        temporaries.push(...first.temporaries);
        let values = first.a;
        if (theta > 0) values = refine(pass, first.a, first.v!);
        pass.setPipeline(diagonal);
        pass.setBindGroup(0, device.createBindGroup({
          layout: diagonal.getBindGroupLayout(0),
          entries: [values, diagOut, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
        }));
        pass.dispatchWorkgroups(Math.ceil((Bn * m) / 64));
        pass.end();
        enc.copyBufferToBuffer(diagOut, 0, read, 0, Bn * m * 4);
        timer.resolve(enc, read, Bn * m * 4);
        device.queue.submit([enc.finish()]);
      });
      const bytes = await readBack(ctx, read);
      record(stats, "GPU: graded Rayleigh–Ritz (f32: C, Jacobi with vectors, Ritz matrices, Jacobi values)", timer.seconds(bytes, Bn * m * 4), flops);
      stats.submissions++;
      const diag = new Float32Array(bytes, 0, Bn * m);
      return blocks.map((_, b) => Float64Array.from(diag.subarray(b * m, (b + 1) * m)));
    } finally {
      for (const buf of [...factors.buffers, P, wN, wBar, V0, A0, A1, V1, G, Gbar, M, X1, diagOut, params, rparams, read, ...temporaries]) buf.destroy();
      timer.destroy();
    }
  }
  return { run, capacity, stats, factors: former.where };
}
