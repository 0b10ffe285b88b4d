/**
 * Parallel cyclic Jacobi on a batch of complex Hermitian matrices, encoded into a compute pass:
 * shaders/jacobi-round.wgsl (A ← J†AJ), n−1 rounds per sweep, one dispatch per round (fast mode on
 * adapters without exact double-float).
 */
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { UNIFORM_STRIDE, uniformSlots } from "./gpu-batch.ts";

const TILE = 8;

export interface JacobiSweeps {
  /**
   * Encodes `sweeps` sweeps on the [B, m, m] matrices in a[0] (a[1] is scratch of the same size).
   * Returns the buffer holding the rotated matrices, the flops (32 per matrix element per round for
   * J†AJ), and the temporary buffers to destroy after submission.
   */
  encode(
    pass: GPUComputePassEncoder, m: number, B: number, sweeps: number, a: [GPUBuffer, GPUBuffer],
  ): { a: GPUBuffer; flops: number; temporaries: GPUBuffer[] };
}

export async function createJacobiSweeps(ctx: GpuContext): Promise<JacobiSweeps> {
  const { device } = ctx;
  const rotation = await shaderSource("jacobi-rotation");
  const round = await computePipeline(device, rotation + (await shaderSource("jacobi-round")), { TILE });
  return {
    encode(pass, m, B, sweeps, a) {
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
      let flip = 0;
      for (let s = 0; s < sweeps; s++) {
        for (let r = 0; r < rounds; r++) {
          pass.setPipeline(round);
          pass.setBindGroup(0, bindGroups(flip, r));
          pass.dispatchWorkgroups(groups, groups, B);
          flip ^= 1;
        }
      }
      const flops = 32 * m * m * rounds * sweeps * B;
      return { a: a[flip], flops, temporaries: [uni] };
    },
  };
}
