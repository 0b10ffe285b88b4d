/** Entry of the single-file benchmark bundle (`npm run build:bench` → dist/bench.mjs): shaders inlined, `webgpu` external. */
import { registerShaders } from "../src/engine/webgpu/shader-source.ts";
import jacobiRound from "../shaders/jacobi-round.wgsl";
import jacobiDiagonal from "../shaders/jacobi-diagonal.wgsl";

registerShaders({ "jacobi-round": jacobiRound, "jacobi-diagonal": jacobiDiagonal });
await import("./bench.ts");
