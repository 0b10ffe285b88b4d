/** Runs Slurm's `sbatch --parsable` and returns the job id it prints; failures become a SlurmError with sbatch's own words. */
import { spawnSync } from "node:child_process";
import { SlurmError } from "../errors.ts";

/**
 * Submits `script` with `sbatch --parsable ARGS SCRIPT` and returns the job id (`123` from `123` or
 * `123;cluster`). Throws SlurmError when sbatch is missing, fails or prints no id.
 *
 * @example
 * const array = sbatch("/scratch/fig6-slurm/shards.sbatch");
 * sbatch("/scratch/fig6-slurm/merge.sbatch", [`--dependency=afterok:${array}`]);
 */
export function sbatch(script: string, args: string[] = []): string {
  const r = spawnSync("sbatch", ["--parsable", ...args, script], { encoding: "utf8" });
  const what = ["sbatch", ...args, script].join(" ");
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new SlurmError(`cannot run sbatch (${missing ? "not found on PATH: run setsim slurm where Slurm's commands are" : r.error.message}); the scripts are written: ${script}`);
  }
  const said = `${r.stderr ?? ""} ${r.stdout ?? ""}`.replace(/\s+/g, " ").trim();
  if (r.status !== 0) throw new SlurmError(`${what} failed (exit ${r.status ?? r.signal}): ${said || "no message"}`);
  const id = /^(\d+)(?:;\S+)?$/.exec((r.stdout ?? "").trim());
  if (!id) throw new SlurmError(`${what} printed no job id: ${said || "nothing"}`);
  return id[1];
}
