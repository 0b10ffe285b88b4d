/** The `setsim` command line: `run` a config (one run or a sweep), print `example` configs. */
import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { parseConfig, problemFor } from "../config/schema.ts";
import { EXAMPLES } from "../config/examples.ts";
import { ConfigError } from "../errors.ts";
import { createEngine, type EngineName, type Precision, precisionNote } from "../engine/engine.ts";
import { type OutputFormat, runConfig } from "../sweep/run-config.ts";
import { progressBar } from "./progress.ts";
import { extremalNotes } from "../thermo/extremal-note.ts";
import { registerReproduce } from "../reproduce/command.ts";

function choice<T extends string>(allowed: readonly T[], flag: string) {
  return (v: string): T => {
    if (!(allowed as readonly string[]).includes(v)) throw new InvalidArgumentError(`${flag} must be one of ${allowed.join(", ")}`);
    return v as T;
  };
}

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
  cli
    .command("run")
    .description("run CONFIG.json (one run, or a sweep when a scalar is a grid)")
    .argument("<config>", "a run config (SPEC §3); `setsim example NAME` prints ready ones")
    .requiredOption("--out <path>", "result file (one run) or directory (sweep)")
    .option("--format <format>", "json or csv (default: from the --out extension)", choice(["json", "csv"] as const, "--format"))
    .option("--engine <engine>", "cpu (f64 reference), webgpu (GPU, f32 fast mode) or auto (webgpu if an adapter exists)", choice(["cpu", "webgpu", "auto"] as const, "--engine"), "cpu")
    .option("--precision <mode>", "GPU arithmetic: fast (bound 1e-3) or accurate (bound 1e-8); both run double-float where the adapter keeps it exact, fast falls back to f32 elsewhere; the cpu engine is always f64", choice(["fast", "accurate"] as const, "--precision"), "fast")
    .option("--resume", "continue an interrupted sweep in --out (or keep a finished run)", false)
    .option("--force", "overwrite a finished run, or restart a sweep directory", false)
    .option("--no-plots", "do not write SVG plots")
    .option("--quiet", "no progress bar", false)
    .action(async (configPath: string, o: { out: string; format?: OutputFormat; engine: EngineName; precision: Precision; resume: boolean; force: boolean; plots: boolean; quiet: boolean }) => {
      const parsed = parseConfig(readConfig(configPath));
      const engine = await createEngine(o.engine, { precision: o.precision });
      process.stderr.write(`setsim: engine ${engine.name}\n`);
      const largestK = Math.max(...(parsed.sweep?.values ?? [undefined]).map((v) => {
        const p = problemFor(parsed, v);
        return Math.max(p.KL, p.KR);
      }));
      const note = precisionNote(engine, largestK);
      if (note) process.stderr.write(`setsim: note: ${note}\n`);
      for (const n of extremalNotes(parsed)) process.stderr.write(`setsim: note: ${n}\n`);
      const bar = progressBar(!o.quiet);
      try {
        const summary = await runConfig(engine, parsed, {
          out: o.out, format: o.format, resume: o.resume, force: o.force, plots: o.plots,
          onStart: (total, done) => bar.start(total, done),
          onPoint: () => bar.tick(),
        });
        bar.stop();
        process.stderr.write(`setsim: results in ${o.out}${summary.plots.length ? `; plots: ${summary.plots.length} SVG files beside them` : ""}\n`);
      } finally {
        bar.stop();
        engine.close();
      }
    });
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
      process.stderr.write(`setsim: error: ${e.message}\n`);
      return err.exitCode;
    }
    throw e;
  }
}
