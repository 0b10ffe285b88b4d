// One WebGPU context for the GPU tests: SwiftShader's Vulkan driver from Debian's chromium when no other ICD is set.
import { existsSync } from "node:fs";
import { requestGpu, type GpuContext } from "../../src/engine/webgpu/device.ts";
import { readBack } from "../../src/engine/webgpu/gpu-batch.ts";

const SWIFTSHADER = "/usr/lib/chromium/vk_swiftshader_icd.json";

let ctx: Promise<GpuContext | null> | undefined;

/** The shared context, or null without an adapter (then CI fails: it installs chromium for this). */
export function testGpu(): Promise<GpuContext | null> {
  if (!ctx) {
    if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) process.env.VK_ICD_FILENAMES = SWIFTSHADER;
    process.env.XDG_RUNTIME_DIR ??= "/tmp";
    ctx = requestGpu().then((c) => {
      console.info(`WebGPU adapter: ${c?.adapterName ?? "none"}`);
      if (!c && process.env.CI) throw new Error("CI needs a WebGPU adapter (apt-get install chromium libvulkan1)");
      return c;
    });
  }
  return ctx;
}

/** `once(encode, out)`: runs `encode` in one compute pass on `ctx` and reads `out` back as f32. */
export function onePass(ctx: GpuContext | null) {
  return async (encode: (pass: GPUComputePassEncoder) => void, out: GPUBuffer): Promise<Float32Array> => {
    const { device } = ctx!;
    const read = device.createBuffer({ size: out.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    encode(pass);
    pass.end();
    enc.copyBufferToBuffer(out, 0, read, 0, out.size);
    device.queue.submit([enc.finish()]);
    return new Float32Array(await readBack(ctx!, read));
  };
}
