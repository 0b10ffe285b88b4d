/**
 * The WebGPU engine: the bath blocks of C(t) and their O(K³) entropies S_L, S_R, for many (Γ, t)
 * points at once on the GPU; the O(N²) vectors of C(t) and everything else from the shared f64 run
 * plan. I_S−B never touches the GPU: S_B comes from the deleted-row secular equation in f64, so only
 * S_L and S_R carry GPU rounding.
 *
 * Where double-float holds on the adapter (checked at start-up), both modes form the blocks in df64
 * on the GPU, reduce them to tridiagonal form and bisect for every eigenvalue, all in df64
 * (tridiagonal-eigenvalues.ts); the host sums h. Eigenvalues come out to ~1e−13 absolute, so a graded bath block keeps its
 * entropy to ~1e−11 at K = 1000, within both modes' bars.
 *
 * Where it does not, fast mode falls back to f32 cyclic Jacobi on host-formed blocks, each block
 * sent as C and as 1 − C (whose entries near 0 are exact in f32 where C's are near 1, so the graded
 * matrix keeps its small eigenvalues accurate): h is taken on λ(C) for the lower half of the
 * spectrum and on λ(1 − C) for the upper half. Its error grows about as K^1.6 (6e−5 at K = 128,
 * 1e−2 at K = 1000 on an H100); accurate mode refuses such an adapter.
 */
import type { Engine, EngineJob, EngineRun, Precision } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import { bathBlock } from "../../propagation/correlation-blocks.ts";
import { binaryEntropy } from "../../thermo/fermi.ts";
import { spectrumEntropy } from "../../observables/block-entropy.ts";
import { hamiltonian } from "../../model/hamiltonian.ts";
import { type HostWork, inlineHost, workerHost } from "../host-pool.ts";
import type { GpuContext } from "./device.ts";
import { DeviceLimitError } from "../../errors.ts";
import { createJacobiEigenvalues } from "./jacobi-eigenvalues.ts";
import { complement, type KernelStats, kernelStats, paddedSize, record } from "./gpu-batch.ts";
import { createBlockFormer, type FormInput } from "./block-former.ts";
import { probeDf64 } from "./df64-probe.ts";
import { tridiagonalPathError } from "./kernel-check.ts";
import { createTridiagonalEigenvalues } from "./tridiagonal-eigenvalues.ts";
import type { Df64Constants } from "./df64-probe.ts";

/** S = Σ h over the spectrum, each eigenvalue from whichever of C, 1 − C holds it near 0. */
export function splitSpectrumEntropy(ofC: Float64Array, ofComplement: Float64Array): number {
  const n = ofC.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += binaryEntropy(ofC[i] <= 0.5 ? ofC[i] : ofComplement[n - 1 - i]);
  return s;
}

/** How a precision mode turns the vectors of C(t) at many (problem, t) points into (S_L, S_R) pairs. */
interface BathEntropies {
  /** "tridiagonal" (df64) or "jacobi" (the f32 fallback) */
  method: "tridiagonal" | "jacobi";
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
 * Both modes where double-float holds: C_L, C_R formed in df64 on the GPU straight into the
 * tridiagonal reduction, so the host does O(N²) per time and uploads O(N). Undefined when the
 * compiled kernels miss the f64 spectra of a fixed graded case (a compiler that broke df64 inside
 * them, past the probe).
 */
async function tridiagonalEntropies(ctx: GpuContext, exact: Df64Constants): Promise<BathEntropies | undefined> {
  const former = await createBlockFormer(ctx, exact);
  const tri = await createTridiagonalEigenvalues(ctx, exact);
  if (!(await tridiagonalPathError(ctx, former, tri) < 1e-11)) return undefined;
  Object.assign(tri.stats, kernelStats(ctx.device));
  return {
    capacity: tri.capacity,
    checkFits: tri.checkFits,
    stats: tri.stats,
    method: "tridiagonal",
    blocksPerTime: 2,
    hostBytesPerTime: () => 0,
    async entropies(points, m) {
      const spectra = await tri.runFormed(former, points, m);
      return points.map((_, i) => [spectrumEntropy(spectra[2 * i]), spectrumEntropy(spectra[2 * i + 1])]);
    },
  };
}

/** fast mode without exact double-float: f32 Jacobi of host-formed C and 1 − C. */
async function jacobiEntropies(ctx: GpuContext, sweeps?: number): Promise<BathEntropies> {
  const jacobi = await createJacobiEigenvalues(ctx, sweeps);
  const hostBlocks = (points: readonly FormInput[]) => points.flatMap(({ v, h, KL, KR }) => {
    const L = { ...bathBlock(h, v, 1, KL), n: KL };
    const R = { ...bathBlock(h, v, 1 + KL, KR), n: KR };
    return [L, complement(L), R, complement(R)];
  });
  return {
    ...jacobi,
    method: "jacobi",
    blocksPerTime: 4,
    hostBytesPerTime: (m) => 4 * 16 * m * m,
    async entropies(points, m) {
      const spectra = await jacobi.run(hostBlocks(points), m);
      return points.map((_, i) => [
        splitSpectrumEntropy(spectra[4 * i], spectra[4 * i + 1]),
        splitSpectrumEntropy(spectra[4 * i + 2], spectra[4 * i + 3]),
      ]);
    },
  };
}

/** The double-float path where it holds; else Jacobi in fast mode, and a refusal in accurate mode. */
async function bathEntropies(ctx: GpuContext, precision: Precision, sweeps?: number): Promise<BathEntropies> {
  let why = "";
  const exact = await probeDf64(ctx).catch((e: unknown) => {
    if (!(e instanceof DeviceLimitError)) throw e;
    why = e.message;
    return undefined;
  });
  const tri = exact && (await tridiagonalEntropies(ctx, exact));
  if (tri) return tri;
  if (precision === "fast") return jacobiEntropies(ctx, sweeps);
  throw new DeviceLimitError(why || "--precision accurate: this adapter's compiled double-float kernels miss the f64 spectra of a fixed case; use --precision fast or --engine cpu");
}

/**
 * @param sweeps cyclic Jacobi sweeps per block, where fast mode falls back to Jacobi (default 10)
 * @param hostThreads worker threads for the host's f64 share (0: in-thread; default: in Node, all cores
 * but one once N ≥ 256)
 */
export async function webgpuEngine(ctx: GpuContext, precision: Precision = "fast", sweeps?: number, hostThreads?: number): Promise<Engine> {
  const baths = await bathEntropies(ctx, precision, sweeps);
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
    name: `webgpu-${precision}${baths.method === "jacobi" ? "-jacobi" : ""} (${ctx.adapterName})`,
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
  // the plans (ℋ's spectrum, the references) are made where the points are computed: on the
  // workers, each job on first use; the main thread needs only ℋ to pack the vectors
  const hs = jobs.map((j) => hamiltonian(j.problem));
  const run = runs++;
  const name = (k: number) => `${run}:${k}`;
  jobs.forEach((j, k) => host.plan(name(k), j.problem));
  const metas = jobs.map((_, k) => host.meta(name(k)));
  metas.forEach((m) => m.catch(() => {}));
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
        const slices = chunk.map(({ k }, i) => ({ v: vectors[i], h: hs[k], KL: jobs[k].problem.KL, KR: jobs[k].problem.KR }));
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
    // each worker takes its messages in order: the meta requests, sent first, are answered before this
    jobs.forEach((_, k) => host.forget(name(k)));
  }
  const meta = await Promise.all(metas);
  return jobs.map((_, k) => ({ meta: meta[k], rows: rows[k] }));
}

const threads = (host: HostWork) => (host.threads > 0 ? `, ${host.threads} worker thread${host.threads > 1 ? "s" : ""}` : "");
