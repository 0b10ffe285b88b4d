/** The machine as the benchmark page reports it: the WebGPU adapter (name, software or not, the limits that size the engine's batches) and the browser. */
import type { AdapterSummary } from "./messages.ts";
import { requestAdapterWithin } from "../../src/runtime/adapter-wait.ts";

/** The limits that decide the engine's batch and workgroup sizes. */
const LIMITS = [
  "maxStorageBufferBindingSize", "maxBufferSize", "maxComputeInvocationsPerWorkgroup", "maxComputeWorkgroupSizeX",
  "maxComputeWorkgroupStorageSize", "maxComputeWorkgroupsPerDimension", "maxStorageBuffersPerShaderStage",
] as const;

export async function describeAdapter(): Promise<AdapterSummary | null> {
  const adapter = await requestAdapterWithin();
  if (adapter === null || adapter === "no answer") return null;
  const i = adapter.info;
  const name = [i.vendor, i.architecture, i.device, i.description && `(${i.description})`].filter(Boolean).join(" ") || "unknown adapter";
  return {
    name,
    software: /swiftshader|llvmpipe|software|basic render/i.test(name) || (i as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true,
    timestampQuery: adapter.features.has("timestamp-query"),
    limits: Object.fromEntries(LIMITS.map((k) => [k, adapter.limits[k]])),
  };
}


/** "HeadlessChrome 156 × 2 cores": the machine line of the report, from inside the browser. */
export function browserMachine(): string {
  const ua = /(HeadlessChrome|Chrome|Chromium|Edg|Firefox|Version)\/(\d+)/.exec(navigator.userAgent);
  return `${ua ? `${ua[1]} ${ua[2]}` : navigator.userAgent} × ${navigator.hardwareConcurrency} cores (browser)`;
}

