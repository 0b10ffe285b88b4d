/**
 * The Householder tridiagonalization of large blocks split over many workgroups per block
 * (shaders/householder-column.wgsl, shaders/householder-trailing.wgsl): 2 dispatches per step instead
 * of one workgroup walking all n steps, for batches of few large blocks (one K = 4000 point fills one
 * multiprocessor with the fused kernel). Same buffers and output as householder-tridiagonal.wgsl.
 */
import type { Df64Constants } from "./df64-probe.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { storage, UNIFORM_STRIDE, uniformSlots } from "./gpu-batch.ts";

/** Columns of the trailing block per workgroup (householder-trailing.wgsl's WT). */
const COLUMNS = 64;

export interface SplitReduction {
  /**
   * Encodes the reduction of `count` blocks padded to m in `A` (as the fused kernel: `vecs` scratch,
   * `out` the tridiagonals); returns the buffers to destroy after submission.
   */
  encode(pass: GPUComputePassEncoder, m: number, count: number, buffers: { A: GPUBuffer; sizes: GPUBuffer; vecs: GPUBuffer; out: GPUBuffer }): GPUBuffer[];
}

/**
 * @param WG threads of the column kernel (as the fused kernel's workgroup)
 * @param ROWS rows of the trailing block per workgroup (default 256: ~1000 workgroups a step at K = 4000)
 */
export async function createSplitReduction(device: GPUDevice, exact: Df64Constants, WG: number, ROWS = 256): Promise<SplitReduction> {
  const df64 = await shaderSource("df64");
  const column = await computePipeline(device, df64 + (await shaderSource("householder-reduce")) + (await shaderSource("householder-column")), { ...exact, WG });
  const trailing = await computePipeline(device, df64 + (await shaderSource("householder-trailing")), { ...exact, ROWS });
  return {
    encode(pass, m, count, { A, sizes, vecs, out }) {
      const G = Math.ceil(m / COLUMNS);
      const R = Math.ceil(m / ROWS);
      const parts = device.createBuffer({ size: count * R * m * 16, usage: storage() });
      const taus = device.createBuffer({ size: Math.max(16, count * 8), usage: storage() });
      // one uniform slot per step: (m, j, R)
      const params = uniformSlots(device, m, (j) => [m, j, R, 0]);
      // a bind group per step and pipeline (automatic layouts take no dynamic offsets)
      const bind = (pipeline: GPUComputePipeline, buffers: GPUBuffer[], j: number) => device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          ...buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
          { binding: buffers.length, resource: { buffer: params, offset: j * UNIFORM_STRIDE, size: 16 } },
        ],
      });
      for (let j = 0; j < m; j++) {
        pass.setPipeline(column);
        pass.setBindGroup(0, bind(column, [A, sizes, vecs, out, parts, taus], j));
        pass.dispatchWorkgroups(count);
        pass.setPipeline(trailing);
        pass.setBindGroup(0, bind(trailing, [A, sizes, vecs, parts], j));
        pass.dispatchWorkgroups(G, R, count);
      }
      return [parts, taus, params];
    },
  };
}
