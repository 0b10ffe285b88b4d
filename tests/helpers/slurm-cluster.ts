// A one-node Slurm cluster on localhost for the tests (tests/slurm/cluster.sh), and polling of job states.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = join(import.meta.dirname, "..", "slurm", "cluster.sh");

export interface SlurmCluster {
  /** state, spool, logs and slurm.conf */
  dir: string;
  /** process.env plus SLURM_CONF: what Slurm's commands (and `setsim slurm`) need */
  env: NodeJS.ProcessEnv;
  /** stops munged, slurmctld and slurmd by their pids, removes `dir` */
  stop(): void;
}

/** A TCP port nobody listens on now (the daemons get their own, away from any other Slurm). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the cluster; throws with the daemons' own error (their logs) when it cannot start. */
export async function startSlurmCluster(): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), "setsim-slurm-"));
  const [ctld, slurmd] = [await freePort(), await freePort()];
  const r = spawnSync("bash", [SCRIPT, "start", dir, String(ctld), String(slurmd)], { encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(`the Slurm test cluster did not start (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr}${r.stdout}`);
  }
  return {
    dir,
    env: { ...process.env, SLURM_CONF: join(dir, "slurm.conf") },
    stop() {
      spawnSync("bash", [SCRIPT, "stop", dir], { stdio: "inherit" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One job (or array task) as `scontrol -o show job` reports it. */
export interface JobRecord {
  JobId: string;
  ArrayTaskId?: string;
  JobState: string;
  Reason: string;
  ExitCode: string;
}

/** The records of job `id` (every task of an array, pending ones grouped as Slurm groups them). */
export function showJob(id: string, env: NodeJS.ProcessEnv): JobRecord[] {
  const r = spawnSync("scontrol", ["-o", "show", "job", id], { encoding: "utf8", env });
  if (r.status !== 0) throw new Error(`scontrol show job ${id}: ${r.stderr}`);
  return r.stdout.trim().split("\n").map((line) => {
    const fields: Record<string, string> = {};
    for (const m of line.matchAll(/(\w+)=(\S*)/g)) fields[m[1]] ??= m[2];
    return fields as unknown as JobRecord;
  });
}

const ACTIVE = new Set(["PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED"]);

/**
 * Waits until every record of job `id` is no longer active, or (`settled`) until the given test
 * holds; returns the records. Fails after `timeoutMs` with the last records seen.
 */
export async function waitForJob(id: string, env: NodeJS.ProcessEnv, timeoutMs: number, settled?: (jobs: JobRecord[]) => boolean): Promise<JobRecord[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const jobs = showJob(id, env);
    if (settled ? settled(jobs) : jobs.every((j) => !ACTIVE.has(j.JobState))) return jobs;
    if (Date.now() > end) throw new Error(`job ${id} still not done after ${timeoutMs} ms: ${JSON.stringify(jobs)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
