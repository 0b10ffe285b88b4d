/**
 * Start-up checks that the double-float kernels are exact on this adapter as compiled, inside their
 * loops, not only the error-free transformations alone (df64-probe.ts): a shader compiler may contract
 * or reorder differently once a function is inlined. Each check runs its kernel on a small fixed case
 * and compares with f64 on the host.
 */
import { bathBlock } from "../../propagation/correlation-blocks.ts";
import { planTimes, vectorsAt } from "../run-plan.ts";
import type { GpuContext } from "./device.ts";
import type { BlockFormer } from "./block-former.ts";
import type { TridiagonalEigenvalues } from "./tridiagonal-eigenvalues.ts";
import type { VectorFormer } from "./vector-former.ts";
import { hermitianEigenvalues } from "../../spectrum/hermitian-eigenvalues.ts";

/**
 * Worst error of the whole df64 GPU path against f64 for a fixed thermal case with a graded spectrum
 * (eigenvalues down to ~1e−12) at two times: the vectors of C(t) formed on the GPU (occupations
 * |C_kk − C_kk,f64|) and the spectra of the blocks formed from them (|λ − λ_f64|); ~1e−14 where
 * double-float holds, ~1e−7 where the compiler lost its error terms.
 */
export async function gpuPathError(ctx: GpuContext, vectors: VectorFormer, former: BlockFormer, tri: TridiagonalEigenvalues): Promise<number> {
  const p = { KL: 14, KR: 11, W: 10, epsD: 0.3, nD: 1, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 2, initial: { kind: "thermal" as const } };
  const plan = planTimes(p);
  const times = [0.7, 300];
  const { spectra, modes } = await tri.runPoints(vectors, former, times.map((t) => ({ plan, t })), 14);
  const N = plan.spectrum.N;
  let worst = 0;
  times.forEach((t, tau) => {
    const v = vectorsAt(plan, t);
    v.diag.forEach((x, k) => (worst = Math.max(worst, Math.abs(modes[20 * (tau * N + k) + 12] + modes[20 * (tau * N + k) + 13] - x))));
    [[1, p.KL], [1 + p.KL, p.KR]].forEach(([start, n], bath) => {
      const b = bathBlock(plan.h, v, start, n);
      const want = hermitianEigenvalues(b.re, b.im, n);
      want.forEach((x, i) => (worst = Math.max(worst, Math.abs(spectra[2 * tau + bath][i] - x))));
    });
  });
  return worst;
}
