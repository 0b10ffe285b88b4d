/**
 * Fast mode's bath blocks up to F32_UP_TO (bath-entropies.ts; every block where double-float does
 * not hold), all f32 on the GPU: their entropies by graded Rayleigh–Ritz
 * from their exact factors (src/spectrum/graded-ritz.ts, graded-ritz-gpu.ts). The host computes each
 * time's FactorVectors (group sums and phases of U, f64, O(N·G) a time, this thread); the GPU forms
 * each block's factor B (rows of conj(U); factor-former.ts, on the host where the GPU's df64 fails its
 * check) and returns m values a block, and S = Σ h over them in f64. The row's vectors of C(t) and
 * S_B come from the df64 kernels where double-float holds (`formers`, point-states.ts: O(N²) a point
 * off the host), else from the host workers (f64).
 * Checked at start-up on a fixed graded case against f64 (check-cases.ts).
 */
import type { HostWork } from "../host-pool.ts";
import type { GpuContext } from "./device.ts";
import type { BathEntropies } from "./bath-entropies.ts";
import { threads } from "./bath-entropies.ts";
import { bathBlock, factorVectors } from "../../propagation/correlation-blocks.ts";
import { spectrumEntropy } from "../../observables/block-entropy.ts";
import { hermitianEigenvalues } from "../../spectrum/hermitian-eigenvalues.ts";
import { createGradedRitz, type FactorBlock } from "./graded-ritz-gpu.ts";
import { DeviceLimitError } from "../../errors.ts";
import { type KernelStats, kernelStats, record } from "./gpu-batch.ts";
import { checkPoints } from "./check-cases.ts";
import { planTimes, type TimePlan, vectorsAt } from "../run-plan.ts";
import type { PointState } from "../host-jobs.ts";
import { runStates, type StateFormers, statesFrom, statesPerBatch } from "./point-states.ts";

/** Worst |ΔS| of the start-up check allowed (the path gives ~1e−6 on the check's K ≤ 14 blocks). */
const CHECK_BOUND = 1e-5;

/** Depth (columns of B) a batch pads to for blocks of m rows: N ≤ 2m + 1. */
const depthFor = (m: number) => 2 * m + 1;

/** Where gradedEntropies gets its vectors of C(t), how it checks itself, and what it records. */
export interface GradedOptions {
  /** the df64 vector and S_B kernels, where double-float holds (checked by the caller); else the host's */
  formers?: StateFormers;
  /** the start-up check's bound (tests set one below f32's reach to see a refusal) */
  checkBound?: number;
  /** where to record its passes (default: statistics of its own) */
  stats?: KernelStats;
  /** device bytes one batch may hold (graded-ritz-gpu.ts) */
  batchBytes?: number;
}

export async function gradedEntropies(
  ctx: GpuContext, { formers, checkBound = CHECK_BOUND, stats = kernelStats(ctx.device), batchBytes }: GradedOptions = {},
): Promise<BathEntropies> {
  const ritz = await createGradedRitz(ctx, { stats, batchBytes });
  const blocksOf = (plan: TimePlan, t: number): FactorBlock[] => {
    const { KL, KR } = plan.problem;
    const v = factorVectors(plan.spectrum, t);
    return [[1, KL], [1 + KL, KR]].map(([start, K]) => ({ e: plan.spectrum, v, start, K, n: plan.n0 }));
  };
  // start-up check: S of the check's blocks (one graded thermal, one with an uncoupled bath) against
  // f64, and of one K = 70 pair, so that the register-blocked products (from 64) and full Householder
  // panels (from 34) run too
  {
    const small = checkPoints();
    const large = [{ plan: planTimes({ ...small[0].plan.problem, KL: 70, KR: 66 }), t: 300 }];
    let worst = 0;
    for (const [points, m] of [[small, 14], [large, 70]] as const) {
      // in as many batches as the batch size asks
      const per = 2 * Math.floor(ritz.capacity(m, depthFor(m)) / 2);
      const blocks = points.flatMap(({ plan, t }) => blocksOf(plan, t));
      const values: Float64Array[] = [];
      for (let at = 0; at < blocks.length; at += per) values.push(...(await ritz.run(blocks.slice(at, at + per), m, depthFor(m))));
      points.forEach(({ plan, t }, i) => {
        const v = vectorsAt(plan, t);
        const { KL, KR } = plan.problem;
        [[1, KL], [1 + KL, KR]].forEach(([start, K], bath) => {
          const b = bathBlock(plan.h, v, start, K);
          worst = Math.max(worst, Math.abs(spectrumEntropy(values[2 * i + bath]) - spectrumEntropy(hermitianEigenvalues(b.re, b.im, K))));
        });
      });
    }
    if (!(worst < checkBound)) {
      throw new DeviceLimitError(`--precision fast: this adapter's f32 kernels miss the f64 entropies of a fixed case by ${worst.toExponential(1)} (allowed ${checkBound.toExponential(0)}); use --engine cpu`, worst, checkBound);
    }
  }
  // the run's statistics start after the check
  Object.assign(ritz.stats, kernelStats(ctx.device));
  const capacity = (m: number) => ritz.capacity(m, depthFor(m));
  // a time's two blocks go to one batch
  const checkFits = (n: number) => {
    if (capacity(n + (n % 2)) < 2) {
      throw new DeviceLimitError(`a ${n}-mode bath block's factor needs ${n * depthFor(n) * 8} bytes in one GPU buffer, more than this device allows (use a smaller K or --engine cpu)`, n * depthFor(n) * 8, 0);
    }
  };
  return {
    method: "graded",
    plans: true,
    capacity,
    checkFits,
    stats: ritz.stats,
    timesPerBatch: (m) => Math.min(Math.floor(capacity(m) / 2), formers ? statesPerBatch(ctx, m) : Infinity),
    // the host holds a time's FactorVectors (~80 bytes a mode in f64) and their packed copy (~84), or
    // where it forms B itself, both blocks' B in f64 and f32
    hostBytesPerTime: (m) => (ritz.factors === "gpu" ? 200 : 2 * 16 * m) * depthFor(m),
    async evaluate(points, m, host) {
      const t0 = performance.now();
      const plans = await Promise.all(points.map(({ job }) => job.plan!));
      // t = 0 from the host's f64 vectors either way (point-states.ts says why)
      const onHost = points.map(({ job, slot, t }) => (!formers || t === 0 ? host.vectors(job.name, slot, t) : undefined));
      const onGpu = formers && runStates(ctx, formers, points.map(({ t }, i) => ({ plan: plans[i], t })), ritz.stats);
      const pending = Promise.all([onGpu, ...onHost]);
      // awaited after the blocks: should those fail first, this must not end the process as unhandled
      pending.catch(() => {});
      const blocks = points.flatMap(({ t }, i) => blocksOf(plans[i], t));
      // where the GPU's df64 failed its check, B is formed on the host too, inside the GPU stage's time
      record(ritz.stats, `host: vectors of the bath factors (group sums of U, f64, O(N·G) a time, this thread${ritz.factors === "host" ? "; B itself on the host" : ""})`, (performance.now() - t0) / 1000, 0, false);
      const values = await ritz.run(blocks, m, depthFor(m));
      const t1 = performance.now();
      const [gpu, ...hostStates] = await pending;
      const states = gpu ? statesFrom(plans, gpu.modes, gpu.entropyChanges, hostStates) : (hostStates as PointState[]);
      record(ritz.stats, gpu ? "host: reading the vectors of C(t) (O(N) a point, this thread)" : `host: vectors of C(t) (f64, O(N²) per time${threads(host)})`, (performance.now() - t1) / 1000, 0, false);
      return points.map((_, i) => ({ SL: spectrumEntropy(values[2 * i]), SR: spectrumEntropy(values[2 * i + 1]), state: states[i] }));
    },
  };
}
