/**
 * The WebGPU engine: the bath blocks of C(t) (fast mode) and their O(K³) entropies S_L, S_R, for many
 * (Γ, t) points at once on the GPU; the O(N²) vectors of C(t) and everything else from the shared
 * f64 run plan. I_S−B never touches f32: S_B comes from the
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
import { bathBlock } from "../../propagation/correlation-blocks.ts";
import { binaryEntropy } from "../../thermo/fermi.ts";
import { planRun } from "../run-plan.ts";
import { type HostWork, inlineHost, workerHost } from "../host-pool.ts";
import type { GpuContext } from "./device.ts";
import { DeviceLimitError } from "../../errors.ts";
import { createJacobiEigenvalues } from "./jacobi-eigenvalues.ts";
import { createRefinedEntropies } from "./refined-entropies.ts";
import { complement, type KernelStats, paddedSize, record } from "./gpu-batch.ts";
import { createBlockFormer, type FormInput } from "./block-former.ts";
import { probeDf64 } from "./df64-probe.ts";
import { blockFormerWorks } from "./kernel-check.ts";

/** S = Σ h over the spectrum, each eigenvalue from whichever of C, 1 − C holds it near 0. */
export function splitSpectrumEntropy(ofC: Float64Array, ofComplement: Float64Array): number {
  const n = ofC.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += binaryEntropy(ofC[i] <= 0.5 ? ofC[i] : ofComplement[n - 1 - i]);
  return s;
}

/** How a precision mode turns the vectors of C(t) at many (problem, t) points into (S_L, S_R) pairs. */
interface BathEntropies {
  /** GPU blocks each time needs */
  blocksPerTime: number;
  /** f64 block bytes the host holds per time of a batch (0 where the GPU forms the blocks) */
  hostBytesPerTime(m: number): number;
  /** (S_L, S_R) at each point; every block padded to m; the points fit one batch */
  entropies(points: readonly FormInput[], m: number): Promise<[number, number][]>;
  capacity(n: number): number;
  checkFits(n: number): void;
  stats: KernelStats;
}

/**
 * fast: the blocks are formed on the GPU from the vectors (block-former.ts) straight into the Jacobi
 * input, so the host does O(N²) per time and uploads O(N). Forming needs exact double-float; on an
 * adapter without it the blocks are formed on the host in f64 and uploaded instead.
 */
async function fastEntropies(ctx: GpuContext, sweeps?: number): Promise<BathEntropies> {
  const jacobi = await createJacobiEigenvalues(ctx, sweeps);
  // an adapter without exact df64 refuses with DeviceLimitError: then, and only then, form on the host
  const exact = await probeDf64(ctx).catch((e: unknown) => {
    if (e instanceof DeviceLimitError) return undefined;
    throw e;
  });
  const candidate = exact && (await createBlockFormer(ctx, exact));
  const former = candidate && (await blockFormerWorks(ctx, candidate)) ? candidate : undefined;
  const hostBlocks = (points: readonly FormInput[]) => points.flatMap(({ v, h, KL, KR }) => {
    const L = { ...bathBlock(h, v, 1, KL), n: KL };
    const R = { ...bathBlock(h, v, 1 + KL, KR), n: KR };
    return [L, complement(L), R, complement(R)];
  });
  return {
    ...jacobi,
    blocksPerTime: 4,
    hostBytesPerTime: (m) => (former ? 0 : 4 * 16 * m * m),
    async entropies(points, m) {
      const spectra = former ? await jacobi.runFormed(former, points, m) : await jacobi.run(hostBlocks(points), m);
      return points.map((_, i) => [
        splitSpectrumEntropy(spectra[4 * i], spectra[4 * i + 1]),
        splitSpectrumEntropy(spectra[4 * i + 2], spectra[4 * i + 3]),
      ]);
    },
  };
}

/** accurate: the refinement needs A to f64 accuracy, so the blocks are formed on the host in f64. */
async function accurateEntropies(ctx: GpuContext, sweeps?: number): Promise<BathEntropies> {
  const refined = await createRefinedEntropies(ctx, sweeps);
  return {
    ...refined,
    blocksPerTime: 2,
    hostBytesPerTime: (m) => 2 * 16 * m * m,
    async entropies(points, m) {
      const t0 = performance.now();
      const blocks = points.flatMap(({ v, h, KL, KR }) => [{ ...bathBlock(h, v, 1, KL), n: KL }, { ...bathBlock(h, v, 1 + KL, KR), n: KR }]);
      record(refined.stats, "host: bath blocks (f64, O(K²) per time)", (performance.now() - t0) / 1000, 0, false);
      const s = await refined.run(blocks, m);
      return points.map((_, i) => [s[2 * i], s[2 * i + 1]]);
    },
  };
}

/**
 * @param sweeps cyclic Jacobi sweeps per block (the default of each mode when omitted)
 * @param hostThreads worker threads for the host's f64 share (0: in-thread; default: in Node, all cores
 * but one once N ≥ 256)
 */
export async function webgpuEngine(ctx: GpuContext, precision: Precision = "fast", sweeps?: number, hostThreads?: number): Promise<Engine> {
  const baths = precision === "accurate" ? await accurateEntropies(ctx, sweeps) : await fastEntropies(ctx, sweeps);
  // worker threads pay off from a few ms of host work a point (N ≈ 256); spawned at the first such run
  const inline = inlineHost();
  let pool: Promise<HostWork | null> | undefined;
  const hostFor = async (jobs: readonly EngineJob[]): Promise<HostWork> => {
    const N = Math.max(...jobs.map((j) => j.problem.KL + j.problem.KR + 1));
    if (hostThreads === 0 || (hostThreads === undefined && N < 256)) return inline;
    pool ??= workerHost(hostThreads);
    return (await pool) ?? inline;
  };
  const check = (problem: Problem) => baths.checkFits(Math.max(problem.KL, problem.KR));
  const runMany = async (jobs: readonly EngineJob[], onTime?: (done: number) => void) => {
    for (const j of jobs) check(j.problem);
    return runWebgpu(baths, await hostFor(jobs), jobs, onTime);
  };
  return {
    name: `webgpu-${precision} (${ctx.adapterName})`,
    kernelStats: baths.stats,
    check,
    run: async (problem, times, onTime) => (await runMany([{ problem, times }], onTime))[0],
    runMany,
    close: () => {
      void pool?.then((p) => p?.close());
      ctx.release();
    },
  };
}

/** Distinct job names across runs, for the host workers' plan caches. */
let runs = 0;

/** f64 bath blocks held on the host per batch at most (two batches are alive at once, and the packed copies add about as much again) */
const HOST_BYTES = 2 ** 28;

/**
 * All (job, t) points, in batches of as many times as one GPU submission holds, across jobs of the
 * same block size: a block is padded to the size set by its own problem, so its numbers do not depend
 * on what shares its batch, and runMany gives exactly what run gives.
 */
async function runWebgpu(
  baths: BathEntropies, host: HostWork, jobs: readonly EngineJob[], onTime?: (done: number) => void,
): Promise<EngineRun[]> {
  const plans = jobs.map((j) => planRun(j.problem));
  const run = runs++;
  const name = (k: number) => `${run}:${k}`;
  plans.forEach((plan, k) => host.plan(name(k), jobs[k].problem, plan));
  const rows: Row[][] = jobs.map(() => []);
  const size = (j: EngineJob) => paddedSize(Math.max(j.problem.KL, j.problem.KR));
  let done = 0;
  let id = 0;
  try {
    for (const m of new Set(jobs.map(size))) {
      const points = jobs.flatMap((j, k) => (size(j) === m ? j.times.map((t) => ({ k, t, id: id++ })) : []));
      // times per GPU submission: the blocks of each time must fit one batch, and the f64 blocks a
      // batch holds on the host (where it forms them) stay within HOST_BYTES
      const hostBytes = baths.hostBytesPerTime(m);
      const perBatch = Math.max(1, Math.min(
        Math.floor(baths.capacity(m) / baths.blocksPerTime), hostBytes > 0 ? Math.floor(HOST_BYTES / hostBytes) : Infinity,
      ));
      // one batch in flight while the host prepares the next: the O(N²) vectors of batch i + 1 are
      // computed while the GPU works on batch i (entropies() submits before its first await)
      let inFlight: { chunk: typeof points; S: Promise<[number, number][]> } | undefined;
      const finish = async (f: NonNullable<typeof inFlight>) => {
        const S = await f.S;
        const t0 = performance.now();
        const done_ = await Promise.all(f.chunk.map(({ k, t, id: p }, i) => host.row(name(k), p, t, S[i][0], S[i][1])));
        f.chunk.forEach(({ k }, i) => {
          rows[k].push(done_[i]);
          onTime?.(++done);
        });
        record(baths.stats, `host: S_B, β*, μ*, decomposition (f64${threads(host)})`, (performance.now() - t0) / 1000, 0, false);
      };
      for (let start = 0; start < points.length; start += perBatch) {
        const chunk = points.slice(start, start + perBatch);
        const t0 = performance.now();
        const vectors = await Promise.all(chunk.map(({ k, t, id: p }) => host.vectors(name(k), p, t)));
        const slices = chunk.map(({ k }, i) => ({ v: vectors[i], h: plans[k].h, KL: jobs[k].problem.KL, KR: jobs[k].problem.KR }));
        record(baths.stats, `host: vectors of C(t) (f64, O(N²) per time${threads(host)})`, (performance.now() - t0) / 1000, 0, false);
        const S = baths.entropies(slices, m);
        // a failure surfaces at its await below, not as an unhandled rejection meanwhile
        S.catch(() => {});
        if (inFlight) await finish(inFlight);
        inFlight = { chunk, S };
      }
      if (inFlight) await finish(inFlight);
    }
  } finally {
    plans.forEach((_, k) => host.forget(name(k)));
  }
  return plans.map((plan, k) => ({ meta: plan.meta, rows: rows[k] }));
}

const threads = (host: HostWork) => (host.threads > 0 ? `, ${host.threads} worker thread${host.threads > 1 ? "s" : ""}` : "");
