// The dense complex Hermitian eigenvalue solver against ml-matrix on the real symmetric embedding [[A, −B], [B, A]], and the real symmetric solvers against ml-matrix directly.
import { describe, it } from "vitest";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { hermitianEigenvalues } from "../src/spectrum/hermitian-eigenvalues.ts";
import { symmetricEigenvalues } from "../src/spectrum/symmetric-eigenvalues.ts";
import { smallSymmetricEigen } from "../src/spectrum/small-symmetric.ts";
import { expectAllClose, lcg } from "./helpers/allclose.ts";
import { blocksAt, planRun } from "../src/engine/run-plan.ts";

function reference(re: Float64Array, im: Float64Array, n: number): number[] {
  const big = new Matrix(2 * n, 2 * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      big.set(i, j, re[i * n + j]);
      big.set(i + n, j + n, re[i * n + j]);
      big.set(i, j + n, -im[i * n + j]);
      big.set(i + n, j, im[i * n + j]);
    }
  }
  const all = [...new EigenvalueDecomposition(big, { assumeSymmetric: true }).realEigenvalues].sort((a, b) => a - b);
  return all.filter((_, i) => i % 2 === 0);
}

describe("hermitianEigenvalues", () => {
  it.each([1, 2, 3, 4, 17, 64, 101])("matches the embedded real solver for n = %i", (n) => {
    const rnd = lcg(n + 11);
    const re = new Float64Array(n * n);
    const im = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const a = rnd() - 0.5;
        const b = i === j ? 0 : rnd() - 0.5;
        re[i * n + j] = re[j * n + i] = a;
        im[i * n + j] = b;
        im[j * n + i] = -b;
      }
    }
    const ref = reference(re, im, n);
    expectAllClose(hermitianEigenvalues(re.slice(), im.slice(), n), ref, 1e-12 * Math.sqrt(n), 0, "eigenvalues");
  });

  it("converges on a pure state's block whose zero eigenvalues come out as rounding noise", () => {
    // case (a), K = 200, pure state (seed 5): C_RR at this t has a cluster of exact zeros that the
    // reduction leaves at ±1e-15 with couplings ~1e-20; QL once stalled there (found by the demo page)
    const plan = planRun({
      KL: 200, KR: 200, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3,
      initial: { kind: "pure", seed: 5 },
    });
    const { re, im } = blocksAt(plan, 10 ** (-3 + 94 / 100)).RR;
    const ref = reference(re, im, 200);
    expectAllClose(hermitianEigenvalues(re.slice(), im.slice(), 200), ref, 1e-13, 0, "eigenvalues");
  });

  it("handles already-diagonal, degenerate and real matrices", () => {
    const n = 6;
    const re = new Float64Array(n * n);
    const im = new Float64Array(n * n);
    [1, 0, 1, 0.5, 0.5, 1].forEach((v, i) => (re[i * n + i] = v));
    expectAllClose(hermitianEigenvalues(re, im, n), [0, 0.5, 0.5, 1, 1, 1], 1e-15, 0, "diagonal");
  });
});

describe("symmetricEigenvalues and smallSymmetricEigen (real symmetric)", () => {
  it.each([1, 2, 3, 5, 64, 101])("match ml-matrix for n = %i", (n) => {
    const rnd = lcg(n + 29);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rnd() - 0.5;
    const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
    const ref = [...new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues].sort((x, y) => x - y);
    expectAllClose(symmetricEigenvalues(a.slice(), n), ref, 1e-12 * Math.sqrt(n), 0, "Householder + QL");
    if (n > 5) return;
    const { values, vectors } = smallSymmetricEigen(a, n);
    expectAllClose([...values].sort((x, y) => x - y), ref, 1e-14, 0, "Jacobi values");
    // A v_j = θ_j v_j
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * vectors[k * n + j];
        expectAllClose(s, values[j] * vectors[i * n + j], 1e-14, 0, "Jacobi residual");
      }
    }
  });
});
