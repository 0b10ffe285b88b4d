/**
 * What the host's row needs of each (problem, t) point besides the bath entropies, from the GPU in
 * double-float: the diagonal of C(t) (vector-former.ts) and S_B − S_tot (deleted-row-former.ts), O(N)
 * a point read back. Both GPU paths use it where double-float holds: the df64 path inside its blocks'
 * submission (tridiagonal-eigenvalues.ts, runPoints), fast mode's f32 path in a submission of its own
 * (`run`), so that neither leaves the O(N²) vectors of C(t) to the host.
 */
import type { PointState } from "../host-jobs.ts";
import type { TimePlan } from "../run-plan.ts";
import type { GpuContext } from "./device.ts";
import type { VectorFormer, VectorPoint } from "./vector-former.ts";
import type { DeletedRowFormer } from "./deleted-row-former.ts";
import { type KernelStats, passTimer, readBack, record, submitValidated } from "./gpu-batch.ts";

/** The df64 kernels that make the points' states, checked together with the df64 path at start-up. */
export interface StateFormers {
  vectors: VectorFormer;
  deletedRow: DeletedRowFormer;
}

/**
 * Each point's state from the read-back vectors (`modes`: 20 words a mode, the points' modes one after
 * another, evolve-vectors.wgsl's layout) and S_B − S_tot; where `atZero` gives one (t = 0), that one:
 * a pure state's β*(0) is ±∞ and Q(0) is rounding noise, so σ(0) = −β*·Q takes the sign of the noise,
 * and t = 0 takes the host's f64 vectors (O(N²), once a job) as the CPU engine does, to give its bits.
 */
export function statesFrom(
  plans: readonly TimePlan[], modes: Float32Array, entropyChanges: Float64Array, atZero: ReadonlyArray<PointState | undefined>,
): PointState[] {
  let base = 0;
  return plans.map((plan, i) => {
    const N = plan.spectrum.N;
    const at = base;
    base += N;
    if (atZero[i]) return atZero[i];
    const diag = new Float64Array(N);
    for (let k = 0; k < N; k++) diag[k] = modes[20 * (at + k) + 12] + modes[20 * (at + k) + 13];
    return { diag, SBminusStot: entropyChanges[i] };
  });
}

/** Bytes of one mode in the vectors' buffer (5 vec4f). */
const MODE_BYTES = 80;

/** Times whose vectors of C(t) (N ≤ 2m + 1 modes of MODE_BYTES) one binding holds, one workgroup row a time. */
export const statesPerBatch = (ctx: GpuContext, m: number) => Math.min(
  ctx.device.limits.maxComputeWorkgroupsPerDimension,
  Math.floor(Math.min(ctx.device.limits.maxStorageBufferBindingSize, ctx.device.limits.maxBufferSize) / (MODE_BYTES * (2 * m + 1))),
);

/**
 * Encodes and submits the vectors and S_B − S_tot of `points` in one submission and reads back both
 * (one GPU stage of `stats`); call before the first await that waits on other GPU work of the batch.
 */
export async function runStates(
  ctx: GpuContext, { vectors, deletedRow }: StateFormers, points: readonly VectorPoint[], stats: KernelStats,
): Promise<{ modes: Float32Array; entropyChanges: Float64Array }> {
  const { device } = ctx;
  const timer = passTimer(device);
  const owned: GPUBuffer[] = [];
  try {
    let changes!: (bytes: ArrayBuffer) => Float64Array;
    let readModes!: GPUBuffer, readTerms!: GPUBuffer;
    const readStamps = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    owned.push(readStamps);
    await submitValidated(device, () => {
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass(timer.descriptor);
      const formed = vectors.encode(pass, points);
      const sb = deletedRow.encode(pass, points, formed.modes);
      pass.end();
      owned.push(...formed.temporaries, ...sb.temporaries);
      changes = sb.changes;
      [readModes, readTerms] = [formed.modes, sb.terms].map((src) => {
        const dst = device.createBuffer({ size: src.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
        owned.push(dst);
        enc.copyBufferToBuffer(src, 0, dst, 0, src.size);
        return dst;
      });
      timer.resolve(enc, readStamps, 0);
      device.queue.submit([enc.finish()]);
    });
    const [modeBytes, termBytes, stampBytes] = await Promise.all([readModes, readTerms, readStamps].map((b) => readBack(ctx, b)));
    record(stats, "GPU: vectors of C(t) + S_B by the secular equation (df64)", timer.seconds(stampBytes, 0));
    return { modes: new Float32Array(modeBytes), entropyChanges: changes(termBytes) };
  } finally {
    for (const b of owned) b.destroy();
    timer.destroy();
  }
}
