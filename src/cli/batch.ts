/**
 * `setsim batch CONFIGS... --out DIR`: many configs in one process with one engine (one browser and
 * one device with `--runtime chromium`), each written by `runConfig` exactly as `setsim run` writes
 * it, to DIR/<name>.json|csv (one run) or DIR/<name>/ (a sweep). A config that fails is reported and
 * the others go on; a table of every config ends the run, and the exit status says if any failed.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { type ParsedConfig, parseConfig } from "../config/schema.ts";
import { DeviceLostError } from "../errors.ts";
import { type Engine, precisionNote } from "../engine/engine.ts";
import { type OutputFormat, runConfig } from "../sweep/run-config.ts";
import { choice, type EngineChoice, engineOptions, openCliEngine, problemsOf } from "./engine-options.ts";
import { configName, expandConfigArgs } from "./config-files.ts";
import { progressBar } from "./progress.ts";

interface BatchOptions extends EngineChoice {
  out: string;
  format?: OutputFormat;
  resume: boolean;
  force: boolean;
  plots: boolean;
  quiet: boolean;
}

/** One config's line of the summary. */
export interface BatchEntry {
  config: string;
  points: number;
  seconds: number;
  status: string;
  exitCode: number;
}

/** Some configs failed: the exit status is the highest of theirs. */
class BatchError extends Error {
  override readonly name = "BatchError";
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

const exitCodeOf = (e: unknown): number => (typeof (e as { exitCode?: unknown }).exitCode === "number" ? (e as { exitCode: number }).exitCode : 1);

/** The summary as an aligned text table. */
export function formatSummary(entries: readonly BatchEntry[]): string {
  const rows = [["config", "points", "seconds", "status"], ...entries.map((e) => [e.config, String(e.points), e.seconds.toFixed(2), e.status])];
  const width = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => [r[0].padEnd(width[0]), r[1].padStart(width[1]), r[2].padStart(width[2]), r[3]].join("  ")).join("\n") + "\n";
}

async function runOne(engine: Engine, parsed: ParsedConfig, out: string, o: BatchOptions, entry: BatchEntry): Promise<void> {
  const bar = progressBar(!o.quiet);
  const t0 = performance.now();
  try {
    await runConfig(engine, parsed, {
      out, format: o.format, resume: o.resume, force: o.force, plots: o.plots,
      onStart: (total, done) => {
        entry.points = total;
        bar.start(total, done);
      },
      onPoint: () => bar.tick(),
    });
    entry.status = "ok";
  } finally {
    bar.stop();
    entry.seconds = (performance.now() - t0) / 1000;
  }
}

/** Every judged config in turn on one engine; a lost device ends the batch (the rest are reported as not run). */
async function runAll(engine: Engine, files: string[], parsed: Array<ParsedConfig | undefined>, entries: BatchEntry[], o: BatchOptions, largestK: number): Promise<void> {
  process.stderr.write(`setsim: engine ${engine.name}\n`);
  const note = precisionNote(engine, largestK);
  if (note) process.stderr.write(`setsim: note: ${note}\n`);
  let lost: Error | undefined;
  try {
    for (const [i, p] of parsed.entries()) {
      const entry = entries[i];
      if (!p) continue;
      if (lost) {
        Object.assign(entry, { status: "not run: the device was lost earlier in the batch", exitCode: exitCodeOf(lost) });
        continue;
      }
      const out = join(o.out, p.sweep ? entry.config : `${entry.config}.${o.format ?? "json"}`);
      process.stderr.write(`setsim: [${i + 1}/${files.length}] ${files[i]} → ${out}\n`);
      try {
        await runOne(engine, p, out, o, entry);
      } catch (e) {
        Object.assign(entry, { status: `failed: ${e instanceof Error ? e.message : String(e)}`, exitCode: exitCodeOf(e) });
        if (e instanceof DeviceLostError) lost = e;
      }
    }
  } finally {
    engine.close();
  }
}

export function registerBatch(cli: Command, readConfig: (path: string) => unknown): void {
  const cmd = cli
    .command("batch")
    .description("run many configs with one engine (one browser, one device): each to DIR/<name>.json|csv (one run) or DIR/<name>/ (a sweep), then a summary table")
    .argument("<configs...>", "config files, folders (their *.json) or file-name patterns such as 'configs/fig*.json'")
    .requiredOption("--out <dir>", "the folder that receives every config's output")
    .option("--format <format>", "json or csv (a sweep writes CSV beside its JSON files with csv)", choice(["json", "csv"] as const, "--format"))
    .option("--resume", "continue each config's interrupted output (finished ones are kept)", false)
    .option("--force", "overwrite finished outputs", false)
    .option("--no-plots", "do not write SVG plots")
    .option("--quiet", "no progress bars", false);
  engineOptions(cmd).action(async (args: string[], o: BatchOptions) => {
    const files = expandConfigArgs(args);
    const entries: BatchEntry[] = files.map((f) => ({ config: configName(f), points: 0, seconds: 0, status: "", exitCode: 0 }));
    // every config is read and judged first: a bad one is reported, and the engine checks the rest up front
    const parsed = files.map((f, i) => {
      try {
        return parseConfig(readConfig(f));
      } catch (e) {
        Object.assign(entries[i], { status: `failed: ${(e as Error).message}`, exitCode: exitCodeOf(e) });
        return undefined;
      }
    });
    const problems = parsed.flatMap((p) => (p ? problemsOf(p) : []));
    // no engine (no browser, no device) where no config is left to run
    if (problems.length > 0) await runAll(await openCliEngine(o, problems), files, parsed, entries, o, Math.max(...problems.map((p) => Math.max(p.KL, p.KR))));
    process.stdout.write(formatSummary(entries));
    const failed = entries.filter((e) => e.exitCode !== 0);
    if (failed.length) throw new BatchError(`${failed.length} of ${entries.length} configs failed: ${failed.map((e) => e.config).join(", ")}`, Math.max(...failed.map((e) => e.exitCode)));
  });
}
