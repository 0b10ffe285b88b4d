// `setsim slurm` without a cluster: the sbatch scripts it writes (--dry-run), the requests it refuses
// before writing anything, and how sbatch's answers and failures are read (with stand-in sbatch commands).
import { afterEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../src/config/schema.ts";
import { rerunIndices, SETSIM_BIN, writeSlurmFiles } from "../src/cluster/slurm-job.ts";
import { sbatch } from "../src/cluster/sbatch.ts";
import { ConfigError, ResumeError, SlurmError } from "../src/errors.ts";

const BIN = join(import.meta.dirname, "..", "bin", "setsim.mjs");
const setsim = (args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env });
const tmp = () => mkdtempSync(join(tmpdir(), "setsim-sbatch-"));

const sweepConfig = {
  K: 8, W: 10, betaL: 10, betaR: 2, muL: 1, muR: -1,
  Gamma: [1, 2, 3, 5, 8],
  times: [0, 1, 10],
};

describe("setsim slurm --dry-run", () => {
  it("writes a readable array script and a merge script that call node and this package's bin by absolute path", () => {
    const dir = tmp();
    const cfg = join(dir, "sweep.json");
    writeFileSync(cfg, JSON.stringify(sweepConfig));
    const out = join(dir, "my sweep");
    const r = setsim(["slurm", cfg, "--out", out, "--tasks", "3", "--partition", "gpu", "--time", "1:00:00", "--gpus-per-task", "1",
      "--cpus-per-task", "4", "--sbatch=--account=phys", "--engine", "webgpu", "--precision", "accurate", "--no-plots", "--dry-run"]);
    expect(r.status, r.stderr).toBe(0);
    const shards = readFileSync(`${out}-slurm/shards.sbatch`, "utf8");
    const merge = readFileSync(`${out}-slurm/merge.sbatch`, "utf8");
    expect(r.stdout).toContain(`sbatch --parsable '${out}-slurm/shards.sbatch') && sbatch --dependency=afterok:$id '${out}-slurm/merge.sbatch'`);
    const directives = (s: string) => s.split("\n").filter((l) => l.startsWith("#SBATCH"));
    expect(directives(shards)).toEqual([
      "#SBATCH --job-name=setsim-shards", "#SBATCH --array=0-2", "#SBATCH --ntasks=1", "#SBATCH --partition=gpu", "#SBATCH --time=1:00:00",
      "#SBATCH --gpus-per-task=1", "#SBATCH --cpus-per-task=4", "#SBATCH --account=phys", `#SBATCH --output="${out}-slurm/logs/shard-%a.job-%A.out"`,
    ]);
    expect(directives(merge)).toEqual([
      "#SBATCH --job-name=setsim-merge", "#SBATCH --ntasks=1", "#SBATCH --partition=gpu", "#SBATCH --time=1:00:00",
      "#SBATCH --account=phys", `#SBATCH --output="${out}-slurm/logs/merge.job-%j.out"`,
    ]);
    expect(shards.startsWith("#!/bin/bash\n")).toBe(true);
    expect(shards.trim().split("\n").at(-1)).toBe(
      `exec ${process.execPath} ${BIN} run '${out}-slurm/config.json' --out '${out}' --shard auto/3 --resume --quiet --engine webgpu --precision accurate`,
    );
    expect(merge.trim().split("\n").at(-1)).toBe(`exec ${process.execPath} ${BIN} merge '${out}' --no-plots`);
    expect(shards).toMatch(/rerun failed task I: sbatch --array=I shards\.sbatch/);
    // the tasks read a frozen copy of the config: editing the original later changes nothing
    expect(JSON.parse(readFileSync(`${out}-slurm/config.json`, "utf8"))).toEqual(sweepConfig);
    expect(existsSync(`${out}-slurm/logs`)).toBe(true);
    expect(existsSync(out)).toBe(false);
    // the script is valid bash
    expect(spawnSync("bash", ["-n", `${out}-slurm/shards.sbatch`]).status).toBe(0);
  });

  it("resolves the package's bin to an absolute path that exists", () => {
    expect(SETSIM_BIN).toBe(BIN);
  });

  it("refuses a config that sweeps nothing, a bad task count, a bad --rerun and another sweep's directory (exit 2, nothing written)", () => {
    const dir = tmp();
    const cfg = join(dir, "sweep.json");
    writeFileSync(cfg, JSON.stringify(sweepConfig));
    const single = join(dir, "single.json");
    writeFileSync(single, JSON.stringify({ ...sweepConfig, Gamma: 3 }));
    const out = join(dir, "o");
    for (const [args, message] of [
      [[single, "--tasks", "2"], /sweeps nothing/],
      [[cfg, "--tasks", "6"], /--tasks: must be an integer in 1 … 5/],
      [[cfg, "--tasks", "0"], /--tasks/],
      [[cfg, "--tasks", "two"], /--tasks/],
      [[cfg, "--tasks", "4", "--rerun", "4"], /--rerun: index 4 is not a task of the array 0-3/],
    ] as const) {
      const r = setsim(["slurm", ...args, "--out", out, "--dry-run"]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(message)]);
    }
    expect(existsSync(`${out}-slurm`)).toBe(false);
    mkdirSync(out);
    writeFileSync(join(out, "sweep.json"), '{ "config": {} }\n');
    expect(() => writeSlurmFiles({ parsed: parseConfig(sweepConfig), out, tasks: 2 })).toThrow(ResumeError);
  });

  it("reads --rerun as Slurm's array indices", () => {
    expect(rerunIndices("2", 4)).toEqual([2]);
    expect(rerunIndices("0,2-3", 4)).toEqual([0, 2, 3]);
    for (const bad of ["", "a", "1-", "3-1", "1,,2"]) expect(() => rerunIndices(bad, 4), bad).toThrow(ConfigError);
  });
});

describe("sbatch", () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });
  /** A stand-in `sbatch` on PATH that prints `stdout`, `stderr` and exits with `status`; it records its arguments. */
  function fakeSbatch(stdout: string, stderr = "", status = 0): string {
    const dir = tmp();
    writeFileSync(join(dir, "sbatch"), `#!/bin/sh\necho "$@" > ${dir}/args\nprintf '%s' '${stdout}'\nprintf '%s' '${stderr}' >&2\nexit ${status}\n`);
    chmodSync(join(dir, "sbatch"), 0o755);
    process.env.PATH = `${dir}:${path}`;
    return dir;
  }

  it("returns the job id of --parsable (with or without the cluster name)", () => {
    const dir = fakeSbatch("4242\n");
    expect(sbatch("/x/merge.sbatch", ["--dependency=afterok:17"])).toBe("4242");
    expect(readFileSync(join(dir, "args"), "utf8")).toBe("--parsable --dependency=afterok:17 /x/merge.sbatch\n");
    fakeSbatch("4243;cluster2\n");
    expect(sbatch("/x/s.sbatch")).toBe("4243");
  });

  it("throws a SlurmError with sbatch's own words when it fails, prints no id, or is not installed", () => {
    fakeSbatch("", "sbatch: error: invalid partition specified: gpu\nsbatch: error: Batch job submission failed", 1);
    expect(() => sbatch("/x/s.sbatch")).toThrow(/failed \(exit 1\): sbatch: error: invalid partition specified: gpu sbatch: error: Batch job/);
    fakeSbatch("Submitted batch job\n");
    expect(() => sbatch("/x/s.sbatch")).toThrow(/printed no job id/);
    process.env.PATH = tmp();
    expect(() => sbatch("/x/s.sbatch")).toThrow(SlurmError);
    expect(() => sbatch("/x/s.sbatch")).toThrow(/not found on PATH/);
  });
});
