/**
 * Entry of the benchmark bundle (`npm run build:bench` → dist/bench.mjs, with dist/host-worker.mjs and
 * dist/block-worker.mjs beside it for the worker threads): shaders inlined, `webgpu` external.
 */
import { registerShaders } from "../src/engine/webgpu/shader-source.ts";
import { useBundledWorker } from "../src/engine/threads/spawn.ts";
import jacobiRotation from "../shaders/jacobi-rotation.wgsl";
import jacobiRound from "../shaders/jacobi-round.wgsl";
import jacobiDiagonal from "../shaders/jacobi-diagonal.wgsl";
import df64 from "../shaders/df64.wgsl";
import df64Probe from "../shaders/df64-probe.wgsl";
import formBlocks from "../shaders/form-blocks.wgsl";
import householderTridiagonal from "../shaders/householder-tridiagonal.wgsl";
import tridiagonalBisection from "../shaders/tridiagonal-bisection.wgsl";
import groupSums from "../shaders/group-sums.wgsl";
import vectorTime from "../shaders/vector-time.wgsl";
import evolveVectors from "../shaders/evolve-vectors.wgsl";
import df64Entropy from "../shaders/df64-entropy.wgsl";
import deletedRowTime from "../shaders/deleted-row-time.wgsl";
import deletedRowWeights from "../shaders/deleted-row-weights.wgsl";
import deletedRowSecular from "../shaders/deleted-row-secular.wgsl";
import householderColumn from "../shaders/householder-column.wgsl";
import householderTrailing from "../shaders/householder-trailing.wgsl";
import jacobiVectors from "../shaders/jacobi-vectors.wgsl";
import f32Gemm from "../shaders/f32-gemm.wgsl";
import ritzBlocks from "../shaders/ritz-blocks.wgsl";

registerShaders({
  "jacobi-rotation": jacobiRotation, "jacobi-round": jacobiRound,
  "jacobi-diagonal": jacobiDiagonal, df64, "df64-probe": df64Probe,
  "form-blocks": formBlocks,
  "householder-tridiagonal": householderTridiagonal, "tridiagonal-bisection": tridiagonalBisection,
  "group-sums": groupSums, "vector-time": vectorTime, "evolve-vectors": evolveVectors,
  "df64-entropy": df64Entropy, "deleted-row-time": deletedRowTime,
  "deleted-row-weights": deletedRowWeights, "deleted-row-secular": deletedRowSecular,
  "householder-column": householderColumn, "householder-trailing": householderTrailing,
  "jacobi-vectors": jacobiVectors, "f32-gemm": f32Gemm, "ritz-blocks": ritzBlocks,
});
useBundledWorker("host", new URL("./host-worker.mjs", import.meta.url));
useBundledWorker("block", new URL("./block-worker.mjs", import.meta.url));
await import("./bench.ts");
