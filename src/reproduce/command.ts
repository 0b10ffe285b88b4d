/**
 * `setsim reproduce --out DIR [--scale test|small|paper] [--engine …]`: computes the paper's Figs. 3–9,
 * checks its seven conclusions and writes the report DIR/index.html; exit status 0 only when every
 * check holds (1 when one fails, 2 for bad options). `--recheck DIR` evaluates the checks and the
 * report again from DIR's data, and `--tighten ID=FACTOR` moves a check's limits (to see it fail).
 */
import { existsSync, readdirSync } from "node:fs";
import { type Command, Option } from "commander";
import { simulate } from "../api/simulate.ts";
import { progressBar } from "../cli/progress.ts";
import { caseA } from "../config/examples.ts";
import { createEngine, type Engine, type EngineName, type Precision } from "../engine/engine.ts";
import { ConfigError, ResumeError } from "../errors.ts";
import { tightenCheck } from "./checks/check.ts";
import { CHECK_IDS, evaluateChecks } from "./checks/index.ts";
import { reproductionFigures } from "./figures.ts";
import { readReproduction } from "./recheck.ts";
import { writeReport } from "./report-files.ts";
import { type Reproduction, reproductionPoints, runReproduction } from "./runs.ts";
import { type Scale, type ScaleName, SCALES } from "./scale.ts";

/** Some of the paper's conclusions do not hold in this reproduction: the report says which. */
export class ChecksFailedError extends Error {
  override readonly name = "ChecksFailedError";
  readonly exitCode = 1;
}

interface Options { out?: string; recheck?: string; tighten?: string[]; scale: ScaleName; engine?: EngineName; precision: Precision; png: boolean; force: boolean; quiet: boolean }

/** `--tighten ID=FACTOR` (repeatable): a known check id and a factor > 0, refused before any work. */
function readTighten(specs: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const spec of specs) {
    const [id, factor] = spec.split("=");
    if (!(CHECK_IDS as readonly string[]).includes(id)) throw new ConfigError("--tighten", `names no check: ${id} (one of ${CHECK_IDS.join(", ")})`);
    const f = Number(factor);
    if (!(f > 0 && Number.isFinite(f))) throw new ConfigError("--tighten", `${spec}: the factor must be a number > 0 (< 1 tightens)`);
    out.set(id, f);
  }
  return out;
}

const say = (line: string) => process.stderr.write(`setsim: ${line}\n`);

/** Evaluates the checks (tightened where asked), writes the report into `dir`, prints the summary; fails with status 1 when a check does. */
async function report(dir: string, rep: Reproduction, tighten: ReadonlyMap<string, number>, png: boolean, writeData: boolean): Promise<void> {
  const checks = evaluateChecks(rep).map((c) => (tighten.has(c.id) ? tightenCheck(c, tighten.get(c.id)!) : c));
  const path = await writeReport(dir, rep, reproductionFigures(rep), checks, png, writeData);
  for (const c of checks) process.stderr.write(`  ${c.pass ? "pass" : "FAIL"}  (${c.conclusion}) ${c.id}${tighten.has(c.id) ? ` (limits tightened by ${tighten.get(c.id)})` : ""}\n`);
  say(`report in ${path}`);
  const failed = checks.filter((c) => !c.pass);
  if (failed.length > 0) throw new ChecksFailedError(`${failed.length} of ${checks.length} checks failed (${failed.map((c) => c.id).join(", ")}): see ${path}`);
}

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
  const tighten = readTighten(o.tighten ?? []);
  if (o.recheck !== undefined) {
    if (o.out !== undefined) throw new ConfigError("--recheck", "writes into its own directory: give it without --out");
    return report(o.recheck, readReproduction(o.recheck), tighten, o.png, false);
  }
  if (o.out === undefined) throw new ConfigError("--out", "is required (the report directory), or --recheck DIR");
  const scale = SCALES[o.scale];
  if (existsSync(o.out) && readdirSync(o.out).length > 0 && !o.force) {
    throw new ResumeError(`--out ${o.out} is not empty: choose another directory, or --force to write the report into it`);
  }
  const engine = await createEngine(o.engine ?? (o.scale === "paper" ? "auto" : "cpu"), { precision: o.precision });
  try {
    say(`engine ${engine.name}; scale ${scale.name}: K = ${scale.K}, ${reproductionPoints(scale)} (Γ, t) points`);
    if (engine.name.startsWith("cpu")) {
      const estimate = await estimateSeconds(engine, scale);
      say(`estimated ${estimate < 120 ? `${Math.ceil(estimate)} s` : `${Math.ceil(estimate / 60)} min`} on this engine${estimate > 1800 ? " (a GPU engine, --engine webgpu, takes minutes)" : ""}`);
    }
    const bar = progressBar(!o.quiet);
    bar.start(reproductionPoints(scale), 0);
    const rep = await runReproduction(scale, engine, () => bar.tick()).finally(() => bar.stop());
    await report(o.out, rep, tighten, o.png, true);
  } finally {
    engine.close();
  }
}

/** Adds `reproduce` to the CLI. */
export function registerReproduce(cli: Command): void {
  cli
    .command("reproduce")
    .description("compute the paper's Figs. 3–9, check its seven conclusions (Sec. V), write DIR/index.html")
    .option("--out <dir>", "report directory (required unless --recheck)")
    .option("--recheck <dir>", "evaluate the checks and rewrite the report of DIR (written by reproduce) from its data, computing nothing")
    .option("--tighten <id=factor>", "move check ID's limits by FACTOR (< 1 stricter; repeatable): to see the failing path", (v: string, all: string[] | undefined) => [...(all ?? []), v])
    .addOption(new Option("--scale <scale>", "test (K = 120, for CI), small (K = 200, minutes on a CPU), paper (K = 1000)").choices(["test", "small", "paper"]).default("small"))
    .addOption(new Option("--engine <engine>", "cpu, webgpu or auto (default: cpu; auto for --scale paper)").choices(["cpu", "webgpu", "auto"]))
    .addOption(new Option("--precision <mode>", "GPU arithmetic (see `setsim run --help`)").choices(["fast", "accurate"]).default("accurate"))
    .option("--no-png", "do not render PNG copies of the figures")
    .option("--force", "write into a non-empty --out (files of the same name are replaced)", false)
    .option("--quiet", "no progress bar", false)
    .action((o: Options) => reproduce(o));
}
