/**
 * Fast mode's f32 Householder route, encoded into a caller's compute pass: reduction of complex
 * Hermitian matrices to real tridiagonal T (shaders/householder-f32.wgsl, reflectors kept where
 * asked), back-transformation of T's eigenvectors to A's (shaders/householder-wy.wgsl +
 * householder-back-blocked.wgsl, or householder-back.wgsl one reflector at a time), and eigenvalues
 * only: reduction, then df64 bisection (shaders/tridiagonal-bisection.wgsl).
 */
import type { GpuContext } from "./device.ts";
import type { Df64Constants } from "./df64-probe.ts";
import { computePipeline, shaderSource, sizedPipelines } from "./shader-source.ts";
import { storage, upload } from "./gpu-batch.ts";
import { PANEL_WIDTH, panelVectors, reductionFlops } from "./householder-panel.ts";

/** What a reduction leaves: every buffer here is among `temporaries` (destroy after submission). */
export interface F32Reduction {
  /** [B, m] vec4f (d_j, 0, e_j, 0): T_jj and T_{j+1,j} ≥ 0, e_{m−1} = 0 */
  tri: GPUBuffer;
  /** with keepReflectors: [B, m] vec4f (τ_j, 0, δ_j.re, δ_j.im); u_j is then in row j of `a` (entries j+1…m−1) */
  reflectors?: GPUBuffer;
  /** as the kernel's loops do them (householder-panel.ts's reductionFlops at size m: ~8m³ a matrix) */
  flops: number;
  temporaries: GPUBuffer[];
}

export interface F32Tridiagonal {
  /**
   * Reduces the B complex Hermitian m×m matrices in `a` ([B, m, m] vec2f (re, im) row-major, zero-
   * padded; overwritten) to T = D†Q†AQD.
   */
  reduce(pass: GPUComputePassEncoder, a: GPUBuffer, m: number, B: number, options?: { keepReflectors?: boolean; sizes?: GPUBuffer }): F32Reduction;
  /**
   * V = Q·D·Z: `Z` [B, m, m] f32, Z[(b·m + r)·m + k] = component r of T's eigenvector k, into `V`
   * [B, m, m] vec2f, V[(b·m + r)·m + k] = component r of A's eigenvector k; `a` and `reflectors`
   * as `reduce` (keepReflectors) left them. `blocked` (default): NB = 16 reflectors a pass in
   * compact-WY form (householder-wy.wgsl, householder-back-blocked.wgsl), V streamed 16× less
   * often; else one reflector a pass (householder-back.wgsl). Flops as the kernels' loops do them
   * (~8m³ a matrix either way).
   */
  backTransform(
    pass: GPUComputePassEncoder, a: GPUBuffer, reflectors: GPUBuffer, Z: GPUBuffer, V: GPUBuffer, m: number, B: number, options?: { blocked?: boolean },
  ): { flops: number; temporaries: GPUBuffer[] };
  /**
   * Eigenvalues only (fast mode's H): reduction without reflectors, then bisection in df64; with
   * `sizes` ([B] u32, n_b ≤ m, on the GPU) only each matrix's leading n_b×n_b block, eig entries
   * k ≥ n_b untouched (and the work ∝ n_b³);
   * `eig` [B, m] vec2f (hi, lo), ascending per matrix, and `tri` as `reduce` gives it (both among
   * `temporaries`). The bisection resolves ~2⁻⁵³ of each T's Gershgorin width: eigenvalues far
   * below ‖A‖ come out to ~1e−16‖A‖ absolute, whatever the reduction kept.
   */
  eigenvalues(pass: GPUComputePassEncoder, a: GPUBuffer, m: number, B: number, sizes?: GPUBuffer): { eig: GPUBuffer; tri: GPUBuffer; flops: number; temporaries: GPUBuffer[] };
}

/** Threads of the back-transformations' workgroups (consecutive columns). */
const BACK_WG = 64;
/** Reflectors per compact-WY block (householder-wy.wgsl's and householder-back-blocked.wgsl's NB). */
const NB = 16;
/** Threads of the bisection's workgroups (tridiagonal-bisection.wgsl's WG). */
const BISECTION_WG = 64;

/**
 * @param exact df64 constants for the bisection (probeDf64's; where df64 is not exact on a device
 *   the bisection's Sturm counts are f32-accurate only)
 * @param workgroupSize threads per matrix of the reduction at most (sizedPipelines), a power of two (default 256, or the
 *   device's limit where lower)
 * @param backWorkgroupSize columns per workgroup of the back-transformations (default 64; tests
 *   set less to cover several column tiles at small m)
 * @param panelWidth the reduction's widest panel NB: steps between two writes of the trailing block
 *   (default 16; a block of size n takes min(NB, max(1, ⌊n/2⌋ − 1)))
 */
export async function createF32Tridiagonal(
  ctx: GpuContext,
  { exact = { DEKKER: 0 }, workgroupSize = 256, backWorkgroupSize = BACK_WG, panelWidth: PANEL = PANEL_WIDTH }:
    { exact?: Df64Constants; workgroupSize?: number; backWorkgroupSize?: number; panelWidth?: number } = {},
): Promise<F32Tridiagonal> {
  const { device } = ctx;
  // workgroup memory: a vec2f a thread, x_0, and the panel's 2·NB dot products
  const limit = 2 ** Math.floor(Math.log2(Math.min(
    device.limits.maxComputeInvocationsPerWorkgroup, device.limits.maxComputeWorkgroupSizeX, (device.limits.maxComputeWorkgroupStorageSize - 8 - 16 * PANEL) / 8,
  )));
  const WG = Math.min(workgroupSize, limit);
  const reduction = await shaderSource("householder-f32");
  const keep = await sizedPipelines(device, reduction, { KEEP: 1, NB: PANEL }, WG);
  const valuesOnly = await sizedPipelines(device, reduction, { KEEP: 0, NB: PANEL }, WG);
  const back = await computePipeline(device, await shaderSource("householder-back"), { WG: backWorkgroupSize });
  const wyFactor = await computePipeline(device, await shaderSource("householder-wy"));
  const backBlocked = await computePipeline(device, await shaderSource("householder-back-blocked"), { TC: backWorkgroupSize });
  const bisection = await computePipeline(device, (await shaderSource("df64")) + (await shaderSource("tridiagonal-bisection")), { ...exact });
  const uniform = (m: number) => upload(device, new Uint32Array([m, 0, 0, 0]), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const bind = (pipeline: GPUComputePipeline, buffers: GPUBuffer[]) => device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });

  const reduce: F32Tridiagonal["reduce"] = (pass, a, m, B, { keepReflectors = false, sizes } = {}) => {
    const all = sizes ? undefined : upload(device, new Uint32Array(B).fill(m));
    const vecs = device.createBuffer({ size: B * panelVectors(m, PANEL) * m * 8, usage: storage() });
    const tri = device.createBuffer({ size: B * m * 16, usage: storage() });
    // unwritten without KEEP, but the binding must exist
    const reflectors = device.createBuffer({ size: keepReflectors ? B * m * 16 : 16, usage: storage() });
    const params = uniform(m);
    const pipeline = (keepReflectors ? keep : valuesOnly)(m);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind(pipeline, [a, vecs, tri, reflectors, params, sizes ?? all!]));
    pass.dispatchWorkgroups(B);
    // (an upper bound where `sizes` cuts the blocks)
    const flops = B * reductionFlops(m, PANEL);
    return { tri, reflectors: keepReflectors ? reflectors : undefined, flops, temporaries: [vecs, tri, reflectors, params, ...(all ? [all] : [])] };
  };

  return {
    reduce,
    backTransform(pass, a, reflectors, Z, V, m, B, { blocked = true } = {}) {
      const params = uniform(m);
      if (!blocked) {
        pass.setPipeline(back);
        pass.setBindGroup(0, bind(back, [a, reflectors, Z, V, params]));
        pass.dispatchWorkgroups(Math.ceil(m / backWorkgroupSize), B);
        return { flops: B * (8 * m * m * (m - 1) + 2 * m * m), temporaries: [params] };
      }
      const blocks = Math.ceil(m / NB);
      const wy = device.createBuffer({ size: B * blocks * NB * NB * 8, usage: storage() });
      pass.setPipeline(wyFactor);
      pass.setBindGroup(0, bind(wyFactor, [a, reflectors, wy, params]));
      pass.dispatchWorkgroups(blocks, B);
      pass.setPipeline(backBlocked);
      pass.setBindGroup(0, bind(backBlocked, [a, reflectors, wy, Z, V, params]));
      pass.dispatchWorkgroups(Math.ceil(m / backWorkgroupSize), B);
      // per block of rows L = m − 1 − j0: Gram 8·L·NB(NB − 1)/2 and T's columns 8(NB³ − NB)/6 once,
      // then per column Y†V and the update 16·NB·L, T·(Y†V) 4·NB(NB + 1); D·Z 2m² once
      let flops = 2 * m * m;
      for (let j0 = 0; j0 < m; j0 += NB) {
        const L = m - 1 - j0;
        flops += 4 * L * NB * (NB - 1) + (8 * (NB ** 3 - NB)) / 6 + m * (16 * NB * L + 4 * NB * (NB + 1));
      }
      return { flops: B * flops, temporaries: [params, wy] };
    },
    eigenvalues(pass, a, m, B, given) {
      const r = reduce(pass, a, m, B, { sizes: given });
      const sizes = given ?? upload(device, new Uint32Array(B).fill(m));
      const eig = device.createBuffer({ size: B * m * 8, usage: storage() });
      const params = uniform(m);
      pass.setPipeline(bisection);
      pass.setBindGroup(0, bind(bisection, [r.tri, sizes, eig, params]));
      pass.dispatchWorkgroups(Math.ceil(m / BISECTION_WG), B);
      return { eig, tri: r.tri, flops: r.flops, temporaries: [...r.temporaries, ...(given ? [] : [sizes]), eig, params] };
    },
  };
}
