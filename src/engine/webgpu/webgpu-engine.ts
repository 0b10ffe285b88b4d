/**
 * The WebGPU engine: the O(K³) entropies S_L, S_R of the bath blocks for many times at once on the
 * GPU, everything else from the shared f64 run plan. I_S−B never touches f32: S_B comes from the
 * deleted-row secular equation in f64, so only S_L and S_R carry GPU rounding.
 *
 * fast: batched f32 Jacobi eigenvalues. f32 resolves eigenvalues near 0 finely but those near 1 only
 * to ~6e−8 absolute, and a thermal bath has many of both. So each block is sent twice, as C and as
 * 1 − C (whose entries near 0 are exact in f32 where C's are near 1, so the graded matrix keeps its
 * small eigenvalues accurate): h is taken on λ(C) for the lower half of the spectrum and on λ(1 − C)
 * for the upper half.
 *
 * accurate: f32 Jacobi eigenvectors (of C and 1 − C, for the same reason) refined by double-float
 * Rayleigh quotients (refined-entropies.ts).
 */
import type { Engine, EngineJob, EngineRun, Precision } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import type { CorrelationBlocks } from "../../propagation/correlation-blocks.ts";
import { binaryEntropy } from "../../thermo/fermi.ts";
import { blocksAt, planRun, rowAt } from "../run-plan.ts";
import type { GpuContext } from "./device.ts";
import { createJacobiEigenvalues } from "./jacobi-eigenvalues.ts";
import { createRefinedEntropies } from "./refined-entropies.ts";
import { complement, type HermitianBlock, type KernelStats, paddedSize, record } from "./gpu-batch.ts";

/** S = Σ h over the spectrum, each eigenvalue from whichever of C, 1 − C holds it near 0. */
export function splitSpectrumEntropy(ofC: Float64Array, ofComplement: Float64Array): number {
  const n = ofC.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += binaryEntropy(ofC[i] <= 0.5 ? ofC[i] : ofComplement[n - 1 - i]);
  return s;
}

/** How a precision mode turns the bath blocks of many times into (S_L, S_R) pairs. */
interface BathEntropies {
  /** GPU blocks each time needs */
  blocksPerTime: number;
  /** (S_L, S_R) of each slice, its problem alongside; every block padded to m */
  entropies(slices: readonly CorrelationBlocks[], problems: readonly Problem[], m: number): Promise<[number, number][]>;
  capacity(n: number): number;
  checkFits(n: number): void;
  stats: KernelStats;
}

const bathBlocks = (b: CorrelationBlocks, p: Problem): [HermitianBlock, HermitianBlock] =>
  [{ ...b.LL, n: p.KL }, { ...b.RR, n: p.KR }];

async function fastEntropies(ctx: GpuContext, sweeps?: number): Promise<BathEntropies> {
  const jacobi = await createJacobiEigenvalues(ctx, sweeps);
  return {
    ...jacobi,
    blocksPerTime: 4,
    async entropies(slices, problems, m) {
      const spectra = await jacobi.run(slices.flatMap((b, i) => bathBlocks(b, problems[i]).flatMap((x) => [x, complement(x)])), m);
      return slices.map((_, i) => [
        splitSpectrumEntropy(spectra[4 * i], spectra[4 * i + 1]),
        splitSpectrumEntropy(spectra[4 * i + 2], spectra[4 * i + 3]),
      ]);
    },
  };
}

async function accurateEntropies(ctx: GpuContext, sweeps?: number): Promise<BathEntropies> {
  const refined = await createRefinedEntropies(ctx, sweeps);
  return {
    ...refined,
    blocksPerTime: 2,
    async entropies(slices, problems, m) {
      const s = await refined.run(slices.flatMap((b, i) => bathBlocks(b, problems[i])), m);
      return slices.map((_, i) => [s[2 * i], s[2 * i + 1]]);
    },
  };
}

/** @param sweeps cyclic Jacobi sweeps per block (the default of each mode when omitted) */
export async function webgpuEngine(ctx: GpuContext, precision: Precision = "fast", sweeps?: number): Promise<Engine> {
  const baths = precision === "accurate" ? await accurateEntropies(ctx, sweeps) : await fastEntropies(ctx, sweeps);
  const check = (problem: Problem) => baths.checkFits(Math.max(problem.KL, problem.KR));
  const runMany = (jobs: readonly EngineJob[], onTime?: (done: number) => void) => {
    for (const j of jobs) check(j.problem);
    return runWebgpu(baths, jobs, onTime);
  };
  return {
    name: `webgpu-${precision} (${ctx.adapterName})`,
    kernelStats: baths.stats,
    check,
    run: async (problem, times, onTime) => (await runMany([{ problem, times }], onTime))[0],
    runMany,
    close: () => ctx.release(),
  };
}

/**
 * All (job, t) points, in batches of as many times as one GPU submission holds, across jobs of the
 * same block size: a block is padded to the size set by its own problem, so its numbers do not depend
 * on what shares its batch, and runMany gives exactly what run gives.
 */
async function runWebgpu(
  baths: BathEntropies, jobs: readonly EngineJob[], onTime?: (done: number) => void,
): Promise<EngineRun[]> {
  const plans = jobs.map((j) => planRun(j.problem));
  const rows: Row[][] = jobs.map(() => []);
  const size = (j: EngineJob) => paddedSize(Math.max(j.problem.KL, j.problem.KR));
  let done = 0;
  for (const m of new Set(jobs.map(size))) {
    const points = jobs.flatMap((j, k) => (size(j) === m ? j.times.map((t) => ({ k, t })) : []));
    // times per GPU submission: the blocks of each time must fit one batch
    // (capped so that the f64 blocks waiting on the CPU stay a few hundred MB at most)
    const perBatch = Math.max(1, Math.min(Math.floor(baths.capacity(m) / baths.blocksPerTime), Math.floor(2 ** 22 / m ** 2)));
    for (let start = 0; start < points.length; start += perBatch) {
      const chunk = points.slice(start, start + perBatch);
      let t0 = performance.now();
      const slices = chunk.map(({ k, t }) => blocksAt(plans[k], t));
      record(baths.stats, "host: blocks of C(t) (f64, O(N²) per time)", (performance.now() - t0) / 1000, 0, false);
      const S = await baths.entropies(slices, chunk.map(({ k }) => jobs[k].problem), m);
      t0 = performance.now();
      chunk.forEach(({ k, t }, i) => {
        rows[k].push(rowAt(plans[k], t, slices[i], S[i][0], S[i][1]));
        onTime?.(++done);
      });
      record(baths.stats, "host: S_B, β*, μ*, decomposition (f64)", (performance.now() - t0) / 1000, 0, false);
    }
  }
  return plans.map((plan, k) => ({ meta: plan.meta, rows: rows[k] }));
}
