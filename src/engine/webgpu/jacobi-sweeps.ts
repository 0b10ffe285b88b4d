/**
 * Parallel cyclic Jacobi on a batch of complex Hermitian matrices, encoded into a compute pass:
 * shaders/jacobi-round.wgsl (A ← J†AJ), n−1 rounds per sweep, one dispatch per round; where asked,
 * the eigenvectors too (shaders/jacobi-vectors.wgsl, V ← V·J in the same round; fast mode's graded
 * Rayleigh–Ritz).
 */
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { UNIFORM_STRIDE, uniformSlots } from "./gpu-batch.ts";

const TILE = 8;

export interface JacobiSweeps {
  /** compiles the vectors kernel (before the first encode that asks for vectors) */
  ready(): Promise<void>;
  /**
   * Encodes `sweeps` sweeps on the [B, m, m] matrices in a[0] (a[1] is scratch of the same size).
   * Returns the buffer holding the rotated matrices, the flops (32 per matrix element per round for
   * J†AJ, 16 more for V·J), and the temporary buffers to destroy after submission. `v`: V (the
   * identity on entry) and its scratch; `v` in the result is the buffer holding the eigenvectors.
   */
  encode(
    pass: GPUComputePassEncoder, m: number, B: number, sweeps: number, a: [GPUBuffer, GPUBuffer], v?: [GPUBuffer, GPUBuffer],
  ): { a: GPUBuffer; v?: GPUBuffer; flops: number; temporaries: GPUBuffer[] };
}

export async function createJacobiSweeps(ctx: GpuContext): Promise<JacobiSweeps> {
  const { device } = ctx;
  const rotation = await shaderSource("jacobi-rotation");
  const round = await computePipeline(device, rotation + (await shaderSource("jacobi-round")), { TILE });
  let vectors: GPUComputePipeline | undefined;
  return {
    async ready() {
      vectors ??= await computePipeline(device, rotation + (await shaderSource("jacobi-vectors")), { TILE });
    },
    encode(pass, m, B, sweeps, a, v) {
      if (v && !vectors) throw new Error("jacobi sweeps: vectors asked before ready()");
      const rounds = m - 1;
      const uni = uniformSlots(device, rounds, (r) => [m, r]);
      const groups = Math.ceil(m / TILE);
      // the bind groups depend only on (which buffer is the source, round): 2(m − 1) of them, made once
      const groupsFor = new Map<number, GPUBindGroup>();
      const bindGroups = (flip: number, r: number) => {
        const key = flip * rounds + r;
        let g = groupsFor.get(key);
        if (!g) {
          const params = { buffer: uni, offset: r * UNIFORM_STRIDE, size: 8 };
          g = device.createBindGroup({
            layout: round.getBindGroupLayout(0),
            entries: [
              { binding: 0, resource: { buffer: a[flip] } },
              { binding: 1, resource: { buffer: a[flip ^ 1] } },
              { binding: 2, resource: params },
            ],
          });
          groupsFor.set(key, g);
        }
        return g;
      };
      const vGroups = new Map<number, GPUBindGroup>();
      const vectorGroup = (flip: number, vflip: number, r: number) => {
        const key = (flip * 2 + vflip) * rounds + r;
        let g = vGroups.get(key);
        if (!g) {
          g = device.createBindGroup({
            layout: vectors!.getBindGroupLayout(0),
            entries: [
              { binding: 0, resource: { buffer: a[flip] } },
              { binding: 1, resource: { buffer: v![vflip] } },
              { binding: 2, resource: { buffer: v![vflip ^ 1] } },
              { binding: 3, resource: { buffer: uni, offset: r * UNIFORM_STRIDE, size: 8 } },
            ],
          });
          vGroups.set(key, g);
        }
        return g;
      };
      let flip = 0;
      let vflip = 0;
      for (let s = 0; s < sweeps; s++) {
        for (let r = 0; r < rounds; r++) {
          if (v) {
            // reads the matrix before this round, as the round itself does
            pass.setPipeline(vectors!);
            pass.setBindGroup(0, vectorGroup(flip, vflip, r));
            pass.dispatchWorkgroups(groups, groups, B);
            vflip ^= 1;
          }
          pass.setPipeline(round);
          pass.setBindGroup(0, bindGroups(flip, r));
          pass.dispatchWorkgroups(groups, groups, B);
          flip ^= 1;
        }
      }
      const flops = (v ? 48 : 32) * m * m * rounds * sweeps * B;
      return { a: a[flip], v: v?.[vflip], flops, temporaries: [uni] };
    },
  };
}
