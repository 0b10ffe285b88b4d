/**
 * The benchmark's command line, with commander as `setsim` uses it: `--help` prints the usage and
 * exits 0, a bad option or workload prints one line and exits 2 (never a stack trace).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";

export interface BenchOptions {
  workloads: string[];
  engine: "cpu" | "webgpu" | "auto";
  precision: "fast" | "accurate";
  hostThreads?: number;
  /** fast mode's f32 batches, in MiB of device memory (EngineOptions.batchBytes) */
  batchMib?: number;
  threads: 1 | 2;
  compare: boolean;
  /** SPEC §5's workloads at this bath size instead of 1000 */
  K?: number;
  /** also write the report as JSON here (the benchmark page exports the same format) */
  json?: string;
}

const integer = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${flag} must be a non-negative integer`);
  return n;
};

const positive = (flag: string) => (v: string) => {
  const n = integer(flag)(v);
  if (n === 0) throw new InvalidArgumentError(`${flag} must be a positive integer`);
  return n;
};

/**
 * Parses argv (without node and the script). Returns null when the process should end now (help
 * shown: exit code 0; bad arguments: message written, exit code 2), with `process.exitCode` set.
 */
export function benchOptions(argv: string[], workloads: readonly string[]): BenchOptions | null {
  const cli = new Command("npm run bench --")
    .description("Times the engine on named workloads: wall time, ms per (Γ, t) point, the machine and, on a GPU, where the time goes.")
    .argument("[workload...]", `one or more of: ${workloads.join(", ")} (default: trace-k200 point-k1000)`)
    .addOption(new Option("--engine <engine>", "engine to time").choices(["cpu", "webgpu", "auto"]).default("cpu"))
    .addOption(new Option("--precision <mode>", "GPU arithmetic").choices(["fast", "accurate"]).default("fast"))
    .option("--host-threads <n>", "worker threads for the GPU engine's host share (0: in-thread)", integer("--host-threads"))
    .option("--batch-mib <n>", "device memory of one batch of fast mode's f32 path, MiB (default 1024, or one binding's worth where more; ~76 MiB a K = 1000 block)", positive("--batch-mib"))
    .addOption(new Option("--threads <n>", "CPU engine threads (1: everything in-thread)").choices(["1", "2"]).default("2"))
    .option("--compare", "also run the f64 CPU engine and print the worst error against it", false)
    .option("--K <n>", "run SPEC §5's workloads at this bath size instead of 1000", integer("--K"))
    .option("--json <file>", "also write the report as JSON (the format the benchmark page exports)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    cli.parse(argv, { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    process.exitCode = e.code === "commander.helpDisplayed" || e.code === "commander.help" ? 0 : 2;
    return null;
  }
  const o = cli.opts<{ engine: BenchOptions["engine"]; precision: BenchOptions["precision"]; hostThreads?: number; batchMib?: number; threads: string; compare: boolean; K?: number; json?: string }>();
  const chosen = cli.args.length ? cli.args : ["trace-k200", "point-k1000"];
  const unknown = chosen.filter((w) => !workloads.includes(w));
  if (unknown.length) {
    process.stderr.write(`bench: unknown workload ${unknown.join(", ")}; known: ${workloads.join(", ")}\n`);
    process.exitCode = 2;
    return null;
  }
  return { workloads: chosen, engine: o.engine, precision: o.precision, hostThreads: o.hostThreads, batchMib: o.batchMib, threads: o.threads === "1" ? 1 : 2, compare: o.compare, K: o.K, json: o.json };
}
