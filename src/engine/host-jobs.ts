/**
 * The host's f64 share of the GPU engine for the jobs it is given, one instance per thread (in-thread
 * or in each worker, host-pool.ts): plans made on a job's first use, and each point's vectors held
 * from `vectors` until its `row`.
 */
import type { Problem } from "../model/problem.ts";
import type { Meta, Row } from "../observables/columns.ts";
import type { BlockVectors } from "../propagation/correlation-blocks.ts";
import { planTimes, rowAt, runMeta, type TimePlan, vectorsAt } from "./run-plan.ts";

export class HostJobs {
  private problems = new Map<string, Problem>();
  private plans = new Map<string, TimePlan>();
  private held = new Map<string, BlockVectors>();

  plan(job: string, problem: Problem): void {
    this.problems.set(job, problem);
  }

  /** a thread plans only the jobs whose points (or meta) it is asked for */
  private planOf(job: string): TimePlan {
    let plan = this.plans.get(job);
    if (!plan) this.plans.set(job, (plan = planTimes(this.problems.get(job)!)));
    return plan;
  }

  meta(job: string): Meta {
    return runMeta(this.planOf(job));
  }

  vectors(job: string, point: number, t: number): BlockVectors {
    const v = vectorsAt(this.planOf(job), t);
    this.held.set(`${job}@${point}`, v);
    return v;
  }

  row(job: string, point: number, t: number, SL: number, SR: number): Row {
    const key = `${job}@${point}`;
    const row = rowAt(this.planOf(job), t, this.held.get(key)!, SL, SR);
    this.held.delete(key);
    return row;
  }

  forget(job: string): void {
    this.problems.delete(job);
    this.plans.delete(job);
    for (const k of this.held.keys()) if (k.startsWith(`${job}@`)) this.held.delete(k);
  }
}
