/**
 * Start-up checks that the double-float kernels are exact on this adapter as compiled, inside their
 * loops, not only the error-free transformations alone (df64-probe.ts): a shader compiler may contract
 * or reorder differently once a function is inlined. Each check runs its kernel on a small fixed case
 * and compares with f64 on the host.
 */
import { bathBlock } from "../../propagation/correlation-blocks.ts";
import { vectorsAt } from "../run-plan.ts";
import { checkPoints } from "./check-cases.ts";
import type { GpuContext } from "./device.ts";
import type { BlockFormer } from "./block-former.ts";
import { createTridiagonalEigenvalues, type TridiagonalEigenvalues } from "./tridiagonal-eigenvalues.ts";
import type { Df64Constants } from "./df64-probe.ts";
import type { VectorFormer } from "./vector-former.ts";
import { hermitianEigenvalues } from "../../spectrum/hermitian-eigenvalues.ts";
import { deletedRowEntropyChange } from "../../spectrum/deleted-row.ts";
import type { DeletedRowFormer } from "./deleted-row-former.ts";

/**
 * Worst error of the whole df64 GPU path against f64, at two times of two fixed problems (check-cases.ts:
 * one thermal with a graded spectrum, eigenvalues down to ~1e−12; one with an uncoupled bath): the
 * vectors of C(t) formed on the GPU (occupations and dot weights), S_B − S_tot by the secular
 * equation from them (its logarithms and Newton steps; the uncoupled bath leaves poles of zero weight),
 * and the spectra of the blocks formed from them, reduced by `tri` and by a 2-thread instance of the
 * same kernel (which runs its strided and multi-pass loops at these sizes); ~1e−14 where
 * double-float holds, ~1e−7 where the compiler lost its error terms.
 */
export async function gpuPathError(
  ctx: GpuContext, exact: Df64Constants, vectors: VectorFormer, former: BlockFormer, tri: TridiagonalEigenvalues,
  deletedRow: DeletedRowFormer,
): Promise<number> {
  const points = checkPoints();
  const narrow = await createTridiagonalEigenvalues(ctx, exact, { workgroupSize: 2 });
  let worst = 0;
  for (const solver of [tri, narrow]) {
    const { spectra, modes, entropyChanges } = await solver.runPoints(vectors, former, points, 14, deletedRow);
    let at = 0;
    points.forEach(({ plan, t }, tau) => {
      const v = vectorsAt(plan, t);
      worst = Math.max(worst, Math.abs(entropyChanges![tau] - deletedRowEntropyChange(plan.n0, v.dotWeights)));
      const { KL, KR } = plan.problem;
      for (let k = 0; k < v.diag.length; k++, at++) {
        const w = modes.subarray(20 * at, 20 * at + 14);
        const rr = w[0] + w[1], ri = w[2] + w[3];
        worst = Math.max(worst, Math.abs(w[12] + w[13] - v.diag[k]), Math.abs(rr * rr + ri * ri - v.dotWeights[k]));
      }
      [[1, KL], [1 + KL, KR]].forEach(([start, n], bath) => {
        const b = bathBlock(plan.h, v, start, n);
        const want = hermitianEigenvalues(b.re, b.im, n);
        want.forEach((x, i) => (worst = Math.max(worst, Math.abs(spectra[2 * tau + bath][i] - x))));
      });
    });
  }
  return worst;
}
