/** Tells the user, before any run, whether this browser offers WebGPU; without it runs use the CPU engine. */

export async function detectWebGpu(): Promise<boolean> {
  const el = document.querySelector<HTMLElement>("#gpu-status")!;
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
  if (adapter) {
    const info = adapter.info;
    el.textContent = `WebGPU available (${[info?.vendor, info?.architecture, info?.description].filter(Boolean).join(" ") || "adapter found"}): engine "auto" runs on the GPU.`;
    el.dataset.webgpu = "yes";
    return true;
  }
  el.textContent = "WebGPU is not available in this browser: runs use the CPU engine (f64, one thread). Keep K ≤ 200 or so (the presets' size); the paper's K = 1000 takes minutes per trace.";
  el.dataset.webgpu = "no";
  el.classList.add("warning");
  return false;
}
