/** Loads a `.wgsl` file of shaders/ by name: from disk in Node, by URL (a bundler asset) in a browser. */

const cache = new Map<string, Promise<string>>();

/**
 * For bundles that inline the shaders (dist/bench.mjs), where shaders/ is not beside the code.
 * @example registerShaders({ "ritz-tiny": ritzTinySource })
 */
export function registerShaders(sources: Record<string, string>): void {
  for (const [name, src] of Object.entries(sources)) cache.set(name, Promise.resolve(src));
}

export function shaderSource(name: string): Promise<string> {
  let src = cache.get(name);
  if (!src) {
    const url = new URL(`../../../shaders/${name}.wgsl`, import.meta.url);
    src = url.protocol === "file:"
      ? import("node:fs/promises").then((fs) => fs.readFile(url, "utf8"))
      : fetch(url).then((r) => r.text());
    cache.set(name, src);
  }
  return src;
}

/** Compiles a compute pipeline inside a validation error scope, so a bad shader fails loudly here. */
export async function computePipeline(
  device: GPUDevice, code: string, constants: Record<string, number> = {},
): Promise<GPUComputePipeline> {
  device.pushErrorScope("validation");
  const module = device.createShaderModule({ code });
  const pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main", constants } });
  const err = await device.popErrorScope();
  if (err) throw new Error(`WGSL pipeline failed validation: ${err.message}`);
  return pipeline;
}
