/**
 * Start-up checks that the double-float kernels are exact on this adapter as compiled, inside their
 * loops, not only the error-free transformations alone (df64-probe.ts): a shader compiler may contract
 * or reorder differently once a function is inlined. Each check runs its kernel on a small fixed case
 * and compares with f64 on the host; the tests use the same measures.
 */
import { DeviceLimitError } from "../../errors.ts";
import { bathBlock } from "../../propagation/correlation-blocks.ts";
import { planRun, vectorsAt } from "../run-plan.ts";
import type { GpuContext } from "./device.ts";
import type { BlockFormer, FormInput } from "./block-former.ts";
import type { TridiagonalEigenvalues } from "./tridiagonal-eigenvalues.ts";
import { hermitianEigenvalues } from "../../spectrum/hermitian-eigenvalues.ts";
import { type HermitianBlock, packBlocks, readBack, storage, submitValidated, upload } from "./gpu-batch.ts";

/** Runs `encode` in one pass, copies `out` back and returns its words. */
async function runAndRead(ctx: GpuContext, out: GPUBuffer[], encode: (pass: GPUComputePassEncoder) => GPUBuffer[]): Promise<Float32Array> {
  const { device } = ctx;
  const size = out.reduce((s, b) => s + b.size, 0);
  const read = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  let temps: GPUBuffer[] = [];
  await submitValidated(device, () => {
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    temps = encode(pass);
    pass.end();
    let at = 0;
    for (const b of out) {
      enc.copyBufferToBuffer(b, 0, read, at, b.size);
      at += b.size;
    }
    device.queue.submit([enc.finish()]);
  }).catch((e: unknown) => {
    for (const b of [read, ...temps]) b.destroy();
    throw e;
  });
  try {
    return new Float32Array(await readBack(ctx, read));
  } finally {
    for (const b of [read, ...temps]) b.destroy();
  }
}

/**
 * The spacing of f32 numbers at |x|, taken at 2⁻⁴⁰ at least: an entry that is 0 in f64 may come out
 * of double-float as a residue far below any entry that matters (an f32 evaluation errs by ~1e−9).
 */
function ulp32(x: number): number {
  const a = Math.max(Math.abs(Math.fround(x)), 2 ** -40);
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

/**
 * max over the blocks C and 1 − C of every input (padded to m) of |formed − fl32(f64)| in units of
 * the f32 spacing at the entry: the blocks are formed in double-float and rounded once, so working
 * arithmetic gives 0 (at most 1 where the f64 value sits on a rounding boundary); an f32 evaluation
 * of the cancelling numerators is off by tens to millions.
 */
export async function formedBlocksError(ctx: GpuContext, former: BlockFormer, inputs: readonly FormInput[], m: number): Promise<number> {
  const { device } = ctx;
  const out = device.createBuffer({ size: 4 * inputs.length * m * m * 8, usage: storage() });
  const w = await runAndRead(ctx, [out], (pass) => [out, ...former.encode(pass, inputs, m, out)]);
  let worst = 0;
  inputs.forEach(({ v, h, KL, KR }, tau) => {
    [[1, KL], [1 + KL, KR]].forEach(([start, n], bath) => {
      const want = bathBlock(h, v, start, n);
      for (const c of [0, 1]) {
        const base = (4 * tau + 2 * bath + c) * m * m;
        for (let x = 0; x < m; x++) {
          for (let y = 0; y < m; y++) {
            const inside = x < n && y < n;
            const re = (c === 1 && x === y ? 1 : 0) + (c === 1 ? -1 : 1) * (inside ? want.re[x * n + y] : 0);
            const im = (c === 1 ? -1 : 1) * (inside ? want.im[x * n + y] : 0);
            const at = 2 * (base + x * m + y);
            worst = Math.max(worst, Math.abs(w[at] - Math.fround(re)) / ulp32(re), Math.abs(w[at + 1] - Math.fround(im)) / ulp32(im));
          }
        }
      }
    });
  });
  return worst;
}

/** A small deterministic generator for the fixed check cases. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Whether the GPU-formed blocks are the f32 roundings of the f64 ones here (fast mode forms them on the host otherwise). */
export async function blockFormerWorks(ctx: GpuContext, former: BlockFormer): Promise<boolean> {
  const p = { KL: 5, KR: 4, W: 10, epsD: 0.3, nD: 1, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 2, initial: { kind: "thermal" as const } };
  const plan = planRun(p);
  const inputs = [0.7, 300].map((t) => ({ v: vectorsAt(plan, t), h: plan.h, KL: p.KL, KR: p.KR }));
  return (await formedBlocksError(ctx, former, inputs, 6)) <= 1;
}

/**
 * Worst |λ_GPU − λ_f64| over the spectra of bath blocks formed on the GPU in df64 and reduced by the
 * tridiagonal kernel, for a fixed thermal case with a graded spectrum (eigenvalues down to ~1e−12)
 * at two times; ~1e−14 where double-float holds, ~1e−7 where the compiler lost its error terms.
 */
export async function tridiagonalPathError(ctx: GpuContext, former: BlockFormer, tri: TridiagonalEigenvalues): Promise<number> {
  const p = { KL: 14, KR: 11, W: 10, epsD: 0.3, nD: 1, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 2, initial: { kind: "thermal" as const } };
  const plan = planRun(p);
  const inputs = [0.7, 300].map((t) => ({ v: vectorsAt(plan, t), h: plan.h, KL: p.KL, KR: p.KR }));
  const spectra = await tri.runFormed(former, inputs, 14);
  let worst = 0;
  inputs.forEach(({ v, h }, tau) => {
    [[1, p.KL], [1 + p.KL, p.KR]].forEach(([start, n], bath) => {
      const b = bathBlock(h, v, start, n);
      const want = hermitianEigenvalues(b.re, b.im, n);
      want.forEach((x, i) => (worst = Math.max(worst, Math.abs(spectra[2 * tau + bath][i] - x))));
    });
  });
  return worst;
}
