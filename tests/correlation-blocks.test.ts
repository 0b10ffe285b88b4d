// The O(N²) Cauchy/displacement formulas for C(t) against dense propagation C = U† C(0) U with U from ml-matrix's eigenvectors of ℋ.
import { describe, it } from "vitest";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { denseHamiltonian, hamiltonian } from "../src/model/hamiltonian.ts";
import { arrowheadEigen } from "../src/spectrum/arrowhead.ts";
import { correlationBlocks } from "../src/propagation/correlation-blocks.ts";
import type { Problem } from "../src/model/problem.ts";
import { expectAllClose, lcg } from "./helpers/allclose.ts";

function denseC(h: number[][], n: Float64Array, t: number) {
  const N = n.length;
  const evd = new EigenvalueDecomposition(new Matrix(h), { assumeSymmetric: true });
  const V = evd.eigenvectorMatrix;
  const lam = evd.realEigenvalues;
  const Ur = Array.from({ length: N }, () => new Float64Array(N));
  const Ui = Array.from({ length: N }, () => new Float64Array(N));
  for (let q = 0; q < N; q++) {
    const c = Math.cos(lam[q] * t);
    const s = -Math.sin(lam[q] * t);
    for (let a = 0; a < N; a++) {
      for (let b = 0; b < N; b++) {
        const vv = V.get(a, q) * V.get(b, q);
        Ur[a][b] += vv * c;
        Ui[a][b] += vv * s;
      }
    }
  }
  const re = (i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < N; k++) s += n[k] * (Ur[k][i] * Ur[k][j] + Ui[k][i] * Ui[k][j]);
    return s;
  };
  const im = (i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < N; k++) s += n[k] * (Ur[k][i] * Ui[k][j] - Ui[k][i] * Ur[k][j]);
    return s;
  };
  return { re, im, Ur, Ui };
}

const cases: [string, Problem][] = [
  ["K_L = K_R = 5 (degenerate)", { KL: 5, KR: 5, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3, initial: { kind: "thermal" } }],
  ["K_L = 7, K_R = 4, ε_d ≠ 0, n_d ≠ 0", { KL: 7, KR: 4, W: 6, epsD: 0.4, nD: 0.3, betaL: 1, betaR: 3, muL: 0.2, muR: -0.5, GammaL: 2, GammaR: 0.7, initial: { kind: "thermal" } }],
  ["K = 30, Γ_R = 0", { KL: 30, KR: 30, W: 10, epsD: -0.2, nD: 1, betaL: 2, betaR: 2, muL: 0, muR: 0, GammaL: 4, GammaR: 0, initial: { kind: "thermal" } }],
];

describe("correlationBlocks", () => {
  it.each(cases)("equals dense propagation: %s", (_, p) => {
    const h = hamiltonian(p);
    const e = arrowheadEigen(h);
    const N = e.N;
    const rnd = lcg(N);
    const n = Float64Array.from({ length: N }, () => rnd());
    const H = denseHamiltonian(h);
    for (const t of [0, 0.37, 5, 1e3, 1e6]) {
      const ref = denseC(H, n, t);
      const b = correlationBlocks(h, e, n, p.KL, t);
      // both sides carry eigenvalue rounding ~ε‖ℋ‖, i.e. phase errors growing like ε‖ℋ‖t
      const tol = 2e-12 + 4e-15 * t;
      expectAllClose(b.diag, Array.from({ length: N }, (_, i) => ref.re(i, i)), tol, 0, `diag t=${t}`);
      expectAllClose(b.dotWeights, Array.from({ length: N }, (_, k) => ref.Ur[k][0] ** 2 + ref.Ui[k][0] ** 2), tol, 0, `|U_k0|² t=${t}`);
      for (const [blk, start, size] of [[b.LL, 1, p.KL], [b.RR, 1 + p.KL, p.KR]] as const) {
        const wantRe: number[] = [];
        const wantIm: number[] = [];
        for (let x = 0; x < size; x++) for (let y = 0; y < size; y++) {
          wantRe.push(ref.re(start + x, start + y));
          wantIm.push(ref.im(start + x, start + y));
        }
        expectAllClose(blk.re, wantRe, tol, 0, `block re t=${t}`);
        expectAllClose(blk.im, wantIm, tol, 0, `block im t=${t}`);
      }
      expectAllClose(b.row0.re, Array.from({ length: N }, (_, j) => ref.re(0, j)), tol, 0, `row 0 t=${t}`);
    }
  });
});
