/**
 * Getting a GPUDevice wherever we run: `navigator.gpu` in a browser, the `webgpu` package (Dawn) in
 * Node. Returns null when there is no adapter, so callers can fall back to the CPU engine.
 */
import { DeviceLostError } from "../../errors.ts";

export interface GpuContext {
  device: GPUDevice;
  /** "vendor architecture device (description)", for logs and benchmark reports */
  adapterName: string;
  hasTimestamps: boolean;
  /** rejects once the device is lost (for races against long computations) */
  lost: Promise<never>;
}

async function gpuEntry(): Promise<GPU | null> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  if (typeof process === "undefined" || !process.versions?.node) return null;
  try {
    const mod = await import("webgpu");
    Object.assign(globalThis, mod.globals);
    return mod.create([]) as GPU;
  } catch {
    return null;
  }
}

/** The adapter's own limits are requested for the two that decide batch sizes. */
export async function requestGpu(): Promise<GpuContext | null> {
  const gpu = await gpuEntry();
  const adapter = await gpu?.requestAdapter({ powerPreference: "high-performance" }).catch(() => null);
  if (!adapter) return null;
  const hasTimestamps = adapter.features.has("timestamp-query");
  const device = await adapter.requestDevice({
    requiredFeatures: hasTimestamps ? ["timestamp-query"] : [],
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  const info = adapter.info;
  const adapterName = [info?.vendor, info?.architecture, info?.device, info?.description && `(${info.description})`]
    .filter(Boolean).join(" ") || "unknown adapter";
  const lost = device.lost.then((l) => {
    throw new DeviceLostError(`WebGPU device lost (${l.reason}): ${l.message}; finished results are kept, --resume continues`, l.reason);
  });
  lost.catch(() => {});
  return { device, adapterName, hasTimestamps, lost };
}
