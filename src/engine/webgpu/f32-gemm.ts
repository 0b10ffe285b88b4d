/**
 * Batched complex f32 matrix products on the GPU (shaders/f32-gemm.wgsl, register-blocked, and
 * f32-gemm-small.wgsl for tiny ones): Z = op(X)·diag(w)·op(Y) for each matrix of a batch, op =
 * identity or conjugate transpose; fast mode's graded Rayleigh–Ritz.
 */
import type { GpuContext } from "./device.ts";
import { shaderSource } from "./shader-source.ts";
import { upload } from "./gpu-batch.ts";

/** One batched product: shapes of op(X) [rows, depth] and op(Y) [depth, cols], per matrix. */
export interface GemmCall {
  X: GPUBuffer;
  Y: GPUBuffer;
  Z: GPUBuffer;
  /** [batch, depth] weights on the inner index, or none */
  w?: GPUBuffer;
  rows: number;
  cols: number;
  depth: number;
  batch: number;
  conjX?: boolean;
  conjY?: boolean;
  /**
   * Only [r0, r1) × [r0, r1) of matrix b wanted, (r0, r1) = entry `base + b` of `buffer` ([·] vec2u,
   * written on the GPU); Z elsewhere is left as it was. `depth`: the inner index runs over [r0, r1)
   * too.
   */
  range?: { buffer: GPUBuffer; base?: number; depth?: boolean };
  /** Z square and Hermitian by construction (op(X)·diag(w)·op(X)†, or T̃·Gc·T̃†): the register kernel sums the lower triangle's tiles only and mirrors them */
  hermitian?: boolean;
}

export interface Gemm {
  /**
   * Encodes the product; returns its flops (8 a complex multiply–add, over the tiles summed; a ranged
   * product's are those of the whole product, an upper bound: its ranges are on the GPU) and the
   * buffers to destroy after submission.
   */
  encode(pass: GPUComputePassEncoder, call: GemmCall): { flops: number; temporaries: GPUBuffer[] };
}

/**
 * Which kernel a product gets: "register" (f32-gemm.wgsl: 64 × 64 tiles, 4 × 4 entries a thread),
 * "small" (f32-gemm-small.wgsl: 8 × 8 tiles, one entry a thread), or "auto": register tiles once
 * both sides of Z fill one (below, most of a 64 × 64 tile's threads would idle).
 */
export type GemmKernel = "auto" | "register" | "small";

/**
 * f32-gemm.wgsl's override constants: 16 × 16 threads, each a 4 × 4 block of entries (64 × 64 tiles:
 * ~64 registers of sums and corrections, ~16 of operands a thread), slices 16 deep: (64 + 64)·16·8 B =
 * 16 KiB of workgroup memory, WebGPU's default maxComputeWorkgroupStorageSize (no device has less),
 * half the barriers and global-load waits of 8-deep slices.
 */
const REGISTER_TILES = { TX: 16, TY: 16, TK: 16 } as const;

/** f32-gemm-small.wgsl's tile */
const SMALL_TILE = 8;

// pipelines by device, compiled on first use and kept: a register kernel's unrolled loop costs
// SwiftShader seconds to compile, and most callers use a few of the (kernel, conjX, conjY, weighted,
// ranged) kinds
const compiled = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

/**
 * Both kernels' bindings, given rather than reflected: an automatic layout may leave out the ranges
 * (binding 5) where RANGED is false, and one layout keeps the bind groups alike.
 */
function gemmLayout(device: GPUDevice): GPUPipelineLayout {
  const stage = GPUShaderStage.COMPUTE;
  const read = { visibility: stage, buffer: { type: "read-only-storage" as const } };
  return device.createPipelineLayout({
    bindGroupLayouts: [device.createBindGroupLayout({
      entries: [
        { binding: 0, ...read }, { binding: 1, ...read }, { binding: 2, ...read },
        { binding: 3, visibility: stage, buffer: { type: "storage" } },
        { binding: 4, visibility: stage, buffer: { type: "uniform" } },
        { binding: 5, ...read },
      ],
    })],
  });
}

/**
 * The batched products of `ctx`'s device. `options.kernel` forces one kernel (tests); the interface is
 * the same either way. The WGSL is validated here; each pipeline is compiled at its first encode
 * (encode is synchronous), where a failure is the device's validation error at submission.
 */
export async function createGemm(ctx: GpuContext, options: { kernel?: GemmKernel } = {}): Promise<Gemm> {
  const { device } = ctx;
  const choice = options.kernel ?? "auto";
  const tiles = REGISTER_TILES;
  device.pushErrorScope("validation");
  const modules = {
    register: device.createShaderModule({ code: await shaderSource("f32-gemm") }),
    small: device.createShaderModule({ code: await shaderSource("f32-gemm-small") }),
  };
  const err = await device.popErrorScope();
  if (err) throw new Error(`WGSL of f32-gemm failed validation: ${err.message}`);
  if (!compiled.has(device)) compiled.set(device, new Map());
  const pipelines = compiled.get(device)!;
  let layout: GPUPipelineLayout | undefined;
  const pipeline = (kind: "register" | "small", conjX: boolean, conjY: boolean, weighted: boolean, ranged: number, hermitian: boolean) => {
    const key = `${kind}${conjX}${conjY}${weighted}${ranged}${hermitian}`;
    let p = pipelines.get(key);
    if (!p) {
      const flags = { CONJ_X: Number(conjX), CONJ_Y: Number(conjY), WEIGHTED: Number(weighted) };
      const compute = kind === "register"
        ? { module: modules.register, entryPoint: "main", constants: { ...tiles, ...flags, RANGED: Number(ranged > 0), RANGE_DEPTH: Number(ranged > 1), HERMITIAN: Number(hermitian) } }
        : { module: modules.small, entryPoint: "main", constants: { TILE: SMALL_TILE, ...flags, RANGED: Number(ranged > 0), RANGE_DEPTH: Number(ranged > 1) } };
      p = device.createComputePipeline({ layout: (layout ??= gemmLayout(device)), compute });
      pipelines.set(key, p);
    }
    return p;
  };
  return {
    encode(pass, c) {
      const kind = choice !== "auto" ? choice : c.rows >= 64 && c.cols >= 64 ? "register" : "small";
      const [tm, tn] = kind === "register" ? [4 * tiles.TY, 4 * tiles.TX] : [SMALL_TILE, SMALL_TILE];
      if (c.hermitian && c.rows !== c.cols) throw new Error(`f32-gemm: a Hermitian product is square (${c.rows}×${c.cols})`);
      const hermitian = !!c.hermitian && kind === "register";
      const pipe = pipeline(kind, !!c.conjX, !!c.conjY, !!c.w, c.range ? (c.range.depth ? 2 : 1) : 0, hermitian);
      const params = upload(device, new Uint32Array([c.rows, c.cols, c.depth, c.range?.base ?? 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
      const buffers = [c.X, c.Y, c.w ?? c.X, c.Z, params, c.range?.buffer ?? c.X];
      pass.setPipeline(pipe);
      pass.setBindGroup(0, device.createBindGroup({
        layout: pipe.getBindGroupLayout(0),
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      }));
      pass.dispatchWorkgroups(Math.ceil(c.cols / tn), Math.ceil(c.rows / tm), c.batch);
      // Hermitian: the nt(nt + 1)/2 tiles on or below the diagonal of nt² (tm = tn)
      const nt = Math.ceil(c.rows / tm);
      const share = hermitian ? (nt * (nt + 1)) / 2 / (nt * nt) : 1;
      return { flops: 8 * c.rows * c.cols * c.depth * c.batch * share, temporaries: [params] };
    },
  };
}
