/**
 * The fixed cases the start-up checks run the df64 kernels on (kernel-check.ts, and the split
 * reduction on its first use): two problems, one thermal with a graded spectrum (eigenvalues down to
 * ~1e−12), one with an uncoupled bath (Γ_R = 0), at two times each.
 */
import type { Problem } from "../../model/problem.ts";
import { bathBlock } from "../../propagation/correlation-blocks.ts";
import { planTimes, type TimePlan, vectorsAt } from "../run-plan.ts";
import type { HermitianBlock } from "./gpu-batch.ts";

const base: Problem = { KL: 14, KR: 11, W: 10, epsD: 0.3, nD: 1, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 2, initial: { kind: "thermal" } };

/** The (plan, t) points of the check; bath blocks are at most 14 × 14. */
export function checkPoints(): { plan: TimePlan; t: number }[] {
  const plans = [base, { ...base, GammaR: 0, KR: 9 }].map(planTimes);
  return plans.flatMap((plan) => [0.7, 300].map((t) => ({ plan, t })));
}

/** The bath blocks of the check's points, per point C_L, C_R (f64, on the host). */
export function checkBlocks(): HermitianBlock[] {
  return checkPoints().flatMap(({ plan, t }) => {
    const v = vectorsAt(plan, t);
    const { KL, KR } = plan.problem;
    return [{ ...bathBlock(plan.h, v, 1, KL), n: KL }, { ...bathBlock(plan.h, v, 1 + KL, KR), n: KR }];
  });
}
