/**
 * Getting a GPUDevice wherever we run: `navigator.gpu` in a browser, the `webgpu` package (Dawn) in
 * Node. Returns null when there is no adapter, so callers can fall back to the CPU engine.
 */
import { DeviceLostError } from "../../errors.ts";

export interface GpuContext {
  device: GPUDevice;
  /** "vendor architecture device (description)", for logs and benchmark reports */
  adapterName: string;
  /** rejects once the device is lost (for races against long computations) */
  lost: Promise<never>;
  /**
   * The `GPU` entry point the device came from. In Node (dawn.node) the whole implementation lives
   * only as long as the object returned by `webgpu`'s `create()` is reachable: once it is garbage
   * collected, Dawn tears down its instance under the live device and the next submit/mapAsync dies
   * in glibc (mutex assertion, "The futex facility returned an unexpected error code",
   * std::system_error, SIGSEGV), depending on when GC runs. Hold it for as long as `device` is used.
   */
  gpu: GPU;
  /** Destroys the device and drops the module's reference to `gpu`, so that Node can exit by itself. */
  release(): void;
}

/**
 * Strong references to the dawn.node `GPU` objects of live contexts (see `GpuContext.gpu`), so that
 * callers that keep only `device` (or a closure over it) cannot let it be collected.
 */
const liveGpus = new Set<GPU>();

async function gpuEntry(): Promise<GPU | null> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  if (typeof process === "undefined" || !process.versions?.node) return null;
  try {
    const name = "webgpu"; // a variable specifier: browser bundlers must not try to resolve this Node addon
    const mod = await import(/* @vite-ignore */ name);
    Object.assign(globalThis, mod.globals);
    return mod.create([]) as GPU;
  } catch {
    return null;
  }
}

/** The adapter's own limits are requested for those that decide batch and workgroup sizes. */
export async function requestGpu(): Promise<GpuContext | null> {
  const gpu = await gpuEntry();
  if (!gpu) return null;
  liveGpus.add(gpu);
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" }).catch(() => null);
  if (!adapter) {
    liveGpus.delete(gpu);
    return null;
  }
  const device = await adapter.requestDevice({
    // GPU-side kernel timings for benchmarks, where the adapter has them
    requiredFeatures: adapter.features.has("timestamp-query") ? ["timestamp-query"] : [],
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      // wider workgroups for the tridiagonal reduction (one workgroup per matrix)
      maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: adapter.limits.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
    },
  }).catch((e: unknown) => {
    liveGpus.delete(gpu);
    throw e;
  });
  const info = adapter.info;
  const adapterName = [info?.vendor, info?.architecture, info?.device, info?.description && `(${info.description})`]
    .filter(Boolean).join(" ") || "unknown adapter";
  const lost = device.lost.then((l) => {
    throw new DeviceLostError(`WebGPU device lost (${l.reason}): ${l.message}; finished results are kept, --resume continues`, l.reason);
  });
  lost.catch(() => {});
  const release = () => {
    device.destroy();
    liveGpus.delete(gpu);
  };
  return { device, adapterName, lost, gpu, release };
}
