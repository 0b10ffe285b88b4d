/**
 * What every engine shares: the one-time work of a run (ℋ, its spectrum, C(0), initial β* and μ*, the
 * global references → `meta`) and the per-time pieces that stay in f64 on the CPU (the O(N²) blocks,
 * S_B by the deleted-row secular equation, β* and μ*). Engines differ only in how they get S_L and S_R.
 */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";
import { type Arrowhead, hamiltonian } from "../model/hamiltonian.ts";
import { initialOccupations } from "../model/initial-state.ts";
import { type ArrowheadEigen, arrowheadEigen } from "../spectrum/arrowhead.ts";
import { type BlockVectors, blockVectors, type CorrelationBlocks, correlationBlocks } from "../propagation/correlation-blocks.ts";
import { deletedRowEntropyChange } from "../spectrum/deleted-row.ts";
import { bathThermo } from "../thermo/bath-thermo.ts";
import { globalReference } from "../thermo/global-reference.ts";
import { infiniteTimeReference } from "../thermo/infinite-time-reference.ts";
import { binaryEntropy, entropyOfOccupations } from "../thermo/fermi.ts";
import { decompose, type InitialReference } from "../observables/decomposition.ts";

/** What a row needs besides the time's occupations and dot weights: C(0) and the initial references. */
export interface RowPlan {
  problem: Problem;
  n0: Float64Array;
  ref: InitialReference;
}

/** What every time point of a run needs: a RowPlan, ℋ and its spectrum. */
export interface TimePlan extends RowPlan {
  h: Arrowhead;
  spectrum: ArrowheadEigen;
}

/** A TimePlan and the run's `meta` (global references: the costlier half of planning). */
export interface RunPlan extends TimePlan {
  meta: Meta;
}

export function planRows(p: Problem, h: Arrowhead = hamiltonian(p)): RowPlan {
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
  return { problem: p, n0, ref };
}

export function planTimes(p: Problem): TimePlan {
  const h = hamiltonian(p);
  return { ...planRows(p, h), h, spectrum: arrowheadEigen(h) };
}

/** The run's meta: initial energy and particle number, the global, per-bath and infinite-time references. */
export function runMeta(plan: TimePlan): Meta {
  const { problem: p, h, spectrum, n0, ref } = plan;
  let E0 = p.epsD * n0[0];
  let N0 = n0[0];
  for (let k = 0; k < h.d.length; k++) {
    E0 += h.d[k] * n0[k + 1];
    N0 += n0[k + 1];
  }
  const g = globalReference(h, spectrum, E0, N0, p.KL);
  const inf = infiniteTimeReference(h, spectrum, n0, p.KL);
  return {
    betaRef: g.ref.beta, muRef: g.ref.mu,
    betaLgg: g.L.beta, muLgg: g.L.mu, betaRgg: g.R.beta, muRgg: g.R.mu,
    betaRefBare: g.refBare.beta, muRefBare: g.refBare.mu,
    betaLinf: inf.L.beta, muLinf: inf.L.mu, betaRinf: inf.R.beta, muRinf: inf.R.mu,
    SLinf: inf.SL, SRinf: inf.SR, SBinf: inf.SB, ILRinf: inf.ILR,
    betaL0: ref.L0.beta, muL0: ref.L0.mu, betaR0: ref.R0.beta, muR0: ref.R0.mu,
    Stot: ref.Stot, E0, N0,
  };
}

export function planRun(p: Problem): RunPlan {
  const plan = planTimes(p);
  return { ...plan, meta: runMeta(plan) };
}

/** The blocks of C(t) (see correlationBlocks). */
export function blocksAt(plan: TimePlan, t: number): CorrelationBlocks {
  return correlationBlocks(plan.h, plan.spectrum, plan.n0, plan.problem.KL, t);
}

/** The O(N) vectors of C(t) that its blocks follow from (see blockVectors). */
export function vectorsAt(plan: TimePlan, t: number): BlockVectors {
  return blockVectors(plan.h, plan.spectrum, plan.n0, t);
}

/**
 * The row at t, given the blocks and the block entropies S_L, S_R however they were obtained. At
 * t = 0 the occupations are C(0)'s own, not their propagated rounding: Q(0), ΔS_S(0), Σ(0) and σ(0)
 * are then exactly 0, as they are by definition.
 */
export function rowAt(plan: RowPlan, t: number, b: Pick<CorrelationBlocks, "diag" | "dotWeights">, SL: number, SR: number): Row {
  return rowWith(plan, t, b.diag, SL, SR, deletedRowEntropyChange(plan.n0, b.dotWeights));
}

/**
 * The row at t from the occupations C_kk(t), S_L, S_R and S_B − S_tot however they were obtained
 * (the GPU engine solves the secular equation on the device): O(N), β*, μ* and the decomposition.
 */
export function rowWith(plan: RowPlan, t: number, occupations: Float64Array, SL: number, SR: number, SBminusStot: number): Row {
  const KL = plan.problem.KL;
  const diag = t === 0 ? plan.n0 : occupations;
  const nL = diag.slice(1, 1 + KL);
  const nR = diag.slice(1 + KL);
  return decompose({
    t, nd: diag[0], nL, nR,
    L: bathThermo(plan.ref.levelsL, nL),
    R: bathThermo(plan.ref.levelsR, nR),
    SL, SR, SBminusStot,
  }, plan.ref);
}
