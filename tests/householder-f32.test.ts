// Fast mode's f32 Householder route on SwiftShader against f64: the reduction's T (eigenvalues of A),
// the back-transformation (unitary V diagonalizing A), a graded block-diagonal matrix, and reduction
// + df64 bisection; at the default panel width and at NB = 4 (several full panels from n = 10 on),
// and for sizes around the panel width.
import { describe, expect, it } from "vitest";
import { testGpu } from "./helpers/gpu.ts";
import { lcg } from "./helpers/allclose.ts";
import { randomHermitian, type ComplexMatrix } from "./helpers/random-matrices.ts";
import { createF32Tridiagonal, type F32Reduction, type F32Tridiagonal } from "../src/engine/webgpu/f32-tridiagonal.ts";
import { PANEL_WIDTH, panelWidth } from "../src/engine/webgpu/householder-panel.ts";
import { packBlocks, readBack, storage, upload } from "../src/engine/webgpu/gpu-batch.ts";
import { hermitianEigenvalues, tridiagonalEigenvalues } from "../src/spectrum/hermitian-eigenvalues.ts";
import { smallSymmetricEigen } from "../src/spectrum/small-symmetric.ts";

const gpu = await testGpu();
// the default shapes, and small workgroups: several passes of each loop over rows and columns, several column tiles
// (8 threads: rounds of the panel's 2L dot products; 256 threads: groups of 8 or 32 threads a dot)
const shapes = [
  ["default workgroups", {}],
  ["8 threads per matrix, 16 columns per tile", { workgroupSize: 8, backWorkgroupSize: 16 }],
] as const;
const widths = [PANEL_WIDTH, 4];
const cases = shapes.flatMap(([label, o]) => widths.map((NB) => [label, NB, { ...o, panelWidth: NB }] as const));
const instances = gpu ? await Promise.all(cases.map(([, , o]) => createF32Tridiagonal(gpu, o))) : [];

/** Encodes into one pass, submits, and reads back `outs` (after the pass) as f32. */
async function submit(encode: (pass: GPUComputePassEncoder) => { outs: GPUBuffer[]; temporaries: GPUBuffer[] }): Promise<Float32Array[]> {
  const { device } = gpu!;
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  const { outs, temporaries } = encode(pass);
  pass.end();
  const reads = outs.map((o) => {
    const read = device.createBuffer({ size: o.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    enc.copyBufferToBuffer(o, 0, read, 0, o.size);
    return read;
  });
  device.queue.submit([enc.finish()]);
  const got = await Promise.all(reads.map(async (r) => new Float32Array(await readBack(gpu!, r))));
  for (const b of [...reads, ...temporaries]) b.destroy();
  return got;
}

/** `blk` zero-padded to m. */
function padded(blk: ComplexMatrix, m: number): ComplexMatrix {
  const re = new Float64Array(m * m), im = new Float64Array(m * m);
  for (let i = 0; i < blk.n; i++) {
    for (let j = 0; j < blk.n; j++) {
      re[i * m + j] = blk.re[i * blk.n + j];
      im[i * m + j] = blk.im[i * blk.n + j];
    }
  }
  return { re, im, n: m };
}

/** `blk` as the leading block of an m×m random Hermitian matrix (garbage beyond it). */
function withGarbage(blk: ComplexMatrix, m: number, rnd: () => number): ComplexMatrix {
  const A = randomHermitian(m, rnd);
  for (let i = 0; i < blk.n; i++) {
    for (let j = 0; j < blk.n; j++) {
      A.re[i * m + j] = blk.re[i * blk.n + j];
      A.im[i * m + j] = blk.im[i * blk.n + j];
    }
  }
  return A;
}

/**
 * Block sizes around the panel width NB: the smallest blocks, P(n) < NB (NB − 1 … 2NB + 1), and
 * panels NB wide from 2NB + 2 on: 2NB + 3 ends inside a panel, 3NB + 1 on a full panel's step whose
 * update reaches no rows, 3NB + 2 on one that updates a single row.
 */
const aroundPanel = (NB: number) => [1, 2, NB - 1, NB, NB + 1, 2 * NB + 3, 3 * NB + 1, 3 * NB + 2];

/** Block-diagonal diag(X, Y), exact zeros across. */
function blockDiagonal(X: ComplexMatrix, Y: ComplexMatrix): ComplexMatrix {
  const n = X.n + Y.n;
  const A = padded(X, n);
  for (let i = 0; i < Y.n; i++) {
    for (let j = 0; j < Y.n; j++) {
      A.re[(X.n + i) * n + X.n + j] = Y.re[i * Y.n + j];
      A.im[(X.n + i) * n + X.n + j] = Y.im[i * Y.n + j];
    }
  }
  return A;
}

const eigenvalues = (A: ComplexMatrix) => hermitianEigenvalues(A.re.slice(), A.im.slice(), A.n);
const norm = (values: ArrayLike<number>) => Math.max(...Array.from(values, Math.abs));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(0, ...Array.from(a, (x, i) => Math.abs(x - b[i])));

/**
 * Reduces the B = blocks.length m×m `blocks` (reflectors kept), and checks against f64: T's eigenvalues
 * (A's to 1e-6‖A‖, e ≥ 0, e_{m−1} = 0, zero low words), and V = QDZ with Z T's f64 eigenvectors, one
 * reflector a pass and blocked: unitary to 2e-6, V†AV diagonal to 1e-5‖A‖.
 */
async function checkReduction(tridiagonal: F32Tridiagonal, blocks: ComplexMatrix[], m: number, label: string) {
  const { device } = gpu!;
  const B = blocks.length;
  const a = upload(device, packBlocks(blocks, m, 2));
  let reduction: F32Reduction | undefined;
  const [tri] = await submit((pass) => {
    reduction = tridiagonal.reduce(pass, a, m, B, { keepReflectors: true });
    return { outs: [reduction.tri], temporaries: [] };
  });
  const Z = new Float32Array(B * m * m);
  const tValues: Float64Array[] = [];
  blocks.forEach((A, b) => {
    const d = Float64Array.from({ length: m }, (_, j) => tri[4 * (b * m + j)]);
    const e = Float64Array.from({ length: m }, (_, j) => tri[4 * (b * m + j) + 2]);
    expect(e[m - 1]).toBe(0);
    for (let j = 0; j < m; j++) {
      expect(tri[4 * (b * m + j) + 1]).toBe(0);
      expect(tri[4 * (b * m + j) + 3]).toBe(0);
      expect(e[j]).toBeGreaterThanOrEqual(0);
    }
    const want = eigenvalues(A);
    const scale = norm(want);
    const got = tridiagonalEigenvalues(d.slice(), Float64Array.from({ length: m }, (_, i) => (i > 0 ? e[i - 1] : 0)));
    console.info(`${label}, b = ${b}: T's eigenvalues within ${(maxDiff(got, want) / scale).toExponential(2)}‖A‖`);
    expect(maxDiff(got, want)).toBeLessThan(1e-6 * scale);
    // T's eigenvectors in f64, as Z
    const T = new Float64Array(m * m);
    for (let j = 0; j < m; j++) {
      T[j * m + j] = d[j];
      if (j + 1 < m) T[(j + 1) * m + j] = T[j * m + j + 1] = e[j];
    }
    const { values, vectors } = smallSymmetricEigen(T, m);
    tValues.push(values);
    Z.set(vectors, b * m * m);
  });
  const Zbuf = upload(device, Z);
  const Vbufs = [0, 1].map(() => device.createBuffer({ size: B * m * m * 8, usage: storage() }));
  const Vs = await submit((pass) => ({
    outs: Vbufs,
    temporaries: [Zbuf, ...Vbufs, a, ...reduction!.temporaries, ...[false, true].flatMap((blocked, i) =>
      tridiagonal.backTransform(pass, a, reduction!.reflectors!, Zbuf, Vbufs[i], m, B, { blocked }).temporaries)],
  }));
  Vs.forEach((V, variant) => blocks.forEach((A, b) => {
    const vr = (r: number, k: number) => V[2 * ((b * m + r) * m + k)];
    const vi = (r: number, k: number) => V[2 * ((b * m + r) * m + k) + 1];
    const scale = norm(tValues[b]);
    // AV, then V†V and V†AV in f64
    const avr = new Float64Array(m * m), avi = new Float64Array(m * m);
    for (let r = 0; r < m; r++) {
      for (let k = 0; k < m; k++) {
        let sr = 0, si = 0;
        for (let l = 0; l < m; l++) {
          const ar = A.re[r * m + l], ai = A.im[r * m + l];
          sr += ar * vr(l, k) - ai * vi(l, k);
          si += ar * vi(l, k) + ai * vr(l, k);
        }
        avr[r * m + k] = sr;
        avi[r * m + k] = si;
      }
    }
    let unitary = 0, offDiagonal = 0, diagonal = 0;
    for (let k = 0; k < m; k++) {
      for (let l = 0; l < m; l++) {
        let gr = 0, gi = 0, hr = 0, hi = 0;
        for (let r = 0; r < m; r++) {
          // conj(V_rk)·V_rl and conj(V_rk)·(AV)_rl
          gr += vr(r, k) * vr(r, l) + vi(r, k) * vi(r, l);
          gi += vr(r, k) * vi(r, l) - vi(r, k) * vr(r, l);
          hr += vr(r, k) * avr[r * m + l] + vi(r, k) * avi[r * m + l];
          hi += vr(r, k) * avi[r * m + l] - vi(r, k) * avr[r * m + l];
        }
        unitary = Math.max(unitary, Math.hypot(gr - (k === l ? 1 : 0), gi));
        if (k === l) diagonal = Math.max(diagonal, Math.hypot(hr - tValues[b][k], hi));
        else offDiagonal = Math.max(offDiagonal, Math.hypot(hr, hi));
      }
    }
    console.info(`${label}, b = ${b}, ${variant ? "blocked" : "one reflector a pass"}: |V†V − I| ≤ ${unitary.toExponential(2)}, V†AV: diagonal within ${(diagonal / scale).toExponential(2)}‖A‖, off-diagonal ≤ ${(offDiagonal / scale).toExponential(2)}‖A‖`);
    expect(unitary).toBeLessThan(2e-6);
    expect(diagonal).toBeLessThan(1e-5 * scale);
    expect(offDiagonal).toBeLessThan(1e-5 * scale);
  }));
}

describe.skipIf(!gpu).each(cases.map(([label, NB], i) => [label, NB, i] as const))("f32 Householder tridiagonalization and back-transformation (%s, panels of NB = %i)", (_, NB, which) => {
  const tridiagonal = instances[which];
  it.each([[1, 1], [2, 2], [3, 3], [13, 13], [37, 37], [13, 20]])(
    "n = %i padded to m = %i, batch 2 or 3: T has A's eigenvalues to 1e-6‖A‖, and V = QDZ (one reflector a pass, and blocked) is unitary and diagonalizes A",
    async (n, m) => {
      const rnd = lcg(11 + n + m);
      const blocks = [randomHermitian(n, rnd), randomHermitian(n, rnd, 3)];
      if (n >= 6) {
        // x_0 = 0 with σ > 0 in the first step (phase 1), and an exact split with a 1e-3 block below it (τ = 0, e = 0)
        const A = blockDiagonal(randomHermitian(4, rnd), randomHermitian(n - 4, rnd, 1e-3));
        A.re[1] = A.im[1] = A.re[n] = A.im[n] = 0;
        blocks.push(A);
      }
      blocks.forEach((blk, i) => (blocks[i] = padded(blk, m)));
      await checkReduction(tridiagonal!, blocks, m, `n = ${n}, m = ${m}`);
    },
  );

  it("sizes around the panel width (n = 1, 2, NB − 1, NB, NB + 1, 2NB + 3, 3NB + 1, 3NB + 2) in one batch zero-padded to 3NB + 2: T and V = QDZ as above", async () => {
    const sizes = aroundPanel(NB);
    expect(sizes.slice(-3).map((n) => panelWidth(n, NB))).toEqual([NB, NB, NB]);
    const m = Math.max(...sizes);
    const rnd = lcg(23 + NB);
    await checkReduction(tridiagonal!, sizes.map((n) => padded(randomHermitian(n, rnd), m)), m, `around NB = ${NB}, m = ${m} (n = ${sizes.join(", ")})`);
  });

  it("the same sizes as per-matrix sizes, garbage beyond each leading block: T (reduction alone) and the df64 bisection give the block's eigenvalues to 1e-6‖A‖, the same bits at another padding", async () => {
    const { device } = gpu!;
    const sizes = aroundPanel(NB);
    const rnd = lcg(29 + NB);
    const lead = sizes.map((n) => randomHermitian(n, rnd));
    const want = lead.map(eigenvalues);
    const m0 = Math.max(...sizes);
    const runs: { tri: Float32Array; eig: Float32Array }[] = [];
    for (const m of [m0, m0 + 5]) {
      const [eig, tri] = await submit((pass) => {
        const a = upload(device, packBlocks(lead.map((blk) => withGarbage(blk, m, rnd)), m, 2));
        const given = upload(device, Uint32Array.from(sizes));
        const r = tridiagonal!.eigenvalues(pass, a, m, sizes.length, given);
        return { outs: [r.eig, r.tri], temporaries: [a, given, ...r.temporaries] };
      });
      let worstT = 0, worstBisection = 0;
      sizes.forEach((n, b) => {
        const d = Float64Array.from({ length: n }, (_, j) => tri[4 * (b * m + j)]);
        const e = Float64Array.from({ length: n }, (_, j) => tri[4 * (b * m + j) + 2]);
        expect(e[n - 1]).toBe(0);
        const scale = Math.max(norm(want[b]), 1e-30);
        const fromT = tridiagonalEigenvalues(d, Float64Array.from({ length: n }, (_, i) => (i > 0 ? e[i - 1] : 0)));
        const got = Float64Array.from({ length: n }, (_, k) => eig[2 * (b * m + k)] + eig[2 * (b * m + k) + 1]);
        worstT = Math.max(worstT, maxDiff(fromT, want[b]) / scale);
        worstBisection = Math.max(worstBisection, maxDiff(got, want[b]) / scale);
        expect(maxDiff(fromT, want[b])).toBeLessThan(1e-6 * scale);
        expect(maxDiff(got, want[b])).toBeLessThan(1e-6 * scale);
      });
      console.info(`sizes around NB = ${NB}, m = ${m}: T's eigenvalues within ${worstT.toExponential(2)}‖A‖, the bisection's within ${worstBisection.toExponential(2)}‖A‖`);
      runs.push({ tri, eig });
    }
    // a block's panel width, and so its bits, depend on its size alone
    const [x, y] = runs;
    sizes.forEach((n, b) => {
      expect(Array.from(y.tri.subarray(4 * b * (m0 + 5), 4 * (b * (m0 + 5) + n)))).toEqual(Array.from(x.tri.subarray(4 * b * m0, 4 * (b * m0 + n))));
      expect(Array.from(y.eig.subarray(2 * b * (m0 + 5), 2 * (b * (m0 + 5) + n)))).toEqual(Array.from(x.eig.subarray(2 * b * m0, 2 * (b * m0 + n))));
    });
  });

  it("graded: a block scaled by 1e-9 beside an O(1) block (exact zeros across) keeps its eigenvalues to ~1e-7 of its own norm", async () => {
    const { device } = gpu!;
    const rnd = lcg(5);
    const [nBig, nSmall] = [11, 12];
    const big = randomHermitian(nBig, rnd);
    for (let i = 0; i < nBig; i++) big.re[i * nBig + i] += nBig; // its eigenvalues well away from the small block's
    const small = randomHermitian(nSmall, rnd, 1e-9);
    const blocks = [blockDiagonal(big, small), blockDiagonal(small, big)];
    const m = nBig + nSmall + 1; // and a padding row
    const [eig, tri] = await submit((pass) => {
      const a = upload(device, packBlocks(blocks, m, 2));
      const r = tridiagonal!.eigenvalues(pass, a, m, blocks.length);
      return { outs: [r.eig, r.tri], temporaries: [a, ...r.temporaries] };
    });
    const smallValues = eigenvalues(small);
    const smallNorm = norm(smallValues);
    const bigNorm = norm(eigenvalues(big));
    const want = Float64Array.from([...eigenvalues(big), ...smallValues, 0]).sort();
    // the bisection resolves 2⁻⁵² of T's Gershgorin width (< 3‖A‖), whatever the reduction kept
    const resolution = 3 * bigNorm * 2 ** -52;
    blocks.forEach((_, b) => {
      // the reduction alone: T splits where e_j = 0 exactly; each piece's eigenvalues in f64
      const d = Array.from({ length: m }, (_, j) => tri[4 * (b * m + j)]);
      const e = Array.from({ length: m }, (_, j) => tri[4 * (b * m + j) + 2]);
      const pieces: number[] = [];
      for (let lo = 0, j = 0; j < m; j++) {
        if (e[j] !== 0 && j < m - 1) continue;
        const piece = tridiagonalEigenvalues(Float64Array.from(d.slice(lo, j + 1)), Float64Array.from({ length: j + 1 - lo }, (_, i) => (i > 0 ? e[lo + i - 1] : 0)));
        pieces.push(...piece);
        lo = j + 1;
      }
      const fromT = Float64Array.from(pieces).sort();
      const got = Float64Array.from({ length: m }, (_, k) => eig[2 * (b * m + k)] + eig[2 * (b * m + k) + 1]);
      let smallT = 0, smallErr = 0, bigErr = 0;
      want.forEach((x, k) => {
        if (Math.abs(x) < 1e-6) {
          smallT = Math.max(smallT, Math.abs(fromT[k] - x));
          smallErr = Math.max(smallErr, Math.abs(got[k] - x));
        } else {
          bigErr = Math.max(bigErr, Math.abs(got[k] - x));
        }
      });
      console.info(`graded, b = ${b}: small block (norm ${smallNorm.toExponential(2)}): T's eigenvalues (f64) within ${(smallT / smallNorm).toExponential(2)} of its norm, ` +
        `bisection's within ${(smallErr / smallNorm).toExponential(2)} (${smallErr.toExponential(2)}; resolution ${resolution.toExponential(2)}); the large block's within ${(bigErr / bigNorm).toExponential(2)} of its norm`);
      // ~u times the small block's norm (1e9× below ‖A‖): up to 4e-7 of it over 64 random graded
      // matrices with panels of 16 (2.7e-7 unblocked), so 6e-7 here
      expect(smallT).toBeLessThan(6e-7 * smallNorm);
      expect(smallErr).toBeLessThan(6e-7 * smallNorm + resolution);
      expect(bigErr).toBeLessThan(1e-6 * bigNorm);
    });
  });

  it.each([[37, 37], [24, 30]])("reduction + df64 bisection: n = %i (padded to %i) within 1e-6‖A‖ of f64", async (n, m) => {
    const { device } = gpu!;
    const rnd = lcg(3 + n);
    const blocks = [randomHermitian(n, rnd, 2), randomHermitian(n, rnd)].map((b) => padded(b, m));
    const [eig] = await submit((pass) => {
      const a = upload(device, packBlocks(blocks, m, 2));
      const r = tridiagonal!.eigenvalues(pass, a, m, blocks.length);
      return { outs: [r.eig], temporaries: [a, ...r.temporaries] };
    });
    blocks.forEach((A, b) => {
      const want = eigenvalues(A);
      const got = Float64Array.from({ length: m }, (_, k) => eig[2 * (b * m + k)] + eig[2 * (b * m + k) + 1]);
      const scale = norm(want);
      console.info(`bisection n = ${n}, m = ${m}, b = ${b}: within ${(maxDiff(got, want) / scale).toExponential(2)}‖A‖`);
      expect(maxDiff(got, want)).toBeLessThan(1e-6 * scale);
    });
  });
  it("reduction + df64 bisection with per-matrix sizes: only each leading n_b×n_b block (8, 1, 0 of m = 12; garbage beyond) within 1e-6‖A‖", async () => {
    const { device } = gpu!;
    const m = 12, rnd = lcg(17), sizes = [8, 1, 0];
    const full = sizes.map(() => randomHermitian(m, rnd));
    const [eig] = await submit((pass) => {
      const a = upload(device, packBlocks(full, m, 2));
      const given = upload(device, Uint32Array.from(sizes));
      const r = tridiagonal!.eigenvalues(pass, a, m, full.length, given);
      return { outs: [r.eig], temporaries: [a, given, ...r.temporaries] };
    });
    sizes.forEach((n, b) => {
      const lead = { n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) [lead.re[i * n + j], lead.im[i * n + j]] = [full[b].re[i * m + j], full[b].im[i * m + j]];
      const want = eigenvalues(lead);
      const got = Float64Array.from({ length: n }, (_, k) => eig[2 * (b * m + k)] + eig[2 * (b * m + k) + 1]);
      expect(maxDiff(got, want)).toBeLessThan(1e-6 * Math.max(norm(want), 1));
    });
  });
});
