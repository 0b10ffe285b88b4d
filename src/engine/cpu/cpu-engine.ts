/** The CPU f64 reference engine: the whole of SPEC §2 at each requested time, O(N²) + 2·O(K³) per time. */
import type { Engine, EngineRun, RowListener } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import { blockEntropy } from "../../observables/block-entropy.ts";
import { blocksAt, planRun, rowAt } from "../run-plan.ts";
import { type BlockSolver, inlineSolver, workerSolver } from "./block-pool.ts";
import { checkCpuMemory, cpuMemoryBudget } from "./memory.ts";

/** @param solver where block entropies run; the default worker solver uses a second core in Node. */
export async function cpuEngine(solver?: BlockSolver): Promise<Engine> {
  const s = solver ?? (await workerSolver()) ?? inlineSolver;
  const budget = await cpuMemoryBudget();
  return {
    name: s === inlineSolver ? "cpu-f64" : "cpu-f64 (2 threads)",
    run: (problem, times, onTime, onRow) => runCpu(problem, times, onTime, s, onRow),
    check: (problem) => checkCpuMemory(problem, budget),
    close: () => s.close(),
  };
}

export async function runCpu(
  p: Problem, times: readonly number[], onTime?: (done: number) => void, solver: BlockSolver = inlineSolver, onRow?: RowListener,
): Promise<EngineRun> {
  const plan = planRun(p);
  const rows: Row[] = [];
  for (const t of times) {
    const b = blocksAt(plan, t);
    const SR = solver.entropy(b.RR.re, b.RR.im, p.KR);
    const SL = blockEntropy(b.LL.re, b.LL.im, p.KL);
    const row = rowAt(plan, t, b, SL, await SR);
    rows.push(row);
    onRow?.(rows.length - 1, row, plan.meta);
    onTime?.(rows.length);
  }
  return { meta: plan.meta, rows };
}
