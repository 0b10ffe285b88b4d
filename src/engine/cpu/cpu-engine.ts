/** The CPU f64 reference engine: the whole of SPEC §2 at each requested time, O(N²) + 2·O(K³) per time. */
import type { Engine, EngineRun } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Meta, Row } from "../../observables/columns.ts";
import { type BlockSolver, inlineSolver, workerSolver } from "./block-pool.ts";
import { hamiltonian } from "../../model/hamiltonian.ts";
import { initialOccupations } from "../../model/initial-state.ts";
import { arrowheadEigen } from "../../spectrum/arrowhead.ts";
import { correlationBlocks } from "../../propagation/correlation-blocks.ts";
import { blockEntropy } from "../../observables/block-entropy.ts";
import { deletedRowEntropyChange } from "../../spectrum/deleted-row.ts";
import { bathThermo } from "../../thermo/bath-thermo.ts";
import { globalReference } from "../../thermo/global-reference.ts";
import { binaryEntropy, entropyOfOccupations } from "../../thermo/fermi.ts";
import { decompose, type InitialReference } from "../../observables/decomposition.ts";

/** @param solver where block entropies run; the default worker solver uses a second core in Node. */
export async function cpuEngine(solver?: BlockSolver): Promise<Engine> {
  const s = solver ?? (await workerSolver()) ?? inlineSolver;
  return {
    name: s === inlineSolver ? "cpu-f64" : "cpu-f64 (2 threads)",
    run: (problem, times, onTime) => runCpu(problem, times, onTime, s),
    close: () => s.close(),
  };
}

export async function runCpu(
  p: Problem, times: readonly number[], onTime?: (done: number) => void, solver: BlockSolver = inlineSolver,
): Promise<EngineRun> {
  const h = hamiltonian(p);
  const spectrum = arrowheadEigen(h);
  const n0 = initialOccupations(p);
  const KL = p.KL;
  const levelsL = h.d.subarray(0, KL);
  const levelsR = h.d.subarray(KL);
  const nL0 = n0.slice(1, 1 + KL);
  const nR0 = n0.slice(1 + KL);
  const ref: InitialReference = {
    Stot: entropyOfOccupations(n0),
    SS0: binaryEntropy(n0[0]),
    L0: bathThermo(levelsL, nL0),
    R0: bathThermo(levelsR, nR0),
    nL0, nR0, levelsL, levelsR,
  };
  let E0 = p.epsD * n0[0];
  let N0 = n0[0];
  for (let k = 0; k < h.d.length; k++) {
    E0 += h.d[k] * n0[k + 1];
    N0 += n0[k + 1];
  }
  const g = globalReference(h, spectrum, E0, N0, KL);
  const meta: Meta = {
    betaRef: g.ref.beta, muRef: g.ref.mu,
    betaLgg: g.L.beta, muLgg: g.L.mu, betaRgg: g.R.beta, muRgg: g.R.mu,
    betaRefBare: g.refBare.beta, muRefBare: g.refBare.mu,
    betaL0: ref.L0.beta, muL0: ref.L0.mu, betaR0: ref.R0.beta, muR0: ref.R0.mu,
    Stot: ref.Stot, E0, N0,
  };
  const rows: Row[] = [];
  for (const t of times) {
    const b = correlationBlocks(h, spectrum, n0, KL, t);
    const SR = solver.entropy(b.RR.re, b.RR.im, p.KR);
    const SL = blockEntropy(b.LL.re, b.LL.im, KL);
    const nL = b.diag.slice(1, 1 + KL);
    const nR = b.diag.slice(1 + KL);
    rows.push(decompose({
      t, nd: b.diag[0], nL, nR,
      L: bathThermo(levelsL, nL),
      R: bathThermo(levelsR, nR),
      SL,
      SR: await SR,
      SBminusStot: deletedRowEntropyChange(n0, b.dotWeights),
    }, ref));
    onTime?.(rows.length);
  }
  return { meta, rows };
}
