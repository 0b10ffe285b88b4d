/** The run's status line: progress bar, points done, ETA, engine, and how the run ended. */

export interface RunStatus {
  phase: "idle" | "running" | "done" | "cancelled" | "error";
  done?: number;
  total?: number;
  eta?: number;
  /** the engine asked for (auto, webgpu, cpu) and the one that runs */
  requested?: string;
  engine?: string;
  gpu?: boolean;
  /** why "auto" chose this engine */
  reason?: string;
  seconds?: number;
  error?: string;
}

function duration(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

export function showProgress(st: RunStatus): void {
  const bar = document.querySelector<HTMLProgressElement>("#progress")!;
  const text = document.querySelector<HTMLElement>("#progress-text")!;
  const engine = document.querySelector<HTMLElement>("#engine-name")!;
  const box = document.querySelector<HTMLElement>("#run-status")!;
  box.dataset.phase = st.phase;
  bar.hidden = st.phase === "idle";
  bar.max = Math.max(st.total ?? 1, 1);
  bar.value = st.done ?? 0;
  const points = `${st.done ?? 0} / ${st.total ?? "?"} points`;
  const label: Record<RunStatus["phase"], string> = {
    idle: "",
    running: `${points}${st.eta !== undefined ? `, about ${duration(st.eta)} left` : ""}`,
    done: `done: ${points} in ${duration(st.seconds ?? 0)}`,
    cancelled: `cancelled after ${points}; the finished results stay below`,
    error: `failed: ${st.error ?? ""}`,
  };
  text.textContent = label[st.phase];
  engine.textContent = st.engine ? `engine: ${st.engine}${st.reason ? ` — ${st.reason}` : ""}` : "";
  engine.dataset.gpu = st.gpu === undefined ? "" : String(st.gpu);
}
