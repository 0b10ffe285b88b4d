/** The progress bar on stderr: points done, rate and ETA (cli-progress). Silent when stderr is not a TTY unless forced. */
import cliProgress from "cli-progress";

export interface Progress {
  start(total: number, done: number): void;
  tick(): void;
  stop(): void;
}

export function progressBar(enabled: boolean): Progress {
  if (!enabled) return { start() {}, tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: " {bar} {value}/{total} (Γ,t) points | {rate} pts/s | ETA {eta_formatted} | {duration_formatted}",
      stream: process.stderr,
      etaBuffer: 50,
      fps: 5,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedAt = 0;
  let base = 0;
  let value = 0;
  return {
    start(total, done) {
      startedAt = performance.now();
      base = done;
      value = done;
      bar.start(total, done, { rate: "–" });
    },
    tick() {
      value++;
      const seconds = (performance.now() - startedAt) / 1000;
      bar.update(value, { rate: seconds > 0 ? ((value - base) / seconds).toFixed(2) : "–" });
    },
    stop() {
      bar.stop();
    },
  };
}
