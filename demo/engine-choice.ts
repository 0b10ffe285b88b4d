/**
 * What engine "auto" means in a page. A software WebGPU adapter (the browser's fallback adapter, or a
 * known CPU rasterizer such as SwiftShader or llvmpipe) runs the GPU engine tens of times slower than
 * the f64 CPU engine (22.8 s against 0.7 s for one preset), so "auto" takes the GPU only when the
 * adapter is hardware. Used by the status line at load and by the worker that runs the job.
 */

/** The adapter as the page reports it. */
export interface AdapterSummary {
  /** vendor, architecture and description from `adapter.info` */
  name: string;
  /** a fallback or software adapter: "auto" prefers the CPU engine over it */
  software: boolean;
}

/** Known software implementations of WebGPU / Vulkan, as they appear in `adapter.info`. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

type InfoLike = { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };

/** Whether an adapter is a software fallback, from its info (and the older `adapter.isFallbackAdapter`). */
export function isSoftwareAdapter(info: InfoLike | undefined, fallbackFlag?: boolean): boolean {
  if (info?.isFallbackAdapter || fallbackFlag) return true;
  return SOFTWARE.test([info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(" "));
}

/** The browser's WebGPU adapter (window or worker), or null when there is none. */
export async function probeAdapter(): Promise<AdapterSummary | null> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU } | undefined)?.gpu;
  const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
  if (!adapter) return null;
  const info = adapter.info as (GPUAdapterInfo & InfoLike) | undefined;
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(" ") || "adapter found";
  return { name, software: isSoftwareAdapter(info, (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter) };
}

/** The engine "auto" runs on, and why, in words for the status line. */
export function autoChoice(a: AdapterSummary | null): { engine: "cpu" | "webgpu"; reason: string } {
  if (!a) return { engine: "cpu", reason: "auto chose the CPU engine: this browser has no WebGPU adapter" };
  if (a.software) {
    return { engine: "cpu", reason: `auto chose the CPU engine: the only WebGPU adapter (${a.name}) is a software fallback, slower than the CPU engine; choose WebGPU to use it anyway` };
  }
  return { engine: "webgpu", reason: `auto chose WebGPU: hardware adapter ${a.name}` };
}
