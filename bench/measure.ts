/**
 * One workload through an engine, measured the same way in Node (bench.ts) and in a page
 * (browser-page.ts): wall time, points, and the change of the engine's counters (GPU submissions,
 * seconds per stage); `report` prints it. No Node imports here.
 */
import type { Engine, EngineRun } from "../src/engine/engine.ts";
import type { Job } from "./workloads.ts";
import { deletedRowPoles } from "../src/spectrum/deleted-row.ts";
import { initialOccupations } from "../src/model/initial-state.ts";
import { ROW_COLUMNS, type Row } from "../src/observables/columns.ts";

export interface Measured {
  engine: string;
  seconds: number;
  points: number;
  runs: EngineRun[];
  /** differences of the engine's counters over the workload, where it has them */
  submissions?: number;
  gpuSeconds?: number;
  flops?: number;
  stages?: Record<string, { seconds: number; flops: number }>;
}

export async function measure(engine: Engine, jobs: Job[], log: (line: string) => void = () => {}): Promise<Measured> {
  const k0 = engine.kernelStats && structuredClone(engine.kernelStats);
  const t0 = performance.now();
  // an engine that packs jobs (the GPU: many Γ per submission) gets the whole workload at once
  const runs: EngineRun[] = [];
  if (engine.runMany) runs.push(...(await engine.runMany(jobs)));
  else {
    for (const job of jobs) {
      const s = performance.now();
      runs.push(await engine.run(job.problem, job.times));
      log(`  ${job.label}: ${((performance.now() - s) / 1000).toFixed(3)} s`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const points = jobs.reduce((n, j) => n + j.times.length, 0);
  const out: Measured = { engine: engine.name, seconds, points, runs };
  const k1 = engine.kernelStats;
  if (k0 && k1) {
    out.submissions = k1.submissions - k0.submissions;
    out.gpuSeconds = k1.gpuSeconds - k0.gpuSeconds;
    out.flops = k1.flops - k0.flops;
    out.stages = Object.fromEntries(Object.entries(k1.stages).map(([stage, now]) => [stage, {
      seconds: now.seconds - (k0.stages[stage]?.seconds ?? 0), flops: now.flops - (k0.stages[stage]?.flops ?? 0),
    }]));
  }
  return out;
}

/** The lines a measurement prints: wall, per point, stages, host share, submissions, GPU totals, secular work. */
export function report(name: string, m: Measured, jobs: Job[]): string[] {
  const lines = [`${name}: ${m.points} points in ${m.seconds.toFixed(3)} s = ${((1000 * m.seconds) / m.points).toFixed(1)} ms/point (${m.engine})`];
  if (!m.stages) return lines;
  let host = 0;
  for (const [stage, s] of Object.entries(m.stages)) {
    const rate = s.flops > 0 ? `, ${(s.flops / s.seconds / 1e9).toFixed(2)} GFLOP/s` : "";
    lines.push(`    ${stage}: ${s.seconds.toFixed(3)} s (${((100 * s.seconds) / m.seconds).toFixed(0)} % of wall)${rate}`);
    if (stage.startsWith("host:")) host += s.seconds;
  }
  lines.push(`${name}: host stages ${host.toFixed(3)} s = ${((1000 * host) / m.points).toFixed(2)} ms/point (waits of the engine's thread on host work, overlapping the GPU)`);
  lines.push(`${name}: ${m.submissions} GPU submissions`);
  lines.push(`${name}: GPU kernels ${m.gpuSeconds!.toFixed(3)} s of GPU time (timestamp queries), ${(m.flops! / 1e9).toFixed(1)} GFLOP counted, ${(m.flops! / m.gpuSeconds! / 1e9).toFixed(2)} GFLOP/s (Jacobi: 32 flops per element per round, +16 with vectors; df64: 8 per complex multiply–add)`);
  // the secular equation's size: one root per pole group, each Newton step sums over all poles
  let roots = 0;
  let terms = 0;
  for (const j of jobs) {
    const P = deletedRowPoles(initialOccupations(j.problem)).value.length;
    roots += P * j.times.length;
    terms += P * P * j.times.length;
  }
  lines.push(`${name}: S_B on the GPU: ${roots} secular roots, ${(terms / 1e6).toFixed(1)} M pole terms per Newton step over all roots (~5 steps a root)`);
  return lines;
}

/** max over times and SPEC §2 columns of |x − x_f64|/max(|x_f64|, 1), and where. */
export function worstError(rows: Row[], ref: Row[]): string {
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
