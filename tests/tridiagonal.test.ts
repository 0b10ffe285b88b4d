// The double-float Householder tridiagonalization (shaders/householder-tridiagonal.wgsl) against the
// f64 CPU eigensolver, and against the exact spectra of graded blocks built from known eigenvalues.
import { describe, expect, it } from "vitest";
import { createTridiagonalEigenvalues } from "../src/engine/webgpu/tridiagonal-eigenvalues.ts";
import { panelVectors, panelWidth, reductionFlops } from "../src/engine/webgpu/householder-panel.ts";
import { createBlockFormer, type FormInput } from "../src/engine/webgpu/block-former.ts";
import { probeDf64 } from "../src/engine/webgpu/df64-probe.ts";
import { hermitianEigenvalues } from "../src/spectrum/hermitian-eigenvalues.ts";
import { bathBlock } from "../src/propagation/correlation-blocks.ts";
import { planRun, vectorsAt } from "../src/engine/run-plan.ts";
import { binaryEntropy } from "../src/thermo/fermi.ts";
import { engineConfigs } from "./helpers/engine-configs.ts";
import { randomHermitian, randomUnitary, withSpectrum } from "./helpers/random-matrices.ts";
import { createF32Tridiagonal } from "../src/engine/webgpu/f32-tridiagonal.ts";
import { packBlocks, readBack, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
const entropy = (l: Float64Array) => l.reduce((s, x) => s + binaryEntropy(Math.min(1, Math.max(0, x))), 0);

/** Eigenvalues of A by householder-f32.wgsl (f32 reduction) and df64 bisection: what f32 arithmetic keeps. */
async function f32Eigenvalues(A: { re: Float64Array; im: Float64Array; n: number }): Promise<number[]> {
  const { device } = gpu!;
  const f32 = await createF32Tridiagonal(gpu!, { exact: await probeDf64(gpu!) });
  const a = upload(device, packBlocks([A], A.n, 2));
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  const r = f32.eigenvalues(pass, a, A.n, 1);
  pass.end();
  const read = device.createBuffer({ size: r.eig.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  enc.copyBufferToBuffer(r.eig, 0, read, 0, r.eig.size);
  device.queue.submit([enc.finish()]);
  const eig = new Float32Array(await readBack(gpu!, read));
  for (const b of [a, read, ...r.temporaries]) b.destroy();
  return Array.from({ length: A.n }, (_, k) => eig[2 * k] + eig[2 * k + 1]);
}

describe("householder-panel.ts", () => {
  it("counts the fused kernel's arithmetic: at NB = 1 the unblocked reduction's, at n = 7, NB = 2 a hand count", () => {
    // NB = 1: step 0 forms A u_0 ((n−1)² multiply–adds); each later step with t trailing rows applies
    // the last update and forms p (3t²) after row j's correction (2(t + 1))
    const n = 9;
    let unblocked = (n - 1) ** 2;
    for (let t = 0; t <= n - 2; t++) unblocked += 3 * t * t + 2 * (t + 1);
    expect(reductionFlops(n, 1)).toBe(8 * unblocked);
    // P = 2, t = 6 … 0: 36, 12 + 25 + 20, (full) 20 + 5·16, 8 + 9 + 12, (full) 12 + 5·4, 4 + 1 + 4, (full) 4
    expect(panelWidth(7, 2)).toBe(2);
    expect(reductionFlops(7, 2)).toBe(8 * 267);
    // the panel never outgrows half the block, its scratch never the block
    expect([1, 2, 4, 10, 34, 35, 1000].map((m) => panelVectors(m, 16))).toEqual([4, 4, 4, 10, 34, 34, 34]);
  });
});

describe.skipIf(!gpu)("householder-tridiagonal.wgsl", () => {
  it("gives the eigenvalues of random Hermitian blocks of sizes 1…70 in one batch (odd, padded, more columns than one pass of threads) to 1e−13", async () => {
    const exact = await probeDf64(gpu!);
    const rnd = lcg(7);
    const blocks = [1, 2, 3, 17, 33, 64, 70].map((n) => randomHermitian(n, rnd));
    // 16 threads: n = 70 takes several columns a thread, and rounds of the panel's dot products
    for (const workgroupSize of [16, 256]) {
      const tri = await createTridiagonalEigenvalues(gpu!, exact, { workgroupSize });
      const got = await tri.run(blocks);
      blocks.forEach((b, i) => {
        const ref = hermitianEigenvalues(b.re.slice(), b.im.slice(), b.n);
        expect(maxDiff(got[i], ref)).toBeLessThan(1e-13 * b.n);
      });
    }
  });

  it("gives the f64 eigenvalues to 1e−13 for sizes around the panel width P (n = 1, 2, NB − 1, NB, NB + 1, 2NB + 2, 2NB + 3, 3NB + 1, 3NB + 2) in one batch, the same bits at any padding", async () => {
    const exact = await probeDf64(gpu!);
    const rnd = lcg(5);
    // P(n) = min(NB, ⌊n/2⌋ − 1): from 2NB + 2 on the panels are NB wide; 3NB + 1 and 3NB + 2 end on a
    // full panel (its update over no rows, or one); 16 threads take several rounds for the 2L dots,
    // 256 threads groups of 8 or 32 per dot
    for (const NB of [16, 4]) {
      const sizes = [1, 2, NB - 1, NB, NB + 1, 2 * NB + 2, 2 * NB + 3, 3 * NB + 1, 3 * NB + 2];
      expect(sizes.map((n) => panelWidth(n, NB)).slice(-4)).toEqual([NB, NB, NB, NB]);
      const blocks = sizes.map((n) => randomHermitian(n, rnd));
      const want = blocks.map((b) => hermitianEigenvalues(b.re.slice(), b.im.slice(), b.n));
      for (const workgroupSize of [16, 256]) {
        const tri = await createTridiagonalEigenvalues(gpu!, exact, { workgroupSize, panelWidth: NB });
        const got = await tri.run(blocks);
        blocks.forEach((b, i) => expect(maxDiff(got[i], want[i])).toBeLessThan(1e-13));
        if (workgroupSize === 16) {
          const padded = await tri.run(blocks, 3 * NB + 10);
          padded.forEach((x, i) => expect(x).toEqual(got[i]));
        }
      }
    }
  });

  it("splits a batch over several bindings (one dispatch each) and keeps every block in its place", async () => {
    const exact = await probeDf64(gpu!);
    const rnd = lcg(11);
    const blocks = [5, 9, 3, 10, 7, 8, 1].map((n) => randomHermitian(n, rnd));
    // three 10×10 df64 blocks per binding → two per dispatch (even), four dispatches for seven blocks
    const split = await createTridiagonalEigenvalues(gpu!, exact, { bindingBytes: 3 * 10 * 10 * 16, batchBytes: 10 * 10 * 10 * 16 });
    expect(split.capacity(10)).toBe(10);
    const got = await split.run(blocks, 10);
    expect(split.stats.submissions).toBe(1);
    blocks.forEach((b, i) => expect(maxDiff(got[i], hermitianEigenvalues(b.re.slice(), b.im.slice(), b.n))).toBeLessThan(1e-13 * b.n));
    // the formed path: one time's C_L and C_R per dispatch
    const former = await createBlockFormer(gpu!, exact);
    const p = { ...engineConfigs[3][1], KL: 9, KR: 7 };
    const plan = planRun(p);
    const inputs: FormInput[] = [0.3, 15, 1e5].map((t) => ({ v: vectorsAt(plan, t), h: plan.h, KL: p.KL, KR: p.KR }));
    const formed = await split.runFormed(former, inputs, 10);
    inputs.forEach(({ v, h }, i) => {
      const L = bathBlock(h, v, 1, p.KL);
      expect(maxDiff(formed[2 * i], hermitianEigenvalues(L.re, L.im, p.KL))).toBeLessThan(1e-13);
    });
  });

  it("keeps a graded spectrum (eigenvalues 1e−30 … 1 − 1e−12) to 1e−13 absolute, orders of magnitude beyond an f32 reduction of the same matrix", async () => {
    const rnd = lcg(3);
    const n = 48;
    const lambda = Array.from({ length: n }, (_, k) => (k % 3 === 0 ? 10 ** (-30 * rnd()) : k % 3 === 1 ? 1 - 10 ** (-12 * rnd()) : rnd()));
    const A = withSpectrum(randomUnitary(n, rnd), lambda);
    const tri = await createTridiagonalEigenvalues(gpu!, await probeDf64(gpu!));
    const [got] = await tri.run([A]);
    const ref = Float64Array.from(lambda).sort();
    const dfErr = maxDiff(got, ref);
    expect(dfErr).toBeLessThan(1e-13);
    expect(Math.abs(entropy(got) - entropy(ref))).toBeLessThan(1e-11);
    // the point of df64: the same matrix in f32 arithmetic misses by ~1e−7
    const f32 = Float64Array.from(await f32Eigenvalues(A)).sort();
    expect(dfErr).toBeLessThan(1e-5 * maxDiff(f32, ref));
  });

  it("reduces blocks formed on the GPU in df64 (several problems and times, unequal baths) to the f64 spectra (to 1e−13)", async () => {
    const exact = await probeDf64(gpu!);
    const former = await createBlockFormer(gpu!, exact);
    const tri = await createTridiagonalEigenvalues(gpu!, exact);
    const problems = [engineConfigs[2][1], { ...engineConfigs[4][1], KL: 9, KR: 12 }];
    const inputs: FormInput[] = problems.flatMap((p) => {
      const plan = planRun(p);
      return [0, 0.3, 15, 1e5].map((t) => ({ v: vectorsAt(plan, t), h: plan.h, KL: p.KL, KR: p.KR }));
    });
    const m = 32;
    const got = await tri.runFormed(former, inputs, m);
    inputs.forEach(({ v, h, KL, KR }, i) => {
      for (const [b, start, K] of [[0, 1, KL], [1, 1 + KL, KR]] as const) {
        const blk = bathBlock(h, v, start, K);
        const ref = hermitianEigenvalues(blk.re, blk.im, K);
        expect(got[2 * i + b].length).toBe(K);
        expect(maxDiff(got[2 * i + b], ref)).toBeLessThan(1e-13);
      }
    });
  });
});

describe.skipIf(!gpu)("householder-column.wgsl + householder-trailing.wgsl (the reduction split over workgroups, for few large blocks)", () => {
  it("gives the f64 eigenvalues of random blocks of sizes 1…70 in one batch, and of a graded spectrum, as the fused kernel does (to 1e−13)", async () => {
    const exact = await probeDf64(gpu!);
    const rnd = lcg(7);
    const blocks = [1, 2, 3, 17, 33, 64, 70].map((n) => randomHermitian(n, rnd));
    const lambda = Array.from({ length: 48 }, (_, k) => (k % 3 === 0 ? 10 ** (-30 * rnd()) : k % 3 === 1 ? 1 - 10 ** (-12 * rnd()) : rnd()));
    const graded = withSpectrum(randomUnitary(48, rnd), lambda);
    // 70 columns: two column chunks a step, 16 rows a workgroup: five row ranges; 16 threads in the
    // column kernel: several passes a row
    const split = await createTridiagonalEigenvalues(gpu!, exact, { splitFrom: 0, workgroupSize: 16, splitRows: 16 });
    const fused = await createTridiagonalEigenvalues(gpu!, exact, { workgroupSize: 16 });
    const got = await split.run([...blocks, graded]);
    const ref = await fused.run([...blocks, graded]);
    // the split path ran (and its first-use check passed: else the fused kernel would have stood in)
    expect(Object.keys(split.stats.stages).filter((s) => /split over workgroups/.test(s))).toEqual([
      "GPU: split Householder reduction, checked on first use (reduction split over workgroups)",
      "GPU: df64 Householder tridiagonalization + bisection (reduction split over workgroups)",
    ]);
    blocks.forEach((b, i) => {
      const want = hermitianEigenvalues(b.re.slice(), b.im.slice(), b.n);
      expect(maxDiff(got[i], want)).toBeLessThan(1e-13 * b.n);
      // the same algorithm: only the order of the sums u†p differs
      expect(maxDiff(got[i], ref[i])).toBeLessThan(1e-13 * b.n);
    });
    expect(maxDiff(got[blocks.length], Float64Array.from(lambda).sort())).toBeLessThan(1e-13);
  });

  it("splits blocks formed on the GPU across bindings too (one set of dispatches per binding)", async () => {
    const exact = await probeDf64(gpu!);
    const former = await createBlockFormer(gpu!, exact);
    // four 10×10 blocks per binding: the six blocks of three times take two (its first-use check, at
    // 14×14, two of its eight blocks a binding)
    const split = await createTridiagonalEigenvalues(gpu!, exact, { splitFrom: 0, bindingBytes: 3 * 14 * 14 * 16 });
    const p = { ...engineConfigs[3][1], KL: 9, KR: 7 };
    const plan = planRun(p);
    const inputs: FormInput[] = [0.3, 15, 1e5].map((t) => ({ v: vectorsAt(plan, t), h: plan.h, KL: p.KL, KR: p.KR }));
    const formed = await split.runFormed(former, inputs, 10);
    expect(Object.keys(split.stats.stages).some((s) => /^GPU: blocks formed .*split over workgroups/.test(s))).toBe(true);
    inputs.forEach(({ v, h }, i) => {
      for (const [b, start, K] of [[0, 1, p.KL], [1, 1 + p.KL, p.KR]] as const) {
        const blk = bathBlock(h, v, start, K);
        expect(maxDiff(formed[2 * i + b], hermitianEigenvalues(blk.re, blk.im, K))).toBeLessThan(1e-13);
      }
    });
  });
});
