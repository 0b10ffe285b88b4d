/**
 * The options that choose where and on what a config runs (`--engine`, `--precision`, `--runtime`,
 * `--browser`, `--webgpu-adapter`), shared by `run`, `batch` and `bench`, and the engine they open.
 */
import { type Command, InvalidArgumentError } from "commander";
import { createEngine, type Engine, type EngineName, type Precision } from "../engine/engine.ts";
import type { Problem } from "../model/problem.ts";
import { type ParsedConfig, problemFor } from "../config/schema.ts";
import type { AdapterChoice } from "../runtime/chromium.ts";

export function choice<T extends string>(allowed: readonly T[], flag: string) {
  return (v: string): T => {
    if (!(allowed as readonly string[]).includes(v)) throw new InvalidArgumentError(`${flag} must be one of ${allowed.join(", ")}`);
    return v as T;
  };
}

export type Runtime = "node" | "chromium";

export interface EngineChoice {
  /** default: cpu in Node, auto in the browser */
  engine?: EngineName;
  precision: Precision;
  runtime: Runtime;
  browser?: string;
  webgpuAdapter: AdapterChoice;
}

export function engineOptions(cmd: Command): Command {
  return cmd
    .option("--engine <engine>", "cpu (f64 reference), webgpu (GPU) or auto (webgpu if an adapter exists); default cpu, with --runtime chromium auto", choice(["cpu", "webgpu", "auto"] as const, "--engine"))
    .option("--precision <mode>", "GPU arithmetic: fast (bound 1e-3: the bath blocks in f32, graded Rayleigh–Ritz) or accurate (bound 1e-8: all in double-float, where the adapter keeps it exact); the cpu engine is always f64", choice(["fast", "accurate"] as const, "--precision"), "fast")
    .option("--runtime <runtime>", "node (this process) or chromium (the same engine code in headless Chrome/Chromium, on the browser's WebGPU)", choice(["node", "chromium"] as const, "--runtime"), "node")
    .option("--browser <path>", "--runtime chromium: the Chrome/Chromium executable (default: $SETSIM_BROWSER, $CHROME_PATH, else one found on PATH or in the usual places)")
    .option("--webgpu-adapter <adapter>", "--runtime chromium: gpu (Vulkan on Linux), swiftshader (software, slow) or auto (the GPU where the machine shows one)", choice(["auto", "gpu", "swiftshader"] as const, "--webgpu-adapter"), "auto");
}

/** Every problem a config runs: one, or one per swept value. */
export const problemsOf = (parsed: ParsedConfig): Problem[] => (parsed.sweep?.values ?? [undefined]).map((v) => problemFor(parsed, v));

const log = (line: string) => process.stderr.write(`setsim: ${line}\n`);

/**
 * The engine of these options. In the browser, `problems` are checked by the page up front, so that
 * the engine's `check` refuses before any file is written what the page would refuse.
 */
export async function openCliEngine(o: EngineChoice, problems: readonly Problem[] = []): Promise<Engine> {
  const engine = o.engine ?? (o.runtime === "chromium" ? "auto" : "cpu");
  if (o.runtime === "node") return createEngine(engine, { precision: o.precision });
  const { openBrowserPage } = await import("../runtime/chromium.ts");
  const { remoteEngine } = await import("../runtime/remote-engine.ts");
  const session = await openBrowserPage("engine", "", { browser: o.browser, adapter: o.webgpuAdapter, log });
  try {
    const remote = await remoteEngine(session, engine, o.precision);
    log(`runtime chromium: ${session.description}`);
    if (remote.info.note) log(`note: ${remote.info.note}`);
    await remote.prepare(problems);
    return remote;
  } catch (e) {
    await session.close();
    throw e;
  }
}
