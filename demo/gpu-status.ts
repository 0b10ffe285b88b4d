/**
 * Tells the user, before any run, which engine "auto" will take in this browser: WebGPU on a hardware
 * adapter, the CPU engine without one or when the only adapter is a software fallback.
 */
import { type AdapterSummary, autoChoice, probeAdapter } from "./engine-choice.ts";

export async function detectWebGpu(): Promise<AdapterSummary | null> {
  const el = document.querySelector<HTMLElement>("#gpu-status")!;
  const adapter = await probeAdapter();
  el.classList.remove("warning");
  if (adapter && !adapter.software) {
    el.textContent = `WebGPU available (${adapter.name}): engine "auto" runs on the GPU.`;
    el.dataset.webgpu = "yes";
  } else if (adapter) {
    el.textContent = `${autoChoice(adapter).reason}.`;
    el.dataset.webgpu = "software";
  } else {
    el.textContent = "WebGPU is not available in this browser: runs use the CPU engine (f64, one thread). Keep K ≤ 200 or so (the presets' size); the paper's K = 1000 takes minutes per trace.";
    el.dataset.webgpu = "no";
    el.classList.add("warning");
  }
  return adapter;
}
