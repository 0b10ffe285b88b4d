// The worker pools in Node (worker_threads; tests/browser-pool.test.ts runs the same in Web Workers): the CPU
// engine's block entropies and the GPU engine's host share give the same bits on workers as in-thread.
import { describe, expect, it } from "vitest";
import { cpuEngine, runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { inlineSolver, workerSolver } from "../src/engine/cpu/block-pool.ts";
import { inlineHost, workerHost } from "../src/engine/host-pool.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";

const times = [0, 0.3, 2, 15, 1e3, 1e5];

describe("CPU engine on a pool of worker threads", () => {
  it("gives the same bits as one thread, with more times in flight than workers (thermal, pure, asymmetric)", async () => {
    const solver = (await workerSolver(3))!;
    expect(solver.threads).toBe(3);
    const engine = await cpuEngine(solver);
    expect(engine.name).toBe("cpu-f64 (3 worker threads)");
    for (const k of [0, 2, 3]) {
      const p = { ...engineConfigs[k][1], KL: Math.min(engineConfigs[k][1].KL, 24), KR: Math.min(engineConfigs[k][1].KR, 24) };
      let done = 0;
      const pooled = await engine.run(p, times, (n) => (done = n));
      expect(done).toBe(times.length);
      expect(pooled).toEqual(await runCpu(p, times, undefined, inlineSolver));
    }
    engine.close();
  });

  it("hands a worker's failure to the caller instead of hanging", async () => {
    const solver = (await workerSolver(1))!;
    // a block whose arrays are shorter than n² makes the worker's solver throw
    await expect(solver.entropy(new Float64Array(1), new Float64Array(1), 3)).rejects.toThrow(/worker/);
    solver.close();
  });
});

describe("the GPU engine's host share on a pool of worker threads", () => {
  it("makes the same plans, metas and rows as in-thread", async () => {
    const pool = (await workerHost(2))!;
    const inline = inlineHost();
    const p = engineConfigs[3][1];
    for (const h of [pool, inline]) h.plan("j", p);
    const [a, b] = await Promise.all([pool.timePlan("j"), inline.timePlan("j")]);
    expect(a).toEqual(b);
    expect(await pool.meta("j")).toEqual(await inline.meta("j"));
    for (const [slot, t] of [0.5, 40].entries()) {
      const v = await inline.vectors("j", slot, t);
      expect(await pool.vectors("j", slot, t)).toEqual(v);
      expect(await pool.row("j", slot, t, v, 1.5, 1.25)).toEqual(await inline.row("j", slot, t, v, 1.5, 1.25));
      const given = { diag: v.diag, SBminusStot: -0.75 };
      expect(await pool.row("j", slot, t, given, 1.5, 1.25)).toEqual(await inline.row("j", slot, t, given, 1.5, 1.25));
    }
    pool.close();
  });
});
