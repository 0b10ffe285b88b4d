/**
 * Worker side of the host pool (host-pool.ts), in Node or a browser: the f64 work per time point that
 * the GPU engine keeps on the host (host-jobs.ts), for the problems it is sent.
 */
import type { Problem } from "../model/problem.ts";
import { HostJobs, type PointState } from "./host-jobs.ts";
import { serve } from "./threads/serve.ts";

export type HostRequest =
  | { type: "plan"; job: string; problem: Problem }
  | { type: "timePlan"; job: string }
  | { type: "meta"; job: string }
  | { type: "vectors"; job: string; t: number }
  | { type: "row"; job: string; t: number; state: PointState; SL: number; SR: number }
  | { type: "forget"; job: string };

const jobs = new HostJobs();

void serve<HostRequest>((m) => {
  if (m.type === "plan") return jobs.plan(m.job, m.problem);
  if (m.type === "forget") return jobs.forget(m.job);
  if (m.type === "timePlan") return jobs.timePlan(m.job);
  if (m.type === "meta") return jobs.meta(m.job);
  if (m.type === "vectors") return jobs.vectors(m.job, m.t);
  return jobs.row(m.job, m.t, m.state, m.SL, m.SR);
});
