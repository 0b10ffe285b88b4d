/**
 * Fast mode's bath factors B on the GPU (shaders/form-factor.wgsl, in double-float) from each time's
 * O(N + G) vectors, so that the host computes only FactorVectors (O(N·G) a time) and uploads ~100 bytes
 * a mode instead of forming and uploading B (O(K·N), 16 MB a K = 1000 block). Where double-float does
 * not hold, or the kernel misses the host's f64 B on fixed cases, the host forms B as before.
 */
import type { ArrowheadEigen } from "../../spectrum/arrowhead.ts";
import { arrowheadEigen } from "../../spectrum/arrowhead.ts";
import { bathFactor, type FactorVectors, factorVectors } from "../../propagation/correlation-blocks.ts";
import { DeviceLimitError } from "../../errors.ts";
import type { GpuContext } from "./device.ts";
import { type Df64Constants, probeDf64 } from "./df64-probe.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { readBack, storage, upload } from "./gpu-batch.ts";
import { checkPoints } from "./check-cases.ts";

/**
 * One bath block of fast mode: rows start..start+K−1 (start ≥ 1) of conj(U) at one time, and C(0)'s
 * diagonal n (length N). Blocks of one time share `v` (the same object): it is packed once.
 */
export interface FactorBlock {
  /** ℋ's spectrum */
  e: ArrowheadEigen;
  /** the time's FactorVectors (factorVectors(e, t)) */
  v: FactorVectors;
  start: number;
  K: number;
  n: Float64Array;
}

/** B of a batch, in a buffer the caller's pass reads once `encode` has run in it (before its readers). */
export interface PreparedFactors {
  /** [Bn, m, D] complex f32 (re, im) row-major, zero-padded */
  B: GPUBuffer;
  encode(pass: GPUComputePassEncoder): void;
  /** every buffer made (B among them), to destroy after submission */
  buffers: GPUBuffer[];
  /** bytes written from the host */
  uploaded: number;
}

export interface FactorFormer {
  /** "gpu": form-factor.wgsl forms B from the vectors; "host": bathFactor on this thread, packed and uploaded */
  readonly where: "gpu" | "host";
  prepare(blocks: readonly FactorBlock[], m: number, D: number): PreparedFactors;
}

const WG = 64;

/** f64 → df64 pair (hi, lo) at out[at], out[at + 1] */
const put = (out: Float32Array, at: number, x: number) => {
  out[at] = x;
  out[at + 1] = x - out[at];
};

/** The vectors of the blocks' times (each once), as form-factor.wgsl reads them. */
export function packFactorVectors(blocks: readonly FactorBlock[]): {
  modes: Float32Array<ArrayBuffer>; groupOf: Uint32Array<ArrayBuffer>; groups: Float32Array<ArrayBuffer>; info: Uint32Array<ArrayBuffer>;
} {
  const bases = new Map<FactorVectors, [number, number]>();
  let modeCount = 0;
  let groupCount = 0;
  for (const { e, v } of blocks) {
    if (bases.has(v)) continue;
    bases.set(v, [modeCount, groupCount]);
    modeCount += e.N - 1;
    groupCount += e.D.length;
  }
  const modes = new Float32Array(4 * modeCount);
  // i32 in the shader; Uint32Array keeps −1 as its two's complement bits
  const groupOf = new Uint32Array(modeCount);
  const groups = new Float32Array(16 * groupCount);
  const done = new Set<FactorVectors>();
  const info = new Uint32Array(8 * blocks.length);
  blocks.forEach(({ e, v, start, K }, b) => {
    if (start < 1) throw new RangeError(`form-factor: block rows start at a bath mode (start ≥ 1), got ${start}`);
    const [mb, gb] = bases.get(v)!;
    info.set([start, K, e.N, mb, gb], 8 * b);
    if (done.has(v)) return;
    done.add(v);
    for (let k = 0; k < e.N - 1; k++) {
      put(modes, 4 * (mb + k), e.u[k]);
      modes[4 * (mb + k) + 2] = v.Qr[k];
      modes[4 * (mb + k) + 3] = v.Qi[k];
      groupOf[mb + k] = e.group[k];
    }
    for (let g = 0; g < e.D.length; g++) {
      const at = 16 * (gb + g);
      [v.Gr[g], v.Gi[g], v.Hr[g], v.Hi[g], v.Pr[g], v.Pi[g], e.D[g], e.Zhat[g]].forEach((x, j) => put(groups, at + 2 * j, x));
    }
  });
  return { modes, groupOf, groups, info };
}

/** B of the blocks formed on the host in f64 (bathFactor) and packed to f32 as the GPU path lays it out. */
export function packFactorsOnHost(blocks: readonly FactorBlock[], m: number, D: number): Float32Array<ArrayBuffer> {
  const packed = new Float32Array(blocks.length * m * D * 2);
  blocks.forEach(({ e, v, start, K }, b) => {
    const N = e.N;
    const B = bathFactor(e, 0, start, K, v);
    for (let i = 0; i < K; i++) {
      for (let k = 0; k < N; k++) {
        packed[2 * ((b * m + i) * D + k)] = B.re[i * N + k];
        packed[2 * ((b * m + i) * D + k) + 1] = B.im[i * N + k];
      }
    }
  });
  return packed;
}

/** Largest |B_gpu − B_f64| of the fixed cases over the largest |B_f64| of the entry's row the GPU path may miss by (f32 rounding is 6e−8). */
export const FACTOR_CHECK_BOUND = 4e-7;

/**
 * @param where "auto" (default): the GPU where double-float holds (probeDf64) and the kernel passes
 * its start-up check on fixed cases (checkPoints, and levels 1e−4 apart); else the host
 */
export async function createFactorFormer(ctx: GpuContext, where: "auto" | "gpu" | "host" = "auto"): Promise<FactorFormer> {
  const { device } = ctx;
  const host: FactorFormer = {
    where: "host",
    prepare(blocks, m, D) {
      const packed = packFactorsOnHost(blocks, m, D);
      const B = upload(device, packed);
      return { B, encode: () => {}, buffers: [B], uploaded: packed.byteLength };
    },
  };
  if (where === "host") return host;
  const exact = await probeDf64(ctx).catch((e: unknown) => {
    if (where === "gpu" || !(e instanceof DeviceLimitError)) throw e;
    return undefined;
  });
  if (!exact) return host;
  const gpu = await gpuFormer(ctx, exact);
  if (where === "gpu") return gpu;
  const cases = factorCheckBlocks();
  const got = await formFactors(ctx, gpu, cases.blocks, cases.m, cases.D);
  return factorError(got, cases.blocks, cases.m, cases.D) <= FACTOR_CHECK_BOUND ? gpu : host;
}

async function gpuFormer(ctx: GpuContext, exact: Df64Constants): Promise<FactorFormer> {
  const { device } = ctx;
  const pipeline = await computePipeline(device, (await shaderSource("df64")) + (await shaderSource("form-factor")), { WG, ...exact });
  return {
    where: "gpu",
    prepare(blocks, m, D) {
      const { modes, groupOf, groups, info } = packFactorVectors(blocks);
      const inputs = [upload(device, modes), upload(device, groupOf), upload(device, groups), upload(device, info)];
      const params = upload(device, new Uint32Array([m, D, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
      const B = device.createBuffer({ size: blocks.length * m * D * 8, usage: storage() });
      const encode = (pass: GPUComputePassEncoder) => {
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [...inputs, B, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
        }));
        pass.dispatchWorkgroups(Math.ceil(D / WG), m, blocks.length);
      };
      const uploaded = modes.byteLength + groupOf.byteLength + groups.byteLength + info.byteLength + 16;
      return { B, encode, buffers: [...inputs, params, B], uploaded };
    },
  };
}

/** B of the blocks as `former` makes it, read back: [Bn, m, D] complex f32 interleaved. */
export async function formFactors(ctx: GpuContext, former: FactorFormer, blocks: readonly FactorBlock[], m: number, D: number): Promise<Float32Array> {
  const { device } = ctx;
  const prepared = former.prepare(blocks, m, D);
  const read = device.createBuffer({ size: prepared.B.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    prepared.encode(pass);
    pass.end();
    enc.copyBufferToBuffer(prepared.B, 0, read, 0, prepared.B.size);
    device.queue.submit([enc.finish()]);
    return new Float32Array(await readBack(ctx, read));
  } finally {
    for (const buf of [...prepared.buffers, read]) buf.destroy();
  }
}

/**
 * Worst |got − B| over the largest |B| of the entry's row, B from bathFactor in f64; padding must be 0
 * (counted against a row scale of 1).
 */
export function factorError(got: Float32Array, blocks: readonly FactorBlock[], m: number, D: number): number {
  let worst = 0;
  blocks.forEach(({ e, v, start, K }, b) => {
    const N = e.N;
    const B = bathFactor(e, 0, start, K, v);
    for (let i = 0; i < m; i++) {
      let scale = i < K ? 0 : 1;
      for (let k = 0; i < K && k < N; k++) scale = Math.max(scale, Math.hypot(B.re[i * N + k], B.im[i * N + k]));
      for (let k = 0; k < D; k++) {
        const at = 2 * ((b * m + i) * D + k);
        const inside = i < K && k < N;
        const dr = got[at] - (inside ? B.re[i * N + k] : 0);
        const di = got[at + 1] - (inside ? B.im[i * N + k] : 0);
        worst = Math.max(worst, Math.hypot(dr, di) / scale);
      }
    }
  });
  return worst;
}

/**
 * The start-up check's blocks: both baths of checkPoints() (graded thermal; an uncoupled bath), and a
 * hand-made ℋ with levels 1e−4 apart, a degenerate pair and an uncoupled level, where f32 arithmetic
 * would lose ~4 digits of the cancelling entries.
 */
export function factorCheckBlocks(): { blocks: FactorBlock[]; m: number; D: number } {
  const blocks: FactorBlock[] = checkPoints().flatMap(({ plan, t }) => {
    const v = factorVectors(plan.spectrum, t);
    const { KL, KR } = plan.problem;
    return [[1, KL], [1 + KL, KR]].map(([start, K]) => ({ e: plan.spectrum, v, start, K, n: plan.n0 }));
  });
  const d = Float64Array.from([-2, -0.5, -0.4999, 0.3, 0.3, 1.1, 2.5, -1.3, -0.5, 0.7]);
  const z = Float64Array.from([0.4, 0.3, 0.5, 0.2, 0.35, 0, 0.25, 0.45, 0.15, 0.3]);
  const e = arrowheadEigen({ alpha: 0.1, d, z });
  const v = factorVectors(e, 37.3);
  const n = new Float64Array(e.N).fill(0.5);
  blocks.push({ e, v, start: 1, K: 6, n }, { e, v, start: 7, K: 4, n });
  return { blocks, m: 14, D: 29 };
}
