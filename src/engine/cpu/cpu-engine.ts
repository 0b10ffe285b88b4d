/** The CPU f64 reference engine: the whole of SPEC §2 at each requested time, O(N²) + 2·O(K³) per time. */
import type { Engine, EngineRun } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import { blocksAt, planRun, rowAt } from "../run-plan.ts";
import { type BlockSolver, inlineSolver, workerSolver } from "./block-pool.ts";

/**
 * @param solver where block entropies run; by default a pool of worker threads, one per core (Node's
 * worker_threads, or Web Workers in a page), else in-thread.
 */
export async function cpuEngine(solver?: BlockSolver): Promise<Engine> {
  const s = solver ?? (await workerSolver()) ?? inlineSolver;
  return {
    name: s.threads === 0 ? "cpu-f64" : `cpu-f64 (${s.threads} worker thread${s.threads > 1 ? "s" : ""})`,
    run: (problem, times, onTime) => runCpu(problem, times, onTime, s),
    close: () => s.close(),
  };
}

/**
 * Each time's blocks are formed on this thread and their entropies handed to the solver; with
 * workers, the times overlap (up to threads/2 + 1 of them in flight, i.e. about one block per worker
 * and the next ones ready) and rows are finished here in order as their entropies arrive.
 */
export async function runCpu(
  p: Problem, times: readonly number[], onTime?: (done: number) => void, solver: BlockSolver = inlineSolver,
): Promise<EngineRun> {
  const plan = planRun(p);
  const rows: Row[] = [];
  const window = Math.floor(solver.threads / 2) + 1;
  const inFlight: Promise<Row>[] = [];
  const settle = async () => {
    rows.push(await inFlight.shift()!);
    onTime?.(rows.length);
  };
  for (const t of times) {
    const b = blocksAt(plan, t);
    const SL = solver.entropy(b.LL.re, b.LL.im, p.KL);
    const SR = solver.entropy(b.RR.re, b.RR.im, p.KR);
    const row = Promise.all([SL, SR]).then(([sl, sr]) => rowAt(plan, t, b, sl, sr));
    // a failure surfaces where the row is awaited, not as an unhandled rejection meanwhile
    row.catch(() => {});
    inFlight.push(row);
    if (inFlight.length >= window) await settle();
  }
  while (inFlight.length > 0) await settle();
  return { meta: plan.meta, rows };
}
