/**
 * Entry of the benchmark bundle (`npm run build:bench` → dist/bench.mjs, with dist/host-worker.mjs
 * beside it for the host worker threads): shaders inlined, `webgpu` external.
 */
import { registerShaders } from "../src/engine/webgpu/shader-source.ts";
import { useBundledHostWorker } from "../src/engine/host-pool.ts";
import jacobiRotation from "../shaders/jacobi-rotation.wgsl";
import jacobiRound from "../shaders/jacobi-round.wgsl";
import jacobiVectors from "../shaders/jacobi-vectors.wgsl";
import jacobiDiagonal from "../shaders/jacobi-diagonal.wgsl";
import df64 from "../shaders/df64.wgsl";
import df64Probe from "../shaders/df64-probe.wgsl";
import gatherBasis from "../shaders/gather-basis.wgsl";
import refineApply from "../shaders/refine-apply.wgsl";
import refineProject from "../shaders/refine-project.wgsl";
import formBlocks from "../shaders/form-blocks.wgsl";
import householderTridiagonal from "../shaders/householder-tridiagonal.wgsl";

registerShaders({
  "jacobi-rotation": jacobiRotation, "jacobi-round": jacobiRound, "jacobi-vectors": jacobiVectors,
  "jacobi-diagonal": jacobiDiagonal, df64, "df64-probe": df64Probe, "gather-basis": gatherBasis,
  "refine-apply": refineApply, "refine-project": refineProject, "form-blocks": formBlocks,
  "householder-tridiagonal": householderTridiagonal,
});
useBundledHostWorker(new URL("./host-worker.mjs", import.meta.url));
await import("./bench.ts");
