/**
 * The benchmark report: its JSON form (`npm run bench -- --json FILE`, the page's export) and its
 * text, written once here for `npm run bench`, `setsim bench` and the benchmark page.
 */
import type { WorkloadResult } from "./measure.ts";

/** One engine's measurements on one machine. */
export interface BenchReport {
  /** e.g. "AMD EPYC 7B13 × 2 cores, node v20.20.0" or "Chrome 156 × 2 cores" */
  machine: string;
  engine: string;
  workloads: WorkloadResult[];
}

export const formatJobLine = (workload: string, job: WorkloadResult["jobs"][number]): string =>
  `  ${workload}: ${job.label}: ${job.seconds === null ? "–" : job.seconds.toFixed(3)} s`;

/** A workload's lines; `jobs: false` leaves out the per-job lines (printed live by `npm run bench`). */
export function formatWorkload(w: WorkloadResult, opts: { jobs?: boolean } = {}): string[] {
  const lines = opts.jobs === false ? [] : w.jobs.filter((j) => j.seconds !== null).map((j) => formatJobLine(w.name, j));
  const of = w.points < w.total ? ` of ${w.total}` : "";
  const stopped = w.stopped ? ` (stopped: ${w.stopped})` : "";
  lines.push(`${w.name}: ${w.points}${of} points in ${w.seconds.toFixed(3)} s = ${((1000 * w.seconds) / Math.max(w.points, 1)).toFixed(1)} ms/point${stopped}`);
  const g = w.gpu;
  if (g) {
    let host = 0;
    for (const [stage, s] of Object.entries(g.stages)) {
      const rate = s.flops > 0 ? `, ${(s.flops / s.seconds / 1e9).toFixed(2)} GFLOP/s` : "";
      lines.push(`    ${stage}: ${s.seconds.toFixed(3)} s (${((100 * s.seconds) / w.seconds).toFixed(0)} % of wall)${rate}`);
      if (stage.startsWith("host:")) host += s.seconds;
    }
    lines.push(`${w.name}: host stages ${host.toFixed(3)} s = ${((1000 * host) / Math.max(w.points, 1)).toFixed(2)} ms/point (the engine's thread waiting on host work, overlapping the GPU)`);
    const gpu = g.gpuSeconds ?? NaN;
    lines.push(`${w.name}: ${g.submissions} GPU submissions`);
    lines.push(`${w.name}: GPU kernels ${gpu.toFixed(3)} s of GPU time (timestamp queries), ${(g.flops / 1e9).toFixed(1)} GFLOP counted, ${(g.flops / gpu / 1e9).toFixed(2)} GFLOP/s (8 flops per complex multiply–add, in f32 or df64)`);
  }
  return lines;
}

export const formatMachine = (r: Pick<BenchReport, "machine" | "engine">): string => `machine: ${r.machine}; engine ${r.engine}`;

/** The whole report as `npm run bench` prints it. */
export function formatReport(r: BenchReport): string[] {
  return [formatMachine(r), ...r.workloads.flatMap((w) => formatWorkload(w))];
}

/** Reports from JSON: one report (`npm run bench -- --json`) or a list (the page's export, one per engine). */
export function parseBenchReports(text: string): BenchReport[] {
  const data: unknown = JSON.parse(text);
  const list = Array.isArray(data) ? data : [data];
  for (const r of list as BenchReport[]) {
    const ok = typeof r?.machine === "string" && typeof r.engine === "string" && Array.isArray(r.workloads) &&
      r.workloads.every((w) => typeof w.name === "string" && Number.isFinite(w.points) && Number.isFinite(w.seconds) && Array.isArray(w.jobs));
    if (!ok) throw new Error("not a setsim benchmark report (machine, engine, workloads[name, points, seconds, jobs])");
  }
  return list as BenchReport[];
}
