/**
 * The host's f64 share of the GPU engine for the jobs it is given, one instance per thread (in-thread
 * or in each worker, host-pool.ts), each plan made on a job's first use: a row needs only C(0) and
 * the initial references; the vectors of C(t) (where the GPU does not form them) and the run's meta
 * need ℋ's spectrum too.
 */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";
import type { BlockVectors } from "../propagation/correlation-blocks.ts";
import { planRows, planTimes, type RowPlan, rowAt, runMeta, type TimePlan, vectorsAt } from "./run-plan.ts";

/** A time's occupations C_kk(t) and dot weights |U_k0(t)|² (length N each). */
export type Occupations = Pick<BlockVectors, "diag" | "dotWeights">;

export class HostJobs {
  private problems = new Map<string, Problem>();
  private plans = new Map<string, TimePlan>();
  private rowPlans = new Map<string, RowPlan>();

  plan(job: string, problem: Problem): void {
    this.problems.set(job, problem);
  }

  private planOf(job: string): TimePlan {
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
    return runMeta(this.planOf(job));
  }

  vectors(job: string, t: number): BlockVectors {
    return vectorsAt(this.planOf(job), t);
  }

  row(job: string, t: number, occupations: Occupations, SL: number, SR: number): Row {
    return rowAt(this.rowPlanOf(job), t, occupations, SL, SR);
  }

  forget(job: string): void {
    this.problems.delete(job);
    this.plans.delete(job);
    this.rowPlans.delete(job);
  }
}
