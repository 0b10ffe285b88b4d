/**
 * The line under Run that says, before a run, how long the CPU engine will take (run/estimate.ts),
 * with a warning from K = 500 on and, where a hardware WebGPU adapter exists, a button to use it.
 */
import type { ParsedConfig } from "../src/config/schema.ts";
import type { AdapterSummary } from "./engine-choice.ts";
import { autoChoice } from "./engine-choice.ts";
import { cpuEstimate, LARGE_K, roughDuration } from "./run/estimate.ts";

/**
 * @param engine the form's engine choice; @param adapter the page's adapter (undefined while probing)
 * @param useWebGpu switches the form to WebGPU (the button's action)
 */
export function showEstimate(
  el: HTMLElement, parsed: ParsedConfig | null, ensemble: boolean, engine: string,
  adapter: AdapterSummary | null | undefined, useWebGpu: () => void,
): void {
  const cpu = engine === "cpu" || (engine === "auto" && adapter !== undefined && autoChoice(adapter).engine === "cpu");
  if (!parsed || !cpu) {
    el.hidden = true;
    return;
  }
  const e = cpuEstimate(parsed, ensemble);
  const large = e.largestK >= LARGE_K;
  el.hidden = false;
  el.classList.toggle("warning", large);
  el.textContent = `CPU engine: ${roughDuration(e.seconds)} for ${e.points} points at K = ${e.largestK}` +
    (large ? " (the cost grows as K³)." : ".");
  el.dataset.seconds = String(Math.round(e.seconds));
  if (!large) return;
  if (adapter && !adapter.software) {
    const b = Object.assign(document.createElement("button"), { type: "button", id: "use-webgpu", textContent: "Use WebGPU instead" });
    b.onclick = useWebGpu;
    el.append(" ", b);
  } else {
    el.append(adapter ? " The only WebGPU adapter here is a software one; a smaller K is faster." : " No WebGPU here: a smaller K is faster.");
  }
}
