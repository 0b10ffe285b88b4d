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
import { hermitianEigenvalues } from "../../spectrum/hermitian-eigenvalues.ts";

/**
 * Worst |λ_GPU − λ_f64| over the spectra of bath blocks formed on the GPU in df64 and reduced by the
 * tridiagonal kernel, for a fixed thermal case with a graded spectrum (eigenvalues down to ~1e−12)
 * at two times; ~1e−14 where double-float holds, ~1e−7 where the compiler lost its error terms.
 */
export async function tridiagonalPathError(ctx: GpuContext, former: BlockFormer, tri: TridiagonalEigenvalues): Promise<number> {
  const p = { KL: 14, KR: 11, W: 10, epsD: 0.3, nD: 1, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 2, initial: { kind: "thermal" as const } };
  const plan = planTimes(p);
  const inputs = [0.7, 300].map((t) => ({ v: vectorsAt(plan, t), h: plan.h, KL: p.KL, KR: p.KR }));
  const spectra = await tri.runFormed(former, inputs, 14);
  let worst = 0;
  inputs.forEach(({ v, h }, tau) => {
    [[1, p.KL], [1 + p.KL, p.KR]].forEach(([start, n], bath) => {
      const b = bathBlock(h, v, start, n);
      const want = hermitianEigenvalues(b.re, b.im, n);
      want.forEach((x, i) => (worst = Math.max(worst, Math.abs(spectra[2 * tau + bath][i] - x))));
    });
  });
  return worst;
}
