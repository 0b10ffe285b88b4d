/**
 * Batched eigenvalues and eigenvectors of real symmetric tridiagonal matrices in f32 on the GPU
 * (shaders/tridiagonal-ql.wgsl: implicit QL, one workgroup per matrix, logging its rotations in chunks
 * that shaders/ql-rotations.wgsl applies to Z over many workgroups), encoded into a caller's compute
 * pass; fast mode's Householder + QL eigensolver (T = Q†CQ from householder kernels, V = Q·Z).
 */
import { DeviceLimitError } from "../../errors.ts";
import type { GpuContext } from "./device.ts";
import { computePipeline, shaderSource, sizedPipelines } from "./shader-source.ts";
import { storage, UNIFORM_STRIDE, uniformSlots, upload } from "./gpu-batch.ts";

export interface TridiagonalQLOptions {
  /** threads per matrix at most (sizedPipelines; default 256, or the device's limit where lower) */
  workgroupSize?: number;
  /** QL sweeps one eigenvalue may take before it is deflated as it stands and flagged (default 30) */
  maxIterations?: number;
  /** false: Z comes out transposed, Z[(b·m + k)·m + r] (row k = eigenvector k), saving one pass (default true) */
  rowMajor?: boolean;
  /**
   * log entries a matrix a round (a header per sweep, a word pair per rotation), at least m + 2 (one
   * sweep and the end mark); default max(m + 2, ⌈m²/4⌉): 2 MB a matrix at m = 1000, half of Z
   */
  logCapacity?: (m: number) => number;
  /**
   * logging rounds (log a chunk of sweeps, apply it to Z) before the last round, which finishes any
   * sweeps left by rotating Z in the one-workgroup kernel (slow: 8 bytes of Z a row element a rotation);
   * default enough for 1.5 m² rotations (bath blocks take ≤ 0.8 m², random tridiagonals ~1 m²); 0: every
   * rotation is applied that way
   */
  logRounds?: (m: number, capacity: number) => number;
  /** rows of Z a workgroup of ql-rotations.wgsl (default 64) */
  rowsPerWorkgroup?: number;
}

/** Default log entries a matrix a round (logCapacity). */
export const defaultLogCapacity = (m: number) => Math.max(m + 2, Math.ceil((m * m) / 4));

/** Default logging rounds: chunks for 1.5 m² rotations (a sweep of length s takes s + 1 entries). */
export const defaultLogRounds = (m: number, capacity: number) => Math.ceil((1.5 * m * m) / (capacity - m - 1));

/** What one encode leaves on the device; the caller owns (and destroys) values, Z and status. */
export interface TridiagonalQLResult {
  /** [B, m] f32, each matrix's eigenvalues ascending */
  values: GPUBuffer;
  /** [B, m, m] f32, Z[(b·m + r)·m + k] = component r of eigenvector k (transposed with rowMajor: false) */
  Z: GPUBuffer;
  /** [B, 4] u32 per matrix (failed, sweeps, rotations, most sweeps on one eigenvalue); read with qlStatus */
  status: GPUBuffer;
  /** estimated flops (qlFlopsEstimate); the exact count comes with the status (qlFlops) */
  flops: number;
  /** buffers to destroy after submission */
  temporaries: GPUBuffer[];
}

export interface TridiagonalQL {
  /**
   * Encodes QL on B matrices of size m: `tri` is array<vec4f> [B, m] of (d_j, 0, e_j, 0), d_j = T_jj,
   * e_j = T_{j+1,j} (e_{m−1} ignored; the zero words may hold df64 lower parts, which are added).
   * Throws DeviceLimitError when Z (or the log) does not fit one binding.
   */
  encode(pass: GPUComputePassEncoder, tri: GPUBuffer, m: number, B: number): TridiagonalQLResult;
  /** matrices of size m one encode can take (the bindings of Z and of the log, and the dispatch limit) */
  capacity(m: number): number;
}

/** One matrix's status: `failed` when some eigenvalue took more than maxIterations sweeps (its value and vector are then inexact). */
export interface QLStatus {
  failed: boolean;
  sweeps: number;
  rotations: number;
  mostSweeps: number;
}

/** The status buffer's words ([B, 4] u32, as read back) per matrix. */
export function qlStatus(words: Uint32Array): QLStatus[] {
  return Array.from({ length: words.length / 4 }, (_, b) => ({
    failed: words[4 * b] !== 0, sweeps: words[4 * b + 1], rotations: words[4 * b + 2], mostSweeps: words[4 * b + 3],
  }));
}

/** Flops of the rotations actually applied: 8 per row element (4 multiplies, 4 adds, as σz + increment) per rotation. */
export const qlFlops = (status: readonly QLStatus[], m: number) => status.reduce((sum, s) => sum + 8 * m * s.rotations, 0);

/**
 * Rotations one m×m matrix takes, estimated as ROTATIONS_PER_M2·m²: bench/ql-sweeps.ts counts them
 * with the kernel's recurrences on bath blocks at K = 1000: 0.77 m² (thermal, Γ = 3, few values near
 * 0 or 1), 0.04–0.11 m² where most values sit within 1e−7 of 0 or 1 (they deflate at once); random
 * tridiagonals take ~0.9–1.0 m².
 */
export const ROTATIONS_PER_M2 = 0.8;

/** Estimated flops of QL on B matrices of size m (8 a row element a rotation): 6.4 G a K = 1000 block. */
export const qlFlopsEstimate = (m: number, B: number) => 8 * m * ROTATIONS_PER_M2 * m * m * B;

export async function createTridiagonalQL(ctx: GpuContext, options: TridiagonalQLOptions = {}): Promise<TridiagonalQL> {
  const { device } = ctx;
  const WG = Math.min(options.workgroupSize ?? 256, device.limits.maxComputeInvocationsPerWorkgroup, device.limits.maxComputeWorkgroupSizeX);
  const pipelineFor = await sizedPipelines(device, await shaderSource("tridiagonal-ql"), {
    MAX_ITER: options.maxIterations ?? 30, ROW_MAJOR: Number(options.rowMajor ?? true),
  }, WG);
  const rows = Math.min(options.rowsPerWorkgroup ?? 64, device.limits.maxComputeInvocationsPerWorkgroup, device.limits.maxComputeWorkgroupSizeX);
  const apply = await computePipeline(device, await shaderSource("ql-rotations"), { WG: rows });
  const logCapacity = (m: number) => Math.max(m + 2, Math.ceil(options.logCapacity?.(m) ?? defaultLogCapacity(m)));
  const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  const capacity = (m: number) => Math.min(Math.floor(maxBinding / Math.max(4 * m * m, 8 * logCapacity(m))), device.limits.maxComputeWorkgroupsPerDimension);
  return {
    capacity,
    encode(pass, tri, m, B) {
      if (B > capacity(m)) throw new DeviceLimitError(`tridiagonal QL: ${B} matrices of size ${m} exceed one binding (at most ${capacity(m)})`, B, capacity(m));
      const values = device.createBuffer({ size: Math.max(16, 4 * B * m), usage: storage() });
      const Z = device.createBuffer({ size: Math.max(16, 4 * B * m * m), usage: storage() });
      const status = device.createBuffer({ size: Math.max(16, 16 * B), usage: storage() });
      const work = device.createBuffer({ size: Math.max(16, 16 * B * (3 * m + 1)), usage: storage() });
      const R = logCapacity(m);
      const rounds = Math.max(0, Math.floor(options.logRounds?.(m, R) ?? defaultLogRounds(m, R)));
      const log = device.createBuffer({ size: Math.max(16, 8 * B * R), usage: storage() });
      // slot j: round j (m, capacity, round, direct); the last round is the direct one
      const params = uniformSlots(device, rounds + 1, (j) => [m, R, j, Number(j === rounds)]);
      const slot = (j: number) => ({ buffer: params, offset: j * UNIFORM_STRIDE, size: 16 });
      const pipeline = pipelineFor(m);
      for (let j = 0; j <= rounds; j++) {
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [{ buffer: tri }, { buffer: values }, { buffer: Z }, { buffer: status }, { buffer: work }, slot(j), { buffer: log }]
            .map((resource, binding) => ({ binding, resource })),
        }));
        pass.dispatchWorkgroups(B);
        if (j === rounds) break;
        pass.setPipeline(apply);
        pass.setBindGroup(0, device.createBindGroup({
          layout: apply.getBindGroupLayout(0),
          entries: [{ buffer: log }, { buffer: Z }, slot(j)].map((resource, binding) => ({ binding, resource })),
        }));
        pass.dispatchWorkgroups(Math.ceil(m / rows), B);
      }
      return { values, Z, status, flops: qlFlopsEstimate(m, B), temporaries: [work, log, params] };
    },
  };
}
