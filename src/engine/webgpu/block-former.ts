/**
 * Forms the bath blocks of C(t) in double-float on the GPU (shaders/form-blocks.wgsl) from the O(N)
 * vectors of each time, so that the host does O(N²) per time (BlockVectors) instead of also writing
 * and uploading O(K²) blocks. The blocks land in the layout the tridiagonal reduction reads.
 */
import type { Arrowhead } from "../../model/hamiltonian.ts";
import type { BlockVectors } from "../../propagation/correlation-blocks.ts";
import type { GpuContext } from "./device.ts";
import type { Df64Constants } from "./df64-probe.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { upload } from "./gpu-batch.ts";

/** One time of one problem: its vectors, ℋ (levels and couplings) and bath sizes. */
export interface FormInput {
  v: BlockVectors;
  h: Arrowhead;
  KL: number;
  KR: number;
}

const TILE = 8;

/** The vectors of many times, packed as form-blocks.wgsl reads them (df64 pairs, 5 vec4f per mode). */
export function packModes(inputs: readonly FormInput[]): { modes: Float32Array<ArrayBuffer>; times: Uint32Array<ArrayBuffer> } {
  const total = inputs.reduce((s, x) => s + x.v.diag.length, 0);
  const modes = new Float32Array(total * 20);
  const times = new Uint32Array(inputs.length * 4);
  let base = 0;
  const put = (at: number, x: number) => {
    modes[at] = x;
    modes[at + 1] = x - modes[at];
  };
  inputs.forEach(({ v, h, KL, KR }, tau) => {
    const N = v.diag.length;
    times.set([KL, KR, N, base], 4 * tau);
    for (let k = 0; k < N; k++) {
      const at = 20 * (base + k);
      put(at, v.r.re[k]);
      put(at + 2, v.r.im[k]);
      put(at + 4, v.q.re[k]);
      put(at + 6, v.q.im[k]);
      put(at + 8, v.row0.re[k]);
      put(at + 10, v.row0.im[k]);
      put(at + 12, v.diag[k]);
      put(at + 14, k > 0 ? h.z[k - 1] : 0);
      put(at + 16, k > 0 ? h.d[k - 1] : 0);
    }
    base += N;
  });
  return { modes, times };
}

export interface BlockFormer {
  /**
   * Encodes the forming of [2T, m, m] df64 blocks (per time: C_L, C_R) into `out` from the vectors
   * of each time packed on the host; returns the buffers to destroy after submission.
   */
  encode(pass: GPUComputePassEncoder, inputs: readonly FormInput[], m: number, out: GPUBuffer): GPUBuffer[];
  /** The same from vectors already on the GPU (vector-former.ts): `modes` and `times` as packModes lays them out, for T times. */
  encodeFrom(pass: GPUComputePassEncoder, modes: GPUBuffer, times: GPUBuffer, T: number, m: number, out: GPUBuffer): GPUBuffer[];
}

export async function createBlockFormer(ctx: GpuContext, exact: Df64Constants): Promise<BlockFormer> {
  const { device } = ctx;
  const pipeline = await computePipeline(device, (await shaderSource("df64")) + (await shaderSource("form-blocks")), { TILE, ...exact });
  const encodeFrom = (pass: GPUComputePassEncoder, modes: GPUBuffer, times: GPUBuffer, T: number, m: number, out: GPUBuffer) => {
    const params = upload(device, new Uint32Array([m, 0, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [modes, times, out, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
    }));
    pass.dispatchWorkgroups(Math.ceil(m / TILE), Math.ceil(m / TILE), 2 * T);
    return [params];
  };
  return {
    encodeFrom,
    encode(pass, inputs, m, out) {
      const { modes, times } = packModes(inputs);
      const buffers = [upload(device, modes), upload(device, times)];
      return [...buffers, ...encodeFrom(pass, buffers[0], buffers[1], inputs.length, m, out)];
    },
  };
}
