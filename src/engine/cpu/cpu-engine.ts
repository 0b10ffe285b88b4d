/** The CPU f64 reference engine: the whole of SPEC §2 at each requested time, O(N²) + 2·O(K³) per time. */
import type { Engine, EngineRun, RowListener } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import { blocksAt, planRun, rowAt } from "../run-plan.ts";
import { type BlockSolver, inlineSolver, workerSolver } from "./block-pool.ts";
import { coreCount } from "../threads/thread-pool.ts";
import { canSpawn } from "../threads/spawn.ts";
import { checkCpuMemory, cpuMemoryBudget } from "./memory.ts";

/** Longest stretch (ms) a run keeps its thread before letting events in. */
const YIELD_MS = 20;

/** Bath size from which a run's blocks go to the worker pool: below, a block costs less than its message. */
const POOL_FROM = 32;

/**
 * @param solver where block entropies run; by default a pool of worker threads, one per core (Node's
 * worker_threads, or Web Workers in a page), started on the first run with K ≥ 32, else in-thread.
 */
export async function cpuEngine(solver?: BlockSolver): Promise<Engine> {
  let pool: Promise<BlockSolver> | undefined;
  const threads = solver ? solver.threads : canSpawn() ? Math.min(16, await coreCount()) : 0;
  const solverFor = (p: Problem): Promise<BlockSolver> => {
    if (solver) return Promise.resolve(solver);
    if (threads === 0 || Math.max(p.KL, p.KR) < POOL_FROM) return Promise.resolve(inlineSolver);
    return (pool ??= workerSolver(threads).then((s) => s ?? inlineSolver));
  };
  const budget = await cpuMemoryBudget();
  return {
    name: threads === 0 ? "cpu-f64" : `cpu-f64 (${solver ? "" : "up to "}${threads} worker thread${threads > 1 ? "s" : ""})`,
    run: async (problem, times, onTime, onRow) => runCpu(problem, times, onTime, await solverFor(problem), onRow),
    check: (problem) => checkCpuMemory(problem, budget, Math.max(problem.KL, problem.KR) < POOL_FROM ? 1 : threads),
    close: () => {
      solver?.close();
      void pool?.then((s) => s.close());
    },
  };
}

/**
 * Each time's blocks are formed on this thread and their entropies handed to the solver; with
 * workers, the times overlap (up to threads/2 + 1 of them in flight, i.e. about one block per worker
 * and the next ones ready) and rows are finished here in order as their entropies arrive.
 */
export async function runCpu(
  p: Problem, times: readonly number[], onTime?: (done: number) => void, solver: BlockSolver = inlineSolver, onRow?: RowListener,
): Promise<EngineRun> {
  const plan = planRun(p);
  const rows: Row[] = [];
  const window = Math.floor(solver.threads / 2) + 1;
  const inFlight: Promise<Row>[] = [];
  let lastYield = performance.now();
  const settle = async () => {
    const row = await inFlight.shift()!;
    rows.push(row);
    onRow?.(rows.length - 1, row, plan.meta);
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
    // in-thread, the loop never leaves the microtask queue: let signals (Ctrl-C), timers and messages in
    if (performance.now() - lastYield > YIELD_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
  }
  while (inFlight.length > 0) await settle();
  return { meta: plan.meta, rows };
}
