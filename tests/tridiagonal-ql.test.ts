// The f32 QL eigensolver for batches of real symmetric tridiagonals (shaders/tridiagonal-ql.wgsl) against
// f64 eigenvalues of the same (f32) matrices, and its vectors checked by f64 products: ZᵀZ = I, TZ = ZΛ.
import { describe, expect, it } from "vitest";
import { createTridiagonalQL, qlFlops, qlStatus, type QLStatus, type TridiagonalQLOptions } from "../src/engine/webgpu/tridiagonal-ql.ts";
import { readBack, storage, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { tridiagonalEigenvalues, tridiagonalize } from "../src/spectrum/hermitian-eigenvalues.ts";
import { planTimes, blocksAt } from "../src/engine/run-plan.ts";
import type { Problem } from "../src/model/problem.ts";
import { lcg } from "./helpers/allclose.ts";
import { randomUnitary, withSpectrum } from "./helpers/random-matrices.ts";
import { testGpu } from "./helpers/gpu.ts";

const gpu = await testGpu();

/** A real symmetric tridiagonal: d_j = T_jj, e_j = T_{j+1,j} (e has length n; e_{n−1} unused), f32 values. */
interface Tri {
  d: Float64Array;
  e: Float64Array;
}

const f32 = (x: Float64Array) => Float64Array.from(Float32Array.from(x));

function randomTri(n: number, rnd: () => number): Tri {
  return { d: f32(Float64Array.from({ length: n }, () => rnd() - 0.5)), e: f32(Float64Array.from({ length: n }, (_, j) => (j + 1 < n ? rnd() - 0.5 : 0))) };
}

/** The tridiagonal form of a Hermitian block (f64 Householder), rounded to f32. */
function tridiagonalOf(re: Float64Array, im: Float64Array, n: number): Tri {
  const diag = new Float64Array(n);
  const off = new Float64Array(n);
  tridiagonalize(re.slice(), im.slice(), n, diag, off);
  return { d: f32(diag), e: f32(Float64Array.from({ length: n }, (_, j) => (j + 1 < n ? off[j + 1] : 0))) };
}

/** f64 eigenvalues, ascending (QL of src/spectrum, which takes off[i] = T_{i,i−1}). */
const exactValues = (t: Tri) => tridiagonalEigenvalues(t.d.slice(), Float64Array.from({ length: t.d.length }, (_, i) => (i > 0 ? t.e[i - 1] : 0)));

const normOf = (t: Tri) => t.d.reduce((mx, x, j) => Math.max(mx, Math.abs(x) + Math.abs(t.e[j]) + (j > 0 ? Math.abs(t.e[j - 1]) : 0)), 0);

/** QL on the GPU for matrices of one size m; values [B][m], Z [B][m·m] as the buffers hold them. */
async function runQL(mats: readonly Tri[], m: number, options: TridiagonalQLOptions = {}): Promise<{ values: Float32Array[]; Z: Float32Array[]; status: QLStatus[] }> {
  const { device } = gpu!;
  const B = mats.length;
  const packed = new Float32Array(4 * B * m);
  mats.forEach((t, b) => t.d.forEach((x, j) => {
    packed[4 * (b * m + j)] = x;
    packed[4 * (b * m + j) + 2] = t.e[j];
  }));
  const ql = await createTridiagonalQL(gpu!, options);
  const tri = upload(device, packed);
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  const out = ql.encode(pass, tri, m, B);
  pass.end();
  const sizes = [out.values.size, out.Z.size, out.status.size];
  const read = device.createBuffer({ size: sizes[0] + sizes[1] + sizes[2], usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  enc.copyBufferToBuffer(out.values, 0, read, 0, sizes[0]);
  enc.copyBufferToBuffer(out.Z, 0, read, sizes[0], sizes[1]);
  enc.copyBufferToBuffer(out.status, 0, read, sizes[0] + sizes[1], sizes[2]);
  device.queue.submit([enc.finish()]);
  const bytes = await readBack(gpu!, read);
  for (const buf of [tri, read, out.values, out.Z, out.status, ...out.temporaries]) buf.destroy();
  const all = new Float32Array(bytes, 0, (sizes[0] + sizes[1]) / 4);
  return {
    values: mats.map((_, b) => all.slice(b * m, (b + 1) * m)),
    Z: mats.map((_, b) => all.slice(sizes[0] / 4 + b * m * m, sizes[0] / 4 + (b + 1) * m * m)),
    status: qlStatus(new Uint32Array(bytes, sizes[0] + sizes[1], B * 4)),
  };
}

/** max |λ − λ_exact|, max |ZᵀZ − I|, and max_k ‖T z_k − λ_k z_k‖ (f64 products), the first and last relative to ‖T‖. */
function errors(t: Tri, values: Float32Array, Z: Float32Array, m: number) {
  const n = t.d.length;
  const norm = normOf(t) || 1;
  const exact = exactValues(t);
  const valueError = exact.reduce((mx, x, k) => Math.max(mx, Math.abs(values[k] - x)), 0) / norm;
  let orth = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += Z[r * m + i] * Z[r * m + j];
      orth = Math.max(orth, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  let residual = 0;
  for (let k = 0; k < n; k++) {
    let s2 = 0;
    for (let r = 0; r < n; r++) {
      const tz = t.d[r] * Z[r * m + k] + (r > 0 ? t.e[r - 1] * Z[(r - 1) * m + k] : 0) + (r + 1 < n ? t.e[r] * Z[(r + 1) * m + k] : 0);
      s2 += (tz - values[k] * Z[r * m + k]) ** 2;
    }
    residual = Math.max(residual, Math.sqrt(s2) / norm);
  }
  return { valueError, orth, residual };
}

/** Runs one batch (every matrix of size m) and checks each against the tolerances; returns the worst errors and the status. */
async function check(label: string, mats: readonly Tri[], options: TridiagonalQLOptions = {}, tol = { value: 3e-6, orth: 3e-6, residual: 5e-6 }) {
  const m = mats[0].d.length;
  const got = await runQL(mats, m, options);
  const worst = { valueError: 0, orth: 0, residual: 0 };
  mats.forEach((t, b) => {
    const e = errors(t, got.values[b], got.Z[b], m);
    for (let k = 1; k < m; k++) expect(got.values[b][k]).toBeGreaterThanOrEqual(got.values[b][k - 1]);
    expect(got.status[b].failed, `${label}: matrix ${b} flagged`).toBe(false);
    expect(e.valueError, `${label}: values`).toBeLessThan(tol.value);
    expect(e.orth, `${label}: ZᵀZ − I`).toBeLessThan(tol.orth);
    expect(e.residual, `${label}: TZ − ZΛ`).toBeLessThan(tol.residual);
    for (const key of ["valueError", "orth", "residual"] as const) worst[key] = Math.max(worst[key], e[key]);
  });
  const sweeps = got.status.map((s) => s.sweeps);
  const rotations = got.status.map((s) => s.rotations);
  console.info(`${label}: m = ${m}, B = ${mats.length}: |λ − λ64|/‖T‖ ≤ ${worst.valueError.toExponential(1)}, |ZᵀZ − I| ≤ ${worst.orth.toExponential(1)}, `
    + `‖TZ − ZΛ‖/‖T‖ ≤ ${worst.residual.toExponential(1)}; sweeps ${sweeps.join("/")}, rotations ${rotations.join("/")} `
    + `(${(Math.max(...rotations) / (m * m)).toFixed(2)} m²), most sweeps on one value ${Math.max(...got.status.map((s) => s.mostSweeps))}, ${qlFlops(got.status, m)} flops`);
  return got;
}

describe.skipIf(!gpu)("tridiagonal-ql.wgsl", () => {
  it.each([1, 2, 3, 5, 31, 64])("gives the eigenpairs of random tridiagonals of size %i (three a batch) to f32 accuracy", async (n) => {
    const rnd = lcg(100 + n);
    await check(`random n = ${n}`, [0, 1, 2].map(() => randomTri(n, rnd)));
  });

  it("works with fewer threads than rows (16 threads, 4 rows each) and leaves Z transposed when asked", async () => {
    const rnd = lcg(5);
    const mats = [0, 1].map(() => randomTri(64, rnd));
    await check("random n = 64, WG = 16", mats, { workgroupSize: 16 });
    const rowMajor = await runQL(mats, 64, { workgroupSize: 16 });
    const transposed = await runQL(mats, 64, { workgroupSize: 16, rowMajor: false });
    for (let r = 0; r < 64; r++) for (let k = 0; k < 64; k++) expect(transposed.Z[1][k * 64 + r]).toBe(rowMajor.Z[1][r * 64 + k]);
  });

  it("converges on graded tridiagonals: a thermal bath block at K = 64 and spectra spread over 1e−12 … 1 − 1e−12", async () => {
    const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3 };
    const p: Problem = { ...base, KL: 64, KR: 64, initial: { kind: "thermal" } };
    const plan = planTimes(p);
    const blocks = [1e5, 15].map((t) => blocksAt(plan, t).LL);
    const bath = blocks.map((blk) => tridiagonalOf(blk.re, blk.im, 64));
    await check("bath block K = 64 (t = 1e5, 15)", bath);
    const rnd = lcg(17);
    const graded = [0, 1].map(() => {
      // half the values log-spaced in [1e−12, 0.1], half in [1 − 0.1, 1 − 1e−12]
      const lam = Array.from({ length: 64 }, (_, k) => {
        const x = 10 ** (-12 + 11 * ((k % 32) / 31));
        return k < 32 ? x : 1 - x;
      });
      const C = withSpectrum(randomUnitary(64, rnd), lam);
      return tridiagonalOf(C.re, C.im, 64);
    });
    await check("spectrum 1e−12 … 1 − 1e−12, n = 64", graded);
  });

  it("handles zero padding, split blocks and repeated eigenvalues", async () => {
    const zero = { d: new Float64Array(31), e: new Float64Array(31) };
    // two copies of one random block, joined by e = 0: every eigenvalue twice
    const rnd = lcg(23);
    const half = randomTri(15, rnd);
    const twice = { d: Float64Array.from([...half.d, ...half.d, 0.25]), e: Float64Array.from([...half.e, ...half.e, 0]) };
    // Wilkinson's W⁺₃₁ (d_j = |15 − j|, e = 1): its largest values come in pairs equal to ~1e−14
    const wilkinson = { d: Float64Array.from({ length: 31 }, (_, j) => Math.abs(15 - j)), e: Float64Array.from({ length: 31 }, (_, j) => (j < 30 ? 1 : 0)) };
    // a random matrix split by zeros at 10 and 20, and a padded 20 in 31
    const broken = randomTri(31, rnd);
    broken.e[10] = broken.e[20] = 0;
    const small = randomTri(20, rnd);
    const padded = { d: Float64Array.from([...small.d, ...new Array(11).fill(0)]), e: Float64Array.from([...small.e, ...new Array(11).fill(0)]) };
    const got = await check("zero, repeated, Wilkinson, split, padded (n = 31)", [zero, twice, wilkinson, broken, padded]);
    expect(Array.from(got.values[0])).toEqual(new Array(31).fill(0));
    expect(got.status[0].sweeps).toBe(0);
  });

  it("applies the logged rotations in chunks: ~one sweep a round, a few rounds then the in-kernel rotation, none logged (n = 64)", async () => {
    const rnd = lcg(31);
    const base = { W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3 };
    const blk = blocksAt(planTimes({ ...base, KL: 64, KR: 64, initial: { kind: "thermal" } }), 1e5).LL;
    const mats = [randomTri(64, rnd), tridiagonalOf(blk.re, blk.im, 64)];
    // 72 entries: one sweep (≤ 63 rotations, its header, the end mark) a round, two where they are short
    const tiny = await check("log of 72 entries a round, 16 rows a workgroup", mats, { logCapacity: () => 72, logRounds: () => 300, rowsPerWorkgroup: 16 });
    expect(Math.min(...tiny.status.map((s) => s.sweeps))).toBeGreaterThan(60);
    // 3 rounds of 600 entries hold ~1700 of the ~3400–4200 rotations; the last round rotates the rest in place
    await check("3 rounds of 600 entries, then in place", mats, { logCapacity: () => 600, logRounds: () => 3 });
    await check("nothing logged (every rotation in place)", mats, { logRounds: () => 0, workgroupSize: 32 });
  });

  it("flags, and does not hang on, a matrix that needs more sweeps per value than allowed", async () => {
    const rnd = lcg(29);
    const got = await runQL([randomTri(31, rnd), { d: new Float64Array(31), e: new Float64Array(31) }], 31, { maxIterations: 1 });
    expect(got.status[0].failed).toBe(true);
    expect(got.status[0].mostSweeps).toBe(1);
    expect(got.status[1].failed).toBe(false);
  });
});
