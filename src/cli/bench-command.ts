/**
 * `setsim bench WORKLOAD... [--K N] [--runtime node|chromium]`: the report of `npm run bench`, from
 * this process or from the benchmark page (demo/bench.html) run headless, which measures with the
 * same code (src/bench/) inside the browser.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { ConfigError } from "../errors.ts";
import { benchInProcess } from "../bench/run-bench.ts";
import { type BenchReport, formatMachine, formatWorkload } from "../bench/report.ts";
import { workload } from "../bench/workloads.ts";
import { type EngineChoice, engineOptions, openCliEngine } from "./engine-options.ts";

interface BenchOptions extends EngineChoice {
  K?: number;
  json?: string;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

function bathSize(v: string): number {
  const K = Number(v);
  if (!(Number.isInteger(K) && K >= 2)) throw new ConfigError("--K", "must be an integer ≥ 2");
  return K;
}

/** The workloads one after another in the benchmark page; the lines printed as each ends. */
async function benchInBrowser(names: readonly string[], o: BenchOptions): Promise<BenchReport[]> {
  const { openBrowserPage } = await import("../runtime/chromium.ts");
  const { unwire } = await import("../runtime/wire.ts");
  const session = await openBrowserPage("bench", "", { browser: o.browser, adapter: o.webgpuAdapter, log: (l) => process.stderr.write(`setsim: ${l}\n`) });
  process.stderr.write(`setsim: runtime chromium: ${session.description}\n`);
  try {
    const { page } = session;
    await Promise.race([page.waitForFunction(() => window.setsimBench !== undefined), session.lost]);
    const reports: BenchReport[] = [];
    for (const name of names) {
      const options = { workload: name, K: o.K, precision: o.precision, engines: [o.engine ?? "auto"] };
      const [report] = unwire(await Promise.race([page.evaluate((opts) => window.setsimBench.run(opts), options), session.lost]));
      if (reports.length === 0 || reports[reports.length - 1].engine !== report.engine) {
        print(formatMachine(report));
        reports.push({ ...report, workloads: [] });
      }
      report.workloads.forEach((w) => formatWorkload(w).forEach(print));
      reports[reports.length - 1].workloads.push(...report.workloads);
    }
    return reports;
  } finally {
    await session.close();
  }
}

export function registerBench(cli: Command): void {
  const cmd = cli
    .command("bench")
    .description("time benchmark workloads (SPEC §5: fig6, trace, massive, scaling; and npm run bench's) and print npm run bench's report")
    .argument("<workloads...>", "workload names")
    .option("--K <n>", "run SPEC §5's workloads at this bath size instead of 1000", bathSize)
    .option("--json <file>", "also write the report as JSON (npm run bench -- --json's format)");
  engineOptions(cmd).action(async (names: string[], o: BenchOptions) => {
    // unknown names and sizes are refused before a browser or device starts
    for (const n of names) workload(n, o.K);
    let reports: BenchReport[];
    if (o.runtime === "chromium") reports = await benchInBrowser(names, o);
    else {
      const engine = await openCliEngine(o);
      try {
        reports = [await benchInProcess(engine, names, o.K, print)];
      } finally {
        engine.close();
      }
    }
    if (o.json) writeFileSync(o.json, JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + "\n");
  });
}
