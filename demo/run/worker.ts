/**
 * The computation worker: validates the config with the CLI's parser, creates the engine, and runs
 * the swept values in groups as `setsim run` does (runGroup: one runMany call per group, so the GPU
 * packs many Γ into each submission), posting each value as soon as it is complete so the page can
 * draw it while the rest computes. The engine spreads its host work over Web Workers of its own.
 * Each finished time is posted too, so a Cancel (the page terminates this worker, and with it those)
 * keeps it. "auto" is resolved here (engine-choice.ts).
 */
import { createEngine, precisionNote } from "../../src/engine/engine.ts";
import { parseConfig, problemFor } from "../../src/config/schema.ts";
import { pointsPerValue, runGroup, type ValueRun, valueGroups } from "../../src/sweep/run-value.ts";
import { ConfigError } from "../../src/errors.ts";
import type { RunKind, StartMessage, WorkerMessage } from "./messages.ts";
import { autoChoice, probeAdapter } from "../engine-choice.ts";
import { ensembleConfig, ensembleRuns } from "./ensemble.ts";

const post = (m: WorkerMessage) => postMessage(m);

async function run(job: StartMessage): Promise<void> {
  const parsed = parseConfig(job.config);
  const runs: Array<{ kind: RunKind; parsed: typeof parsed }> = [{ kind: "main", parsed }];
  const ensemble = ensembleRuns(parsed, job.ensemble);
  if (ensemble !== "none") runs.push({ kind: "ensemble", parsed: parseConfig(ensembleConfig(job.config)) });
  // many pure states share one ensemble (a thermal config without the seed sweep): run it once, with the first group
  const once = ensemble === "once" ? runs.splice(1) : [];
  const choice = job.engine === "auto" ? autoChoice(await probeAdapter()) : undefined;
  const engine = await createEngine(choice?.engine ?? job.engine, { precision: job.precision });
  const values = parsed.sweep ? parsed.sweep.values : [undefined];
  // the same note as the CLI's where fast GPU mode is asked for beyond the size its bound is checked at
  const note = precisionNote(engine, Math.max(...values.map((v) => Math.max(problemFor(parsed, v).KL, problemFor(parsed, v).KR))));
  post({ type: "engine", name: note ? `${engine.name} — note: ${note}` : engine.name, gpu: !engine.name.startsWith("cpu"), reason: choice?.reason });
  // refuse what the engine cannot run before anything is computed (as the CLI does)
  for (const v of values) engine.check?.(problemFor(parsed, v));
  post({ type: "plan", total: (values.length * runs.length + once.length) * pointsPerValue(parsed), values });
  let done = 0;
  let last = 0;
  const onPoint = () => {
    done++;
    const now = performance.now();
    // progress messages at most every 50 ms: small problems finish thousands of points a second
    if (now - last > 50) {
      last = now;
      post({ type: "progress", done });
    }
  };
  const started = performance.now();
  for (const [g, group] of valueGroups(engine, values.length, runs.length * pointsPerValue(parsed)).entries()) {
    // each value of the group with its ensemble twin, where asked for
    const batch = group.flatMap((index) => runs.map((r) => ({ index, kind: r.kind, run: { parsed: r.parsed, value: values[index] } as ValueRun })));
    if (g === 0) batch.push(...once.map((r) => ({ index: 0, kind: r.kind, run: { parsed: r.parsed, value: undefined } as ValueRun })));
    await runGroup(engine, batch.map((b) => b.run), {
      onPoint,
      onRow: (k, i, row, meta) => post({ type: "row", index: batch[k].index, kind: batch[k].kind, i, row, meta }),
      onResult: (k, result) => {
        post({ type: "progress", done });
        post({ type: "value", index: batch[k].index, kind: batch[k].kind, result });
      },
    });
  }
  // a value's result can come before its last point's count (runMany hands rows over first)
  post({ type: "progress", done });
  const stats = engine.kernelStats;
  post({
    type: "stats", seconds: (performance.now() - started) / 1000, points: done, submissions: stats?.submissions ?? 0,
    stages: Object.fromEntries(Object.entries(stats?.stages ?? {}).map(([k, v]) => [k, v.seconds])),
  });
  engine.close();
  post({ type: "done" });
}

onmessage = (e: MessageEvent<StartMessage>) => {
  run(e.data).catch((err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    const msg: WorkerMessage = { type: "error", name: error.name, message: error.message };
    if (err instanceof ConfigError) Object.assign(msg, { field: err.field, rule: err.rule });
    post(msg);
  });
};
