/**
 * Batched complex f32 matrix products on the GPU (shaders/f32-gemm.wgsl): Z = op(X)·diag(w)·op(Y) for
 * each matrix of a batch, op = identity or conjugate transpose; fast mode's graded Rayleigh–Ritz.
 */
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { upload } from "./gpu-batch.ts";

const TILE = 8;

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
}

export interface Gemm {
  /** Encodes the product; returns its flops (8 a complex multiply–add) and the buffers to destroy after submission. */
  encode(pass: GPUComputePassEncoder, call: GemmCall): { flops: number; temporaries: GPUBuffer[] };
}

export async function createGemm(ctx: GpuContext): Promise<Gemm> {
  const { device } = ctx;
  const code = await shaderSource("f32-gemm");
  const pipelines = new Map<string, GPUComputePipeline>();
  // every combination the caller may ask for, compiled up front (encode is synchronous)
  for (const conjX of [false, true]) {
    for (const conjY of [false, true]) {
      for (const weighted of [false, true]) {
        pipelines.set(`${conjX}${conjY}${weighted}`, await computePipeline(device, code, {
          TILE, CONJ_X: Number(conjX), CONJ_Y: Number(conjY), WEIGHTED: Number(weighted),
        }));
      }
    }
  }
  return {
    encode(pass, c) {
      const pipeline = pipelines.get(`${!!c.conjX}${!!c.conjY}${!!c.w}`)!;
      const params = upload(device, new Uint32Array([c.rows, c.cols, c.depth, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [c.X, c.Y, c.w ?? c.X, c.Z, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
      }));
      pass.dispatchWorkgroups(Math.ceil(c.cols / TILE), Math.ceil(c.rows / TILE), c.batch);
      return { flops: 8 * c.rows * c.cols * c.depth * c.batch, temporaries: [params] };
    },
  };
}
