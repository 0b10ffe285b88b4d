// The benchmark bundle as the GPU machine runs it (bench/gpu-run.sh): Node.js and the three bundled
// files in a folder with no node_modules. A CommonJS dependency's `require` once broke it at load.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");

describe("the benchmark bundle (npm run build:bench)", () => {
  it("runs from a folder without node_modules: usage, per-block counts, and a CPU workload on the bundled block workers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "setsim-bench-bundle-"));
    try {
      await run(process.execPath, [join(ROOT, "scripts/build-bench.mjs"), dir]);
      const bench = (...args: string[]) => run(process.execPath, [join(dir, "bench.mjs"), ...args], { cwd: dir });
      expect((await bench("--help")).stdout).toMatch(/Usage: npm run bench --/);
      expect((await bench("fast-counts")).stdout).toMatch(/fast\/accurate: flops ≈/);
      // K = 32: the CPU engine's blocks go to its worker pool, from block-worker.mjs beside the bundle
      const { stdout } = await bench("trace", "--K", "32", "--engine", "cpu");
      expect(stdout).toMatch(/engine cpu-f64 \(up to \d+ worker threads?\)/);
      expect(stdout).toMatch(/trace@K=32: 122 points in [\d.]+ s/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
