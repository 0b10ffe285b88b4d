/**
 * The host's f64 share of the GPU engine for the jobs it is given, one instance per thread (in-thread
 * or in each worker, host-pool.ts), each plan made on a job's first use: a row needs only C(0) and
 * the initial references; the vectors of C(t) (where the GPU does not form them) and the run's meta
 * need ℋ's spectrum too.
 */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";
import type { BlockVectors } from "../propagation/correlation-blocks.ts";
import { planRows, planTimes, type RowPlan, rowAt, rowWith, runMeta, type TimePlan, vectorsAt } from "./run-plan.ts";

/**
 * What a row needs from its time besides S_L and S_R: the occupations C_kk(t) (length N), and S_B − S_tot
 * where the GPU solved the secular equation, else the dot weights |U_k0(t)|² it follows from (O(N²)).
 */
export type PointState = { diag: Float64Array } & ({ SBminusStot: number } | { dotWeights: Float64Array });

export class HostJobs {
  private problems = new Map<string, Problem>();
  private plans = new Map<string, TimePlan>();
  private rowPlans = new Map<string, RowPlan>();

  plan(job: string, problem: Problem): void {
    this.problems.set(job, problem);
  }

  /** ℋ's spectrum and C(0) of the job (made here once, kept for its meta and vectors). */
  timePlan(job: string): TimePlan {
    let plan = this.plans.get(job);
    if (!plan) this.plans.set(job, (plan = planTimes(this.problems.get(job)!)));
    return plan;
  }

  private rowPlanOf(job: string): RowPlan {
    let plan = this.plans.get(job) ?? this.rowPlans.get(job);
    if (!plan) this.rowPlans.set(job, (plan = planRows(this.problems.get(job)!)));
    return plan;
  }

  meta(job: string): Meta {
    return runMeta(this.timePlan(job));
  }

  vectors(job: string, t: number): BlockVectors {
    return vectorsAt(this.timePlan(job), t);
  }

  row(job: string, t: number, state: PointState, SL: number, SR: number): Row {
    const plan = this.rowPlanOf(job);
    return "SBminusStot" in state ? rowWith(plan, t, state.diag, SL, SR, state.SBminusStot) : rowAt(plan, t, state, SL, SR);
  }

  forget(job: string): void {
    this.problems.delete(job);
    this.plans.delete(job);
    this.rowPlans.delete(job);
  }
}
