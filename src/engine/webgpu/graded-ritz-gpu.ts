/**
 * Fast mode's graded Rayleigh–Ritz on the GPU, all f32 (src/spectrum/graded-ritz.ts gives the
 * algorithm and its f32 emulation; the steps here are the same): per block, from its factor B
 * ([K, N], rows of conj(U)) and n, in one submission:
 *   B from its time's vectors (factor-former.ts: form-factor.wgsl, df64; or the host's f64 B uploaded);
 *   C = B·diag(n)·B† (f32-gemm.wgsl); its eigenpairs by Householder (householder-f32.wgsl, reflectors
 *   kept), implicit QL on T (tridiagonal-ql.wgsl, values ascending) and V = Q·D·Z
 *   (householder-wy.wgsl, householder-back-blocked.wgsl); P = V†·B; the tiny blocks' sizes lo, hi
 *   (ritz-sizes.wgsl); then, on the leading lo×lo block only, Gc = P·diag(n)·P† and on the trailing
 *   hi×hi block Gc = P·diag(1 − n)·P†, M = V†·V on both, T̃ = (3I − M)/2 there (ritz-blocks.wgsl) and
 *   H = T̃·Gc·T̃† there (ranged products, f32-gemm.wgsl: the grid is the full one, the work is the
 *   blocks'); H's diagonal elsewhere from three diagonals (ritz-diagonal.wgsl); the two blocks copied out
 *   (ritz-tiny.wgsl) and their values from householder-f32.wgsl + tridiagonal-bisection.wgsl.
 * Only m values a block come back; S = Σ h over them (h(λ) = h(1 − λ) for the high group). Each stage
 * is a compute pass of its own, timed (where the device has timestamps) and recorded with its flops
 * (STAGES; the tiny blocks' counted on the host from the sizes read back, ritzFlops).
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

/**
 * f32 flops of a block's Ritz stage between P = V†·B and the tiny blocks' eigenvalues (m rows, D
 * columns, tiny blocks lo and hi): the ranged products on the blocks' entries (a 64 × 64 tile partly
 * outside a block computes there too and stores nothing: not counted) and the diagonal kernel (|p|²
 * and two weighted compensated sums, 15 flops a term of P; 7 a term of V).
 */
export function ritzFlops(m: number, D: number, lo: number, hi: number): number {
  const sq = lo * lo + hi * hi;
  const cube = lo ** 3 + hi ** 3;
  return 8 * sq * D + 8 * sq * m + 16 * cube + 15 * m * D + 7 * m * m;
}

export interface GradedRitz {
  /** per block, H's m eigenvalues (f32 accuracy relative to each group's norm), unsorted; all blocks padded to m rows, D ≥ every N columns */
  run(blocks: readonly FactorBlock[], m: number, D: number): Promise<Float64Array[]>;
  /** blocks of m rows and D columns one batch holds */
  capacity(m: number, D: number): number;
  readonly stats: KernelStats;
  /** where B is formed (factor-former.ts) */
  readonly factors: "gpu" | "host";
}

/** The run's compute passes, one a stage, each timed and recorded as its own stage of the statistics. */
const STAGES = [
  "B and C = B·diag(n)·B†", "Householder reduction of C", "QL with vectors", "back-transformation V = Q·D·Z", "P = V†·B",
  "tiny blocks' sizes, Ritz matrices on them, H's diagonal", "tiny blocks' values (Householder + df64 bisection)",
] as const;

const TILE = 8;
/** threads of ritz-sizes.wgsl's and ritz-tiny.wgsl's workgroups (one a matrix) and of ritz-diagonal.wgsl's */
const TINY_WG = 64;

export async function createGradedRitz(
  ctx: GpuContext, options: { theta?: number; tiny?: number; factors?: "auto" | "gpu" | "host"; stats?: KernelStats; batchBytes?: number } = {},
): Promise<GradedRitz> {
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
  const sizesPipeline = await computePipeline(device, await shaderSource("ritz-sizes"), { WG: TINY_WG });
  const blocks_ = await computePipeline(device, await shaderSource("ritz-blocks"), { TILE });
  const diagonal = await computePipeline(device, await shaderSource("ritz-diagonal"), { WG: TINY_WG });
  const tinyPipeline = await computePipeline(device, await shaderSource("ritz-tiny"), { WG: TINY_WG });
  const stats = options.stats ?? kernelStats(device);
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  // B and P: m·D complex a block; C (then the reflectors, T̃·Gc and last the tiny blocks) 2m² complex;
  // V, Gc (then H), M (then T̃): m² complex each; Z m² f32: ~76 MB a K = 1000 block. A batch holds
  // `batchBytes` (one time's two blocks even past it, where their buffers fit the binding limit:
  // K = 4000 needs 1.2 GB a block). The kernels with one workgroup a block (the Householder
  // reduction, QL's rotation chain) fill a GPU only with a block per multiprocessor or more (132 on an
  // H100: 10 GB a batch at K = 1000), which the default leaves to the caller's choice
  const batchBytes = options.batchBytes ?? Math.max(BATCH_BYTES, maxBinding);
  const capacity = (m: number, D: number) => Math.min(
    Math.floor(maxBinding / (m * D * 8)), Math.floor(maxBinding / (16 * m * m)), ql.capacity(m),
    Math.max(2, Math.floor(batchBytes / (16 * m * D + 44 * m * m))), Math.floor(maxMatricesPerDispatch(device) / 2),
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
    // A0: C, its reflectors, then T̃·Gc, then the tiny blocks ([2B, m, m]); G: Gc, then H; M: M, then T̃
    // (the ranged products write the tiny blocks only: what lies elsewhere is never read)
    const A0 = device.createBuffer({ size: 2 * mm, usage: storage() });
    const [V, G, M] = Array.from({ length: 3 }, () => device.createBuffer({ size: mm, usage: storage() }));
    const diagOut = device.createBuffer({ size: Bn * m * 4, usage: storage() });
    const sizes = device.createBuffer({ size: Math.max(16, 2 * Bn * 4), usage: storage() });
    const ranges = device.createBuffer({ size: Math.max(16, 2 * Bn * 8), usage: storage() });
    const dparams = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(dparams, 0, new Uint32Array([m, D]));
    device.queue.writeBuffer(dparams, 8, new Float32Array([theta]));
    const tparams = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(tparams, 0, new Uint32Array([m, Bn]));
    device.queue.writeBuffer(tparams, 8, new Float32Array([tiny]));
    // read back: the diagonal (f32) or QL's values, the tiny blocks' values (df64), their sizes, QL's status
    const [diagBytes, eigBytes, sizeBytes, statusBytes] = [Bn * m * 4, 2 * Bn * m * 8, 2 * Bn * 4, Bn * 16];
    // one compute pass a stage, each timed (refined: all of STAGES; θ = 0: the first three)
    const passes = theta > 0 ? STAGES.length : 3;
    const read = device.createBuffer({ size: diagBytes + eigBytes + sizeBytes + statusBytes + 16 * passes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const timer = passTimer(device, passes);
    const temporaries: GPUBuffer[] = [];
    // flops by stage; a ranged product's are counted from the sizes read back (ritzFlops), not here
    const flops = new Array<number>(passes).fill(0);
    const mul = (stage: number, pass: GPUComputePassEncoder, c: Parameters<typeof gemm.encode>[1]) => {
      const r = gemm.encode(pass, c);
      if (!c.range) flops[stage] += r.flops;
      temporaries.push(...r.temporaries);
    };
    const bind = (pipeline: GPUComputePipeline, buffers: GPUBuffer[]) => device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    try {
      let eig: GPUBuffer | undefined;
      let values!: GPUBuffer, status!: GPUBuffer;
      await submitValidated(device, () => {
        const enc = device.createCommandEncoder();
        const stage = (i: number, encode: (pass: GPUComputePassEncoder) => void) => {
          const pass = enc.beginComputePass(timer.descriptorOf(i));
          encode(pass);
          pass.end();
        };
        // 1. B, C and C's f32 eigenpairs, values ascending
        stage(0, (pass) => {
          factors.encode(pass);
          mul(0, pass, { X: Bbuf, Y: Bbuf, w: wN, Z: A0, rows: m, cols: m, depth: D, batch: Bn, conjY: true, hermitian: true });
        });
        let red!: ReturnType<typeof tridiagonal.reduce>;
        stage(1, (pass) => {
          red = tridiagonal.reduce(pass, A0, m, Bn, { keepReflectors: theta > 0 });
          flops[1] += red.flops;
          temporaries.push(...red.temporaries);
        });
        let Z!: GPUBuffer;
        stage(2, (pass) => {
          const q = ql.encode(pass, red.tri, m, Bn);
          temporaries.push(q.values, q.Z, q.status, ...q.temporaries);
          [values, status, Z] = [q.values, q.status, q.Z];
        });
        if (theta > 0) {
          stage(3, (pass) => {
            const r = tridiagonal.backTransform(pass, A0, red.reflectors!, Z, V, m, Bn);
            flops[3] += r.flops;
            temporaries.push(...r.temporaries);
          });
          // 2. P
          stage(4, (pass) => mul(4, pass, { X: V, Y: Bbuf, Z: P, rows: m, cols: D, depth: m, batch: Bn, conjX: true }));
          // 3. the tiny blocks' sizes; on the leading block (ranges 0 … B − 1) and the trailing one
          // (B … 2B − 1): Gc, M, T̃, H; H's diagonal; the blocks copied out
          stage(5, (pass) => {
            pass.setPipeline(sizesPipeline);
            pass.setBindGroup(0, bind(sizesPipeline, [values, sizes, ranges, tparams]));
            pass.dispatchWorkgroups(Bn);
            const low = { buffer: ranges, base: 0 }, high = { buffer: ranges, base: Bn };
            const square = { rows: m, cols: m, batch: Bn };
            mul(5, pass, { ...square, X: P, Y: P, w: wN, Z: G, depth: D, conjY: true, range: low, hermitian: true });
            mul(5, pass, { ...square, X: P, Y: P, w: wBar, Z: G, depth: D, conjY: true, range: high, hermitian: true });
            for (const range of [low, high]) mul(5, pass, { ...square, X: V, Y: V, Z: M, depth: m, conjX: true, range, hermitian: true });
            pass.setPipeline(blocks_);
            pass.setBindGroup(0, bind(blocks_, [sizes, M, tparams]));
            pass.dispatchWorkgroups(Math.ceil(m / TILE), Math.ceil(m / TILE), Bn);
            for (const r of [low, high]) mul(5, pass, { ...square, X: M, Y: G, Z: A0, depth: m, range: { ...r, depth: true } });
            for (const r of [low, high]) mul(5, pass, { ...square, X: A0, Y: M, Z: G, depth: m, conjY: true, range: { ...r, depth: true }, hermitian: true });
            pass.setPipeline(diagonal);
            pass.setBindGroup(0, bind(diagonal, [values, P, V, wN, wBar, diagOut, dparams]));
            pass.dispatchWorkgroups(Math.ceil(m / TINY_WG), Bn);
            pass.setPipeline(tinyPipeline);
            pass.setBindGroup(0, bind(tinyPipeline, [G, A0, sizes, tparams]));
            pass.dispatchWorkgroups(Bn);
          });
          // 4. the tiny blocks' values
          stage(6, (pass) => {
            const ev = tridiagonal.eigenvalues(pass, A0, m, 2 * Bn, sizes);
            flops[6] += ev.flops;
            temporaries.push(...ev.temporaries);
            eig = ev.eig;
          });
        }
        let at = 0;
        enc.copyBufferToBuffer(theta > 0 ? diagOut : values, 0, read, at, diagBytes);
        at += diagBytes;
        if (eig) enc.copyBufferToBuffer(eig, 0, read, at, eigBytes);
        at += eigBytes;
        enc.copyBufferToBuffer(sizes, 0, read, at, sizeBytes);
        at += sizeBytes;
        enc.copyBufferToBuffer(status, 0, read, at, statusBytes);
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
      flops[2] += qlFlops(qs, m);
      if (theta > 0) for (let b = 0; b < Bn; b++) flops[5] += ritzFlops(m, D, counts[b], counts[Bn + b]);
      for (let i = 0; i < passes; i++) record(stats, `GPU: graded Rayleigh–Ritz, ${STAGES[i]} (f32)`, timer.seconds(bytes, diagBytes + eigBytes + sizeBytes + statusBytes, i), flops[i]);
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
      for (const buf of [...factors.buffers, P, wN, wBar, A0, V, G, M, diagOut, sizes, ranges, dparams, tparams, read, ...temporaries]) buf.destroy();
      timer.destroy();
    }
  }
  return { run, capacity, stats, factors: former.where };
}
