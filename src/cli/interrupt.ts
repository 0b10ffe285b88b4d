/**
 * Ctrl-C (SIGINT) and SIGTERM (a batch system's time limit) during `setsim run`: one line saying
 * what is finished and how to continue, then exit 130 / 143. Finished files are complete (atomic
 * writes); the value being computed is lost and redone by --resume.
 */

export interface RunProgress {
  /** swept values whose file is complete; undefined for a single run */
  finished?: number;
  total?: number;
}

/** What the user reads after an interruption. */
export function interruptedMessage(signal: string, configPath: string, out: string, p: RunProgress): string {
  if (p.total === undefined) return `setsim: interrupted (${signal}): nothing was written to ${out}; run the same command again to start over\n`;
  return `setsim: interrupted (${signal}): ${p.finished ?? 0} of ${p.total} values are finished in ${out} and kept; ` +
    `continue with: setsim run ${configPath} --out ${out} --resume\n`;
}

/**
 * Installs the handlers for the duration of `work`; `beforeExit` runs first (stop the progress bar,
 * release the engine).
 */
export async function withInterruptMessage<T>(message: (signal: string) => string, beforeExit: () => void, work: () => Promise<T>): Promise<T> {
  const handler = (signal: NodeJS.Signals) => {
    beforeExit();
    process.stderr.write(message(signal));
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  try {
    return await work();
  } finally {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  }
}
