/**
 * Worker side of the host pool (host-pool.ts): the f64 work per time point that the GPU engine keeps
 * on the host (host-jobs.ts), for the problems it is sent.
 */
import { parentPort } from "node:worker_threads";
import type { Problem } from "../model/problem.ts";
import { HostJobs, type Occupations } from "./host-jobs.ts";

export type HostRequest =
  | { type: "plan"; job: string; problem: Problem }
  | { type: "meta"; id: number; job: string }
  | { type: "vectors"; id: number; job: string; t: number }
  | { type: "row"; id: number; job: string; t: number; occupations: Occupations; SL: number; SR: number }
  | { type: "forget"; job: string };

const jobs = new HostJobs();
const reply = (id: number, value: unknown) => parentPort!.postMessage({ id, value });

parentPort!.on("message", (m: HostRequest) => {
  try {
    if (m.type === "plan") jobs.plan(m.job, m.problem);
    else if (m.type === "forget") jobs.forget(m.job);
    else if (m.type === "meta") reply(m.id, jobs.meta(m.job));
    else if (m.type === "vectors") reply(m.id, jobs.vectors(m.job, m.t));
    else reply(m.id, jobs.row(m.job, m.t, m.occupations, m.SL, m.SR));
  } catch (e) {
    if ("id" in m) parentPort!.postMessage({ id: m.id, error: String(e) });
  }
});
