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

/** The fewest threads sizedPipelines gives a workgroup (a warp or wavefront or two). */
const MIN_SIZED_WG = 32;

/**
 * Pipelines of one kernel that runs one workgroup per matrix, by matrix size m: its WG (a power of two)
 * follows m, from 32 up to `maxWG`, since a small matrix's idle threads still pass every barrier
 * (SwiftShader, 400 blocks of m = 6: QL 4.3 s at 256 threads, 0.6 s at 32). WG depends on m alone, so
 * a block's numbers do not depend on what shares its batch. The module is validated and the maxWG
 * pipeline compiled here; the others at first use, inside an encode (synchronous), where a failure is
 * the device's validation error at submission.
 */
export async function sizedPipelines(
  device: GPUDevice, code: string, constants: Record<string, number>, maxWG: number,
): Promise<(m: number) => GPUComputePipeline> {
  device.pushErrorScope("validation");
  const module = device.createShaderModule({ code });
  const compile = (WG: number) => device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main", constants: { ...constants, WG } } });
  const byWG = new Map<number, GPUComputePipeline>([[maxWG, compile(maxWG)]]);
  const err = await device.popErrorScope();
  if (err) throw new Error(`WGSL pipeline failed validation: ${err.message}`);
  return (m) => {
    const WG = Math.min(maxWG, Math.max(MIN_SIZED_WG, 2 ** Math.ceil(Math.log2(Math.max(1, m)))));
    let p = byWG.get(WG);
    if (!p) byWG.set(WG, (p = compile(WG)));
    return p;
  };
}
