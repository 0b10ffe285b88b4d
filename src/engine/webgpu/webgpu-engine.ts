/**
 * The WebGPU engine (fast mode): the O(K³) spectra of C_LL and C_RR for many times at once on the GPU
 * (batched f32 Jacobi), everything else from the shared f64 run plan. I_S−B never touches f32: S_B
 * comes from the deleted-row secular equation in f64, so only S_L and S_R carry f32 rounding.
 */
import type { Engine, EngineRun } from "../engine.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import { spectrumEntropy } from "../../observables/block-entropy.ts";
import { blocksAt, planRun, rowAt } from "../run-plan.ts";
import type { GpuContext } from "./device.ts";
import { createJacobiEigenvalues, type HermitianBlock, type JacobiEigenvalues } from "./jacobi-eigenvalues.ts";

export async function webgpuEngine(ctx: GpuContext): Promise<Engine> {
  const jacobi = await createJacobiEigenvalues(ctx);
  return {
    name: `webgpu-fast (${ctx.adapterName})`,
    check: (problem) => jacobi.checkFits(Math.max(problem.KL, problem.KR)),
    run: (problem, times, onTime) => {
      jacobi.checkFits(Math.max(problem.KL, problem.KR));
      return runWebgpu(jacobi, problem, times, onTime);
    },
    close: () => ctx.release(),
  };
}

async function runWebgpu(
  jacobi: JacobiEigenvalues, p: Problem, times: readonly number[], onTime?: (done: number) => void,
): Promise<EngineRun> {
  const plan = planRun(p);
  // times per GPU submission: both blocks of each time must fit one batch
  // (capped so that the f64 blocks waiting on the CPU stay a few hundred MB at most)
  const perBatch = Math.max(1, Math.min(Math.floor(jacobi.capacity(Math.max(p.KL, p.KR)) / 2), Math.floor(2 ** 23 / Math.max(p.KL, p.KR) ** 2)));
  const rows: Row[] = [];
  for (let start = 0; start < times.length; start += perBatch) {
    const chunk = times.slice(start, start + perBatch);
    const slices = chunk.map((t) => blocksAt(plan, t));
    const blocks: HermitianBlock[] = slices.flatMap((b) => [
      { ...b.LL, n: p.KL },
      { ...b.RR, n: p.KR },
    ]);
    const spectra = await jacobi.run(blocks);
    chunk.forEach((t, i) => {
      rows.push(rowAt(plan, t, slices[i], spectrumEntropy(spectra[2 * i]), spectrumEntropy(spectra[2 * i + 1])));
      onTime?.(rows.length);
    });
  }
  return { meta: plan.meta, rows };
}
