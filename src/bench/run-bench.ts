/**
 * Benchmarks in this process (`npm run bench`, `setsim bench --runtime node`): each named workload
 * timed on one engine, its lines printed as they come, the whole kept as a BenchReport.
 */
import os from "node:os";
import type { Engine, EngineRun } from "../engine/engine.ts";
import { measureWorkload } from "./measure.ts";
import { type BenchReport, formatJobLine, formatMachine, formatWorkload } from "./report.ts";
import { type BenchJob, workload } from "./workloads.ts";

export const nodeMachine = (): string => `${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} cores, node ${process.version}`;

export interface BenchHooks {
  /** names that are not workloads but measurements of their own (bench.ts's host-k1000, tridiag-k1000) */
  special?: Record<string, () => Promise<void>>;
  /** after a workload's runs, before its summary lines (bench.ts's --compare) */
  afterRun?(name: string, jobs: readonly BenchJob[], runs: readonly EngineRun[]): Promise<void>;
}

/** Times `names` (SPEC §5's at bath size K where K is given) on `engine`, printing each line. */
export async function benchInProcess(engine: Engine, names: readonly string[], K: number | undefined, print: (line: string) => void, hooks: BenchHooks = {}): Promise<BenchReport> {
  const report: BenchReport = { machine: nodeMachine(), engine: engine.name, workloads: [] };
  print(formatMachine(report));
  for (const name of names) {
    const special = hooks.special?.[name];
    if (special) {
      await special();
      continue;
    }
    const w = workload(name, K);
    const { result, runs } = await measureWorkload(engine, w.name, w.jobs, { onJob: (job) => print(formatJobLine(w.name, job)) });
    await hooks.afterRun?.(w.name, w.jobs, runs);
    formatWorkload(result, { jobs: false }).forEach((line) => print(line));
    report.workloads.push(result);
  }
  return report;
}
