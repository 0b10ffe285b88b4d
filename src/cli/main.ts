/** The `setsim` command line: `run` a config (one run or a sweep), print `example` configs. */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { parseConfig, problemFor } from "../config/schema.ts";
import { EXAMPLES } from "../config/examples.ts";
import { ConfigError, OutputError } from "../errors.ts";
import { precisionNote } from "../engine/engine.ts";
import { type OutputFormat, runConfig } from "../sweep/run-config.ts";
import { progressBar } from "./progress.ts";
import { interruptedMessage, type RunProgress, withInterruptMessage } from "./interrupt.ts";
import { parseShard, type Shard } from "../sweep/shard.ts";
import { registerMerge } from "./merge-command.ts";
import { registerSlurm } from "./slurm-command.ts";
import { choice, type EngineChoice, engineOptions, openCliEngine, problemsOf } from "./engine-options.ts";
import { registerBatch } from "./batch.ts";
import { registerBench } from "./bench-command.ts";
import { extremalNotes } from "../thermo/extremal-note.ts";
import { registerReproduce } from "../reproduce/command.ts";

function readConfig(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ConfigError("CONFIG", `cannot read file ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError("CONFIG", `${path} is not valid JSON (${(e as Error).message})`);
  }
}

export function program(): Command {
  const cli = new Command("setsim")
    .description("Exact entropy-production decomposition of the single electron transistor with finite baths")
    .exitOverride()
    .showHelpAfterError();
  const run = cli
    .command("run")
    .description("run CONFIG.json (one run, or a sweep when a scalar is a grid)")
    .argument("<config>", "a run config (SPEC §3); `setsim example NAME` prints ready ones")
    .requiredOption("--out <path>", "result file (one run) or directory (sweep)")
    .option("--format <format>", "json or csv (default: from the --out extension)", choice(["json", "csv"] as const, "--format"))
    .option("--resume", "continue an interrupted sweep in --out (or keep a finished run)", false)
    .option("--force", "overwrite a finished run, or restart a sweep directory", false)
    .option("--no-plots", "do not write SVG plots")
    .option("--quiet", "no progress bar", false)
    .option("--shard <I/N|auto|auto/N>", "compute only shard I of N of a sweep's values (value i when i mod N = I; auto: from SLURM_ARRAY_TASK_*); then setsim merge", (v: string) => parseShard(v));
  engineOptions(run)
    .action(async (configPath: string, o: EngineChoice & { out: string; format?: OutputFormat; resume: boolean; force: boolean; plots: boolean; quiet: boolean; shard?: Shard }) => {
      const parsed = parseConfig(readConfig(configPath));
      const engine = await openCliEngine(o, problemsOf(parsed));
      process.stderr.write(`setsim: engine ${engine.name}\n`);
      const largestK = Math.max(...(parsed.sweep?.values ?? [undefined]).map((v) => {
        const p = problemFor(parsed, v);
        return Math.max(p.KL, p.KR);
      }));
      const note = precisionNote(engine, largestK);
      if (note) process.stderr.write(`setsim: note: ${note}\n`);
      for (const n of extremalNotes(parsed)) process.stderr.write(`setsim: note: ${n}\n`);
      const bar = progressBar(!o.quiet);
      const progress: RunProgress = parsed.sweep ? { finished: 0, total: parsed.sweep.values.length } : {};
      const release = () => {
        bar.stop();
        engine.close();
      };
      try {
        const summary = await withInterruptMessage((signal) => interruptedMessage(signal, configPath, o.out, progress), release, () =>
          runConfig(engine, parsed, {
            out: o.out, format: o.format, resume: o.resume, force: o.force, plots: o.plots, shard: o.shard,
            onStart: (total, done) => bar.start(total, done),
            onPoint: () => bar.tick(),
            onValue: () => progress.finished!++,
            onForeign: (names) => process.stderr.write(`setsim: note: ${names.length} file(s) in ${o.out} are not setsim's and are left as they are (${names.slice(0, 3).join(", ")})\n`),
          }));
        bar.stop();
        process.stderr.write(`setsim: results in ${o.out}${summary.plots.length ? `; plots: ${summary.plots.length} SVG files beside them` : ""}\n`);
      } catch (err) {
        bar.stop();
        if (err instanceof OutputError && progress.total !== undefined && progress.finished! > 0) {
          throw new OutputError(err.path, `${err.reason}; the ${progress.finished} finished values are intact: fix the cause and continue with --resume`);
        }
        throw err;
      } finally {
        release();
      }
    });
  registerBatch(cli, readConfig);
  registerBench(cli);
  registerReproduce(cli);
  cli
    .command("example")
    .description("print a ready config (no NAME: list them)")
    .argument("[name]", "example name")
    .action((name?: string) => {
      if (!name) {
        for (const [k, v] of Object.entries(EXAMPLES)) process.stdout.write(`${k.padEnd(14)} ${v.description}\n`);
        return;
      }
      const ex = EXAMPLES[name];
      if (!ex) throw new ConfigError("NAME", `unknown example '${name}'; known: ${Object.keys(EXAMPLES).join(", ")}`);
      process.stdout.write(JSON.stringify(ex.config, null, 2) + "\n");
    });
  registerMerge(cli);
  registerSlurm(cli, readConfig);
  return cli;
}

/** Runs the CLI; user mistakes end with one line on stderr and the error's exit code, never a stack. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (typeof err.code === "string" && err.code.startsWith("commander.")) {
      return err.code === "commander.helpDisplayed" || err.code === "commander.version" ? 0 : 2;
    }
    if (typeof err.exitCode === "number" && e instanceof Error) {
      process.stderr.write(`setsim: error: ${oneLine(e.message)}\n`);
      return err.exitCode;
    }
    // a file-system failure that no step mapped: still one line, and the output exit status
    const errno = e as NodeJS.ErrnoException;
    if (typeof errno.code === "string" && /^E[A-Z]+$/.test(errno.code) && typeof errno.syscall === "string") {
      process.stderr.write(`setsim: error: ${oneLine(errno.message)}\n`);
      return OUTPUT_EXIT;
    }
    throw e;
  }
}

/** OutputError's exit status, for the errors it did not wrap. */
const OUTPUT_EXIT = 4;

/** The longest error line printed; input echoed into a message (a 50 MB key) is cut to fit. */
const MAX_MESSAGE = 400;

/** One printable line: control characters escaped, long text cut. */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = message.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}… (${flat.length} characters in all)` : flat;
}
