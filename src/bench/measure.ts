/**
 * Timing one workload on one engine, the same way everywhere (`npm run bench`, `setsim bench`, the
 * benchmark page): an engine that packs jobs (the GPU) gets them all in one `runMany`, others one job
 * after another; GPU engines add what their `kernelStats` counted meanwhile (per pass and per stage).
 */
import type { Engine, EngineRun } from "../engine/engine.ts";
import type { BenchJob } from "./workloads.ts";
import { ROW_COLUMNS, type Row } from "../observables/columns.ts";

/** Where a GPU engine's time went during one workload (a difference of `kernelStats`). */
export interface GpuTimes {
  /** GPU time by timestamp queries (null where the adapter has none) */
  gpuSeconds: number | null;
  flops: number;
  submissions: number;
  stages: Record<string, { seconds: number; flops: number }>;
}

/** One workload's measurement: what `npm run bench -- --json` writes, one per workload. */
export interface WorkloadResult {
  name: string;
  engine: string;
  /** points computed, of `total` */
  points: number;
  total: number;
  seconds: number;
  /** each job, with its own time where jobs ran one after another */
  jobs: Array<{ label: string; points: number; seconds: number | null }>;
  gpu: GpuTimes | null;
  /** set where the workload was stopped before its last point (the page's CPU side) */
  stopped?: string;
}

type Stats = NonNullable<Engine["kernelStats"]>;

function gpuTimes(before: Stats, after: Stats): GpuTimes {
  const stages: GpuTimes["stages"] = {};
  for (const [stage, now] of Object.entries(after.stages)) {
    stages[stage] = { seconds: now.seconds - (before.stages[stage]?.seconds ?? 0), flops: now.flops - (before.stages[stage]?.flops ?? 0) };
  }
  const gpu = after.gpuSeconds - before.gpuSeconds;
  return { gpuSeconds: Number.isFinite(gpu) ? gpu : null, flops: after.flops - before.flops, submissions: after.submissions - before.submissions, stages };
}

export interface MeasureHooks {
  /** after each point: points done so far */
  onPoint?(done: number): void;
  /** after each job, where jobs run one after another */
  onJob?(job: WorkloadResult["jobs"][number]): void;
}

/** Runs `jobs` on `engine` and times them; the runs come back too (for accuracy checks). */
export async function measureWorkload(engine: Engine, name: string, jobs: readonly BenchJob[], hooks: MeasureHooks = {}): Promise<{ result: WorkloadResult; runs: EngineRun[] }> {
  const before = engine.kernelStats && structuredClone(engine.kernelStats);
  const total = jobs.reduce((n, j) => n + j.times.length, 0);
  const timed: WorkloadResult["jobs"] = [];
  let done = 0;
  const t0 = performance.now();
  let runs: EngineRun[];
  if (engine.runMany) {
    runs = await engine.runMany(jobs, (d) => hooks.onPoint?.(d));
    timed.push(...jobs.map((j) => ({ label: j.label, points: j.times.length, seconds: null })));
  } else {
    runs = [];
    for (const job of jobs) {
      const s = performance.now();
      runs.push(await engine.run(job.problem, job.times, () => hooks.onPoint?.(++done)));
      timed.push({ label: job.label, points: job.times.length, seconds: (performance.now() - s) / 1000 });
      hooks.onJob?.(timed[timed.length - 1]);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const gpu = before && engine.kernelStats ? gpuTimes(before, engine.kernelStats) : null;
  return { result: { name, engine: engine.name, points: total, total, seconds, jobs: timed, gpu }, runs };
}

/** max over times and SPEC §2 columns of |x − x_f64|/max(|x_f64|, 1), and where (`--compare`). */
export function worstError(rows: readonly Row[], ref: readonly Row[]): string {
  let worst = 0;
  let where = "none";
  ref.forEach((r, i) => {
    for (const c of ROW_COLUMNS) {
      if (!Number.isFinite(r[c])) continue;
      const e = Math.abs(rows[i][c] - r[c]) / Math.max(Math.abs(r[c]), 1);
      if (e > worst) {
        worst = e;
        where = `${c} at t=${r.t}`;
      }
    }
  });
  return `${worst.toExponential(2)} (${where})`;
}
