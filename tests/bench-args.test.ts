// `npm run bench -- --help` and bad bench arguments: usage or one line, never a stack trace.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bench = (...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, "..", "bin", "bench.mjs"), ...args], { encoding: "utf8" });

describe("bench command line", () => {
  it("--help prints the usage with every workload and exits 0", () => {
    const r = bench("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: npm run bench -- [options] [workload...]");
    for (const w of ["trace-k200", "fig6", "massive", "host-k1000", "fast-counts", "graded-k1000", "--precision"]) expect(r.stdout).toContain(w);
    expect(r.stderr).toBe("");
  }, 30_000);

  it.each([["--bogus"], ["no-such-workload"], ["--engine", "gpu"], ["--precision", "f64"], ["--batch-mib", "0"]])("%s: one line on stderr, exit 2", (...args) => {
    const r = bench(...args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+|TypeError|ERR_/);
  }, 30_000);

  it("parses --precision and --batch-mib for createEngine (fast by default)", async () => {
    const { benchOptions } = await import("../bench/bench-args.ts");
    expect(benchOptions(["fig6", "--precision", "accurate"], ["fig6"])).toMatchObject({ precision: "accurate", workloads: ["fig6"] });
    expect(benchOptions(["fig6"], ["fig6"])).toMatchObject({ precision: "fast" });
    expect(benchOptions(["fig6", "--batch-mib", "8192"], ["fig6"])).toMatchObject({ batchMib: 8192 });
  });
});
