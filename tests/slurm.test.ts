// `setsim slurm` against a real Slurm (Debian's slurm-wlm + munge, a one-node cluster started here): the
// merged directory equals an unsharded run byte for byte; a failed array task shows as FAILED, and its
// index resubmitted alone completes the sweep (keeping the value it had written) and the merge.
// No Slurm, no pass: if the daemons cannot start, the test fails with their own error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dirSnapshot } from "./helpers/dir-snapshot.ts";
import { type SlurmCluster, showJob, startSlurmCluster, waitForJob } from "./helpers/slurm-cluster.ts";

const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const FAIL_TASK = join(import.meta.dirname, "slurm", "fail-task.cjs");
const setsim = (args: string[], env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env });

// 8 values over 4 array tasks: task I computes values I and I + 4
const sweepConfig = {
  K: 10, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1,
  Gamma: [1, 1.5, 2, 3, 5, 8, 13, 21],
  times: { from: 0.01, to: 1e6, points: 10, zero: true },
  average: { from: 1e3, to: 1e6, points: 4 },
};
const TASKS = 4;
const FAILING = 2;

let cluster: SlurmCluster | undefined;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "setsim-slurm-work-"));
  cluster = await startSlurmCluster();
}, 60_000);

afterAll(() => {
  cluster?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The job ids `setsim slurm` printed. */
function jobIds(stdout: string): { shards: string; merge: string } {
  const shards = /shards job (\d+)/.exec(stdout)?.[1];
  const merge = /merge job (\d+)/.exec(stdout)?.[1];
  expect(shards && merge, stdout).toBeTruthy();
  return { shards: shards!, merge: merge! };
}

describe("setsim slurm on a one-node Slurm cluster", () => {
  it("runs a sweep as a job array, survives a failed task by resubmitting its index, and merges to the bytes of one machine", async () => {
    const env = cluster!.env;
    const cfg = join(work, "sweep.json");
    writeFileSync(cfg, JSON.stringify(sweepConfig));
    const out = join(work, "sharded");

    // the unsharded reference, computed while the cluster works
    const full = join(work, "full");
    const reference = new Promise<number | null>((resolve) => {
      spawn(process.execPath, [BIN, "run", cfg, "--out", full, "--quiet"], { stdio: "ignore" }).on("exit", resolve);
    });

    // task FAILING exits 1 right after writing its first value (fail-task.cjs, through the jobs' inherited environment)
    const failing = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${FAIL_TASK}`.trim(), SETSIM_TEST_FAIL_TASK: String(FAILING) };
    const first = setsim(["slurm", cfg, "--out", out, "--tasks", String(TASKS), "--time", "5"], failing);
    expect(first.status, first.stderr).toBe(0);
    const jobs = jobIds(first.stdout);
    expect(first.stdout).toMatch(/squeue -j/);

    // the script calls node and this package's bin by absolute paths, each task a shard of auto/4 with --resume
    const script = readFileSync(`${out}-slurm/shards.sbatch`, "utf8");
    expect(script).toContain(`#SBATCH --array=0-${TASKS - 1}`);
    expect(script).toContain(`exec ${process.execPath} ${BIN} run ${out}-slurm/config.json --out ${out} --shard auto/${TASKS} --resume`);

    const tasks = await waitForJob(jobs.shards, env, 45_000);
    const byIndex = new Map(tasks.map((t) => [t.ArrayTaskId, t]));
    expect([...byIndex.keys()].sort()).toEqual(["0", "1", "2", "3"]);
    for (const [index, t] of byIndex) {
      if (index === String(FAILING)) expect([t.JobState, t.ExitCode], JSON.stringify(t)).toEqual(["FAILED", "1:0"]);
      else expect(t.JobState, JSON.stringify(t)).toBe("COMPLETED");
    }
    const merge = await waitForJob(jobs.merge, env, 10_000, (j) => j[0].Reason === "DependencyNeverSatisfied");
    expect(merge[0].JobState).toBe("PENDING");
    const log = readFileSync(`${out}-slurm/logs/shard-${FAILING}.job-${jobs.shards}.out`, "utf8");
    expect(log).toMatch(/injected failure of array task 2/);

    // the failed task wrote value 2, not value 6: merge names what is missing
    const kept = join(out, "002_Gamma=2.json");
    expect(existsSync(kept)).toBe(true);
    const keptAt = statSync(kept).mtimeMs;
    const early = setsim(["merge", out], env);
    expect(early.status).toBe(2);
    expect(early.stderr).toMatch(/lacks 1 of 8 values: Gamma=13 \(006\)/);

    // resubmit index 2 alone (and a new merge); the stale merge waits for ever, so it is cancelled
    spawnSync("scancel", [jobs.merge], { env });
    const again = setsim(["slurm", cfg, "--out", out, "--tasks", String(TASKS), "--time", "5", "--rerun", String(FAILING)], env);
    expect(again.status, again.stderr).toBe(0);
    const rerun = jobIds(again.stdout);
    expect(again.stdout).toContain(`array ${FAILING}`);
    const done = await waitForJob(rerun.merge, env, 45_000);
    expect(showJob(rerun.shards, env).map((t) => [t.ArrayTaskId, t.JobState])).toEqual([[String(FAILING), "COMPLETED"]]);
    expect(done[0].JobState, JSON.stringify(done)).toBe("COMPLETED");
    expect(statSync(kept).mtimeMs).toBe(keptAt);

    expect(await reference).toBe(0);
    const a = dirSnapshot(full);
    const b = dirSnapshot(out);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const f of Object.keys(a)) expect(b[f], f).toBe(a[f]);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(["averages.json", "averages.csv", "sweep.json"]));
  }, 120_000);
});
