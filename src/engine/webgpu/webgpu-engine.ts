/**
 * The WebGPU engine (fast mode): the O(K³) spectra of C_LL and C_RR for many times at once on the GPU
 * (batched f32 Jacobi), everything else from the shared f64 run plan. I_S−B never touches f32: S_B
 * comes from the deleted-row secular equation in f64, so only S_L and S_R carry f32 rounding.
 *
 * f32 resolves eigenvalues near 0 finely but those near 1 only to ~6e−8 absolute, and a thermal
 * bath has many of both. So each block is sent twice, as C and as 1 − C (whose entries near 0 are
 * exact in f32 where C's are near 1, so the graded matrix keeps its small eigenvalues accurate): h is
 * taken on λ(C) for the lower half of the spectrum and on λ(1 − C) for the upper half.
 */
import type { Engine, EngineRun, Precision } from "../engine.ts";
import { ConfigError } from "../../errors.ts";
import type { Problem } from "../../model/problem.ts";
import type { Row } from "../../observables/columns.ts";
import { binaryEntropy } from "../../thermo/fermi.ts";
import { blocksAt, planRun, rowAt } from "../run-plan.ts";
import type { GpuContext } from "./device.ts";
import { createJacobiEigenvalues, type HermitianBlock, type JacobiEigenvalues } from "./jacobi-eigenvalues.ts";

/** 1 − C of a block given as (re, im), row-major n×n. */
function complement(b: HermitianBlock): HermitianBlock {
  const re = b.re.map((x) => -x);
  for (let i = 0; i < b.n; i++) re[i * b.n + i] += 1;
  return { re, im: b.im.map((x) => -x), n: b.n };
}

/** S = Σ h over the spectrum, each eigenvalue from whichever of C, 1 − C holds it near 0. */
export function splitSpectrumEntropy(ofC: Float64Array, ofComplement: Float64Array): number {
  const n = ofC.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += binaryEntropy(ofC[i] <= 0.5 ? ofC[i] : ofComplement[n - 1 - i]);
  return s;
}

export async function webgpuEngine(ctx: GpuContext, precision: Precision = "fast"): Promise<Engine> {
  if (precision !== "fast") throw new ConfigError("--precision", "accurate mode is not available yet");
  const jacobi = await createJacobiEigenvalues(ctx);
  return {
    name: `webgpu-fast (${ctx.adapterName})`,
    kernelStats: jacobi.stats,
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
  // times per GPU submission: the four blocks of each time must fit one batch
  // (capped so that the f64 blocks waiting on the CPU stay a few hundred MB at most)
  const perBatch = Math.max(1, Math.min(Math.floor(jacobi.capacity(Math.max(p.KL, p.KR)) / 4), Math.floor(2 ** 22 / Math.max(p.KL, p.KR) ** 2)));
  const rows: Row[] = [];
  for (let start = 0; start < times.length; start += perBatch) {
    const chunk = times.slice(start, start + perBatch);
    const slices = chunk.map((t) => blocksAt(plan, t));
    const blocks: HermitianBlock[] = slices.flatMap((b) => {
      const L = { ...b.LL, n: p.KL };
      const R = { ...b.RR, n: p.KR };
      return [L, complement(L), R, complement(R)];
    });
    const spectra = await jacobi.run(blocks);
    chunk.forEach((t, i) => {
      const SL = splitSpectrumEntropy(spectra[4 * i], spectra[4 * i + 1]);
      const SR = splitSpectrumEntropy(spectra[4 * i + 2], spectra[4 * i + 3]);
      rows.push(rowAt(plan, t, slices[i], SL, SR));
      onTime?.(rows.length);
    });
  }
  return { meta: plan.meta, rows };
}
