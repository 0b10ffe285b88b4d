/**
 * Parallel cyclic Jacobi on a batch of complex Hermitian matrices, encoded into a compute pass:
 * shaders/jacobi-round.wgsl (A ← J†AJ) and, when eigenvectors are wanted, shaders/jacobi-vectors.wgsl
 * (V ← VJ, from V = I), n−1 rounds per sweep, one dispatch per round. Both fast mode (eigenvalues)
 * and accurate mode (eigenvectors for the df64 refinement) use it.
 */
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { UNIFORM_STRIDE, uniformSlots } from "./gpu-batch.ts";

const TILE = 8;

export interface JacobiSweeps {
  /**
   * Encodes `sweeps` sweeps on the [B, m, m] matrices in a[0] (a[1] is scratch of the same size), and
   * the rotations on v[0] (which must hold B identities; v[1] scratch) when v is given.
   * Returns the buffers holding the rotated matrices and vectors, the flops (32 per matrix element
   * per round for J†AJ, 16 more for VJ), and the temporary buffers to destroy after submission.
   */
  encode(
    pass: GPUComputePassEncoder, m: number, B: number, sweeps: number,
    a: [GPUBuffer, GPUBuffer], v?: [GPUBuffer, GPUBuffer],
  ): { a: GPUBuffer; v?: GPUBuffer; flops: number; temporaries: GPUBuffer[] };
}

export async function createJacobiSweeps(ctx: GpuContext, withVectors: boolean): Promise<JacobiSweeps> {
  const { device } = ctx;
  const rotation = await shaderSource("jacobi-rotation");
  const round = await computePipeline(device, rotation + (await shaderSource("jacobi-round")), { TILE });
  const vectors = withVectors ? await computePipeline(device, rotation + (await shaderSource("jacobi-vectors")), { TILE }) : undefined;
  return {
    encode(pass, m, B, sweeps, a, v) {
      const rounds = m - 1;
      const uni = uniformSlots(device, rounds, (r) => [m, r]);
      const groups = Math.ceil(m / TILE);
      // the bind groups depend only on (which buffer is the source, round): 2(m − 1) of them, made once
      const groupsFor = new Map<number, { vec?: GPUBindGroup; rot: GPUBindGroup }>();
      const bindGroups = (flip: number, r: number) => {
        const key = flip * rounds + r;
        let g = groupsFor.get(key);
        if (!g) {
          const params = { buffer: uni, offset: r * UNIFORM_STRIDE, size: 8 };
          g = {
            vec: v && vectors ? device.createBindGroup({
              layout: vectors.getBindGroupLayout(0),
              entries: [
                { binding: 0, resource: { buffer: a[flip] } },
                { binding: 1, resource: { buffer: v[flip] } },
                { binding: 2, resource: { buffer: v[flip ^ 1] } },
                { binding: 3, resource: params },
              ],
            }) : undefined,
            rot: device.createBindGroup({
              layout: round.getBindGroupLayout(0),
              entries: [
                { binding: 0, resource: { buffer: a[flip] } },
                { binding: 1, resource: { buffer: a[flip ^ 1] } },
                { binding: 2, resource: params },
              ],
            }),
          };
          groupsFor.set(key, g);
        }
        return g;
      };
      let flip = 0;
      for (let s = 0; s < sweeps; s++) {
        for (let r = 0; r < rounds; r++) {
          const g = bindGroups(flip, r);
          if (g.vec && vectors) {
            // before the round: the rotation is read from the matrix it will rotate
            pass.setPipeline(vectors);
            pass.setBindGroup(0, g.vec);
            pass.dispatchWorkgroups(groups, groups, B);
          }
          pass.setPipeline(round);
          pass.setBindGroup(0, g.rot);
          pass.dispatchWorkgroups(groups, groups, B);
          flip ^= 1;
        }
      }
      const flops = (v ? 32 + 16 : 32) * m * m * rounds * sweeps * B;
      return { a: a[flip], v: v?.[flip], flops, temporaries: [uni] };
    },
  };
}
