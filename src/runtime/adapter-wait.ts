/**
 * A WebGPU adapter request that cannot hang a run: a browser started with GPU flags on a machine
 * whose GPU it cannot use (no Vulkan device, a broken driver) may never answer `requestAdapter`.
 * Such a browser is treated as one without an adapter, with the reason in words.
 */
import { DeviceLimitError } from "../errors.ts";

/** How long a browser may take to answer (SwiftShader answers in well under a second). */
export const ADAPTER_WAIT_MS = 20_000;

export const NO_ANSWER = `the browser did not answer a WebGPU adapter request within ${ADAPTER_WAIT_MS / 1000} s ` +
  "(GPU flags on a machine without a usable GPU?): use --webgpu-adapter swiftshader, or --engine cpu";

/** The adapter, null where there is none, or "no answer" after ADAPTER_WAIT_MS. */
export async function requestAdapterWithin(ms = ADAPTER_WAIT_MS): Promise<GPUAdapter | null | "no answer"> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    gpu.requestAdapter({ powerPreference: "high-performance" }).catch(() => null),
    new Promise<"no answer">((resolve) => (timer = setTimeout(() => resolve("no answer"), ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The engine name to create where the browser may not answer: `webgpu` is refused and `auto`
 * becomes `cpu` (with a note) when it does not; otherwise the name as asked.
 */
export async function engineWithAdapterWait<T extends string>(name: T | "cpu"): Promise<{ engine: T | "cpu"; note?: string }> {
  if (name === "cpu" || (await requestAdapterWithin()) !== "no answer") return { engine: name };
  if (name === "webgpu") throw new DeviceLimitError(`--engine webgpu: ${NO_ANSWER}`);
  return { engine: "cpu", note: `CPU engine: ${NO_ANSWER}` };
}
