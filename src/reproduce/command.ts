/**
 * `setsim reproduce --out DIR [--scale test|small|paper] [--engine …]`: computes the paper's Figs. 3–9,
 * checks its seven conclusions and writes the report DIR/index.html; exit status 0 only when every
 * check holds (1 when one fails, 2 for bad options).
 */
import { existsSync, readdirSync } from "node:fs";
import { type Command, Option } from "commander";
import { simulate } from "../api/simulate.ts";
import { progressBar } from "../cli/progress.ts";
import { caseA } from "../config/examples.ts";
import { createEngine, type Engine, type EngineName, type Precision } from "../engine/engine.ts";
import { ResumeError } from "../errors.ts";
import { evaluateChecks } from "./checks/index.ts";
import { reproductionFigures } from "./figures.ts";
import { writeReport } from "./report-files.ts";
import { reproductionPoints, runReproduction } from "./runs.ts";
import { type Scale, type ScaleName, SCALES } from "./scale.ts";

/** Some of the paper's conclusions do not hold in this reproduction: the report says which. */
export class ChecksFailedError extends Error {
  override readonly name = "ChecksFailedError";
  readonly exitCode = 1;
}

interface Options { out: string; scale: ScaleName; engine?: EngineName; precision: Precision; png: boolean; force: boolean; quiet: boolean }

/**
 * The seconds a reproduction should take on `engine`: its (Γ, t) points times the cost of one point
 * of the scale's problem, the fastest of up to three timed three-point runs after a warm-up (the
 * fastest, because a shared machine only ever adds time).
 */
async function estimateSeconds(engine: Engine, scale: Scale): Promise<number> {
  const timed = async (times: number[]) => {
    const started = performance.now();
    await simulate({ K: scale.K, ...caseA, Gamma: 3, times }, { engine });
    return (performance.now() - started) / 1000;
  };
  await timed([1, 10]);
  let best = Infinity;
  let spent = 0;
  for (let i = 0; i < 3 && spent < 2; i++) {
    const s = await timed([1e2, 1e3, 1e4]);
    best = Math.min(best, s / 3);
    spent += s;
  }
  return reproductionPoints(scale) * best;
}

async function reproduce(o: Options): Promise<void> {
  const scale = SCALES[o.scale];
  if (existsSync(o.out) && readdirSync(o.out).length > 0 && !o.force) {
    throw new ResumeError(`--out ${o.out} is not empty: choose another directory, or --force to write the report into it`);
  }
  const engine = await createEngine(o.engine ?? (o.scale === "paper" ? "auto" : "cpu"), { precision: o.precision });
  const say = (line: string) => process.stderr.write(`setsim: ${line}\n`);
  try {
    say(`engine ${engine.name}; scale ${scale.name}: K = ${scale.K}, ${reproductionPoints(scale)} (Γ, t) points`);
    if (engine.name.startsWith("cpu")) {
      const estimate = await estimateSeconds(engine, scale);
      say(`estimated ${estimate < 120 ? `${Math.ceil(estimate)} s` : `${Math.ceil(estimate / 60)} min`} on this engine${estimate > 1800 ? " (a GPU engine, --engine webgpu, takes minutes)" : ""}`);
    }
    const bar = progressBar(!o.quiet);
    bar.start(reproductionPoints(scale), 0);
    const rep = await runReproduction(scale, engine, () => bar.tick()).finally(() => bar.stop());
    const checks = evaluateChecks(rep);
    const report = await writeReport(o.out, rep, reproductionFigures(rep), checks, o.png);
    for (const c of checks) process.stderr.write(`  ${c.pass ? "pass" : "FAIL"}  (${c.conclusion}) ${c.id}\n`);
    say(`report in ${report}`);
    const failed = checks.filter((c) => !c.pass);
    if (failed.length > 0) throw new ChecksFailedError(`${failed.length} of ${checks.length} checks failed (${failed.map((c) => c.id).join(", ")}): see ${report}`);
  } finally {
    engine.close();
  }
}

/** Adds `reproduce` to the CLI. */
export function registerReproduce(cli: Command): void {
  cli
    .command("reproduce")
    .description("compute the paper's Figs. 3–9, check its seven conclusions (Sec. V), write DIR/index.html")
    .requiredOption("--out <dir>", "report directory")
    .addOption(new Option("--scale <scale>", "test (K = 120, for CI), small (K = 200, minutes on a CPU), paper (K = 1000)").choices(["test", "small", "paper"]).default("small"))
    .addOption(new Option("--engine <engine>", "cpu, webgpu or auto (default: cpu; auto for --scale paper)").choices(["cpu", "webgpu", "auto"]))
    .addOption(new Option("--precision <mode>", "GPU arithmetic (see `setsim run --help`)").choices(["fast", "accurate"]).default("accurate"))
    .option("--no-png", "do not render PNG copies of the figures")
    .option("--force", "write into a non-empty --out (files of the same name are replaced)", false)
    .option("--quiet", "no progress bar", false)
    .action((o: Options) => reproduce(o));
}
