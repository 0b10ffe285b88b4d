/**
 * Every shader of shaders/ inlined as text and registered (bundles only: esbuild's text loader
 * reads the `.wgsl` imports), so that a build needs no shaders/ folder beside it.
 */
import { registerShaders } from "../engine/webgpu/shader-source.ts";
import df64 from "../../shaders/df64.wgsl";
import df64Probe from "../../shaders/df64-probe.wgsl";
import formBlocks from "../../shaders/form-blocks.wgsl";
import householderTridiagonal from "../../shaders/householder-tridiagonal.wgsl";
import tridiagonalBisection from "../../shaders/tridiagonal-bisection.wgsl";
import groupSums from "../../shaders/group-sums.wgsl";
import vectorTime from "../../shaders/vector-time.wgsl";
import evolveVectors from "../../shaders/evolve-vectors.wgsl";
import df64Entropy from "../../shaders/df64-entropy.wgsl";
import deletedRowTime from "../../shaders/deleted-row-time.wgsl";
import deletedRowWeights from "../../shaders/deleted-row-weights.wgsl";
import deletedRowSecular from "../../shaders/deleted-row-secular.wgsl";
import householderColumn from "../../shaders/householder-column.wgsl";
import householderTrailing from "../../shaders/householder-trailing.wgsl";
import householderReduce from "../../shaders/householder-reduce.wgsl";
import f32Gemm from "../../shaders/f32-gemm.wgsl";
import f32GemmSmall from "../../shaders/f32-gemm-small.wgsl";
import ritzBlocks from "../../shaders/ritz-blocks.wgsl";
import ritzTiny from "../../shaders/ritz-tiny.wgsl";
import ritzSizes from "../../shaders/ritz-sizes.wgsl";
import ritzDiagonal from "../../shaders/ritz-diagonal.wgsl";
import householderF32 from "../../shaders/householder-f32.wgsl";
import householderBack from "../../shaders/householder-back.wgsl";
import householderWy from "../../shaders/householder-wy.wgsl";
import householderBackBlocked from "../../shaders/householder-back-blocked.wgsl";
import tridiagonalQL from "../../shaders/tridiagonal-ql.wgsl";
import qlRotations from "../../shaders/ql-rotations.wgsl";
import formFactor from "../../shaders/form-factor.wgsl";

registerShaders({
  df64, "df64-probe": df64Probe,
  "form-blocks": formBlocks,
  "householder-tridiagonal": householderTridiagonal, "tridiagonal-bisection": tridiagonalBisection,
  "group-sums": groupSums, "vector-time": vectorTime, "evolve-vectors": evolveVectors,
  "df64-entropy": df64Entropy, "deleted-row-time": deletedRowTime,
  "deleted-row-weights": deletedRowWeights, "deleted-row-secular": deletedRowSecular,
  "householder-column": householderColumn, "householder-trailing": householderTrailing, "householder-reduce": householderReduce,
  "f32-gemm": f32Gemm, "f32-gemm-small": f32GemmSmall, "ritz-blocks": ritzBlocks, "ritz-tiny": ritzTiny,
  "ritz-sizes": ritzSizes, "ritz-diagonal": ritzDiagonal,
  "householder-f32": householderF32, "householder-back": householderBack,
  "householder-wy": householderWy, "householder-back-blocked": householderBackBlocked,
  "tridiagonal-ql": tridiagonalQL, "ql-rotations": qlRotations,
  "form-factor": formFactor,
});
