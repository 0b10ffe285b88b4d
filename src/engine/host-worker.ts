/**
 * Worker side of the host pool (host-pool.ts): the f64 work per time point that the GPU engine keeps
 * on the host, for the problems it is sent. It holds each point's vectors from `vectors` until `row`.
 */
import { parentPort } from "node:worker_threads";
import type { Problem } from "../model/problem.ts";
import type { BlockVectors } from "../propagation/correlation-blocks.ts";
import { planTimes, rowAt, runMeta, type TimePlan, vectorsAt } from "./run-plan.ts";

export type HostRequest =
  | { type: "plan"; job: string; problem: Problem }
  | { type: "meta"; id: number; job: string }
  | { type: "vectors"; id: number; job: string; point: number; t: number }
  | { type: "row"; id: number; job: string; point: number; t: number; SL: number; SR: number }
  | { type: "forget"; job: string };

const problems = new Map<string, Problem>();
const plans = new Map<string, TimePlan>();
// planned when a job's first point (or its meta) arrives: a worker plans only the jobs it serves
const planOf = (job: string) => {
  let plan = plans.get(job);
  if (!plan) plans.set(job, (plan = planTimes(problems.get(job)!)));
  return plan;
};
const held = new Map<string, BlockVectors>();

parentPort!.on("message", (m: HostRequest) => {
  try {
    if (m.type === "plan") problems.set(m.job, m.problem);
    else if (m.type === "meta") parentPort!.postMessage({ id: m.id, value: runMeta(planOf(m.job)) });
    else if (m.type === "forget") {
      problems.delete(m.job);
      plans.delete(m.job);
      for (const k of held.keys()) if (k.startsWith(`${m.job}@`)) held.delete(k);
    } else if (m.type === "vectors") {
      const v = vectorsAt(planOf(m.job), m.t);
      held.set(`${m.job}@${m.point}`, v);
      parentPort!.postMessage({ id: m.id, value: v });
    } else {
      const key = `${m.job}@${m.point}`;
      const row = rowAt(planOf(m.job), m.t, held.get(key)!, m.SL, m.SR);
      held.delete(key);
      parentPort!.postMessage({ id: m.id, value: row });
    }
  } catch (e) {
    if ("id" in m) parentPort!.postMessage({ id: m.id, error: String(e) });
  }
});
