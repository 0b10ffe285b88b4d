// The dephased state C̄ and meta's infinite-time references against the dense diagonal ensemble from
// ml-matrix's eigenvectors (degenerate and near-degenerate eigenspaces included) and against a long
// explicit time average of C(t).
import { describe, expect, it } from "vitest";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { type Arrowhead, denseHamiltonian, hamiltonian } from "../src/model/hamiltonian.ts";
import { initialOccupations } from "../src/model/initial-state.ts";
import type { Problem } from "../src/model/problem.ts";
import { arrowheadEigen } from "../src/spectrum/arrowhead.ts";
import { dephasedState } from "../src/propagation/dephased-state.ts";
import { bathBlock, blockVectors } from "../src/propagation/correlation-blocks.ts";
import { infiniteTimeReference } from "../src/thermo/infinite-time-reference.ts";
import { matchGrandCanonical } from "../src/thermo/beta-star.ts";
import { binaryEntropy } from "../src/thermo/fermi.ts";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import { spectrumEntropy } from "../src/observables/block-entropy.ts";
import { symmetricEigenvalues } from "../src/spectrum/symmetric-eigenvalues.ts";
import { expectAllClose } from "./helpers/allclose.ts";

const problem = (over: Partial<Problem>): Problem => ({
  KL: 12, KR: 12, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, GammaL: 3, GammaR: 3,
  initial: { kind: "thermal" }, ...over,
});

/** Σ h(λ) over the eigenvalues of the symmetric matrix `rows × cols` of A. */
function entropyOf(A: Matrix, idx: number[]): number {
  const sub = new Matrix(idx.map((i) => idx.map((j) => A.get(i, j))));
  return new EigenvalueDecomposition(sub, { assumeSymmetric: true }).realEigenvalues.reduce((s, x) => s + binaryEntropy(x), 0);
}

/** C̄ = Σ_c P_c C(0) P_c from dense eigenvectors, eigenvalues within `tol` forming one eigenspace. */
function denseDephased(H: number[][], n: Float64Array, tol: number): Matrix {
  const N = n.length;
  const evd = new EigenvalueDecomposition(new Matrix(H), { assumeSymmetric: true });
  const lam = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = lam.map((_, i) => i).sort((a, b) => lam[a] - lam[b]);
  const C = Matrix.zeros(N, N);
  for (let i = 0; i < N; ) {
    let j = i + 1;
    while (j < N && lam[order[j]] - lam[order[j - 1]] <= tol) j++;
    const cols = order.slice(i, j);
    i = j;
    const P = new Matrix(N, N);
    for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) P.set(a, b, cols.reduce((s, q) => s + V.get(a, q) * V.get(b, q), 0));
    C.add(P.mmul(Matrix.diag(Array.from(n))).mmul(P));
  }
  return C;
}

/** Every number the engine derives from C̄, checked against the dense C̄. */
function expectSameAsDense(h: Arrowhead, n: Float64Array, KL: number, tol: number): void {
  const N = n.length;
  const e = arrowheadEigen(h);
  const C = denseDephased(denseHamiltonian(h), n, tol);
  const c = dephasedState(h, e, n, KL);
  expectAllClose(c.diag, Array.from({ length: N }, (_, i) => C.get(i, i)), 1e-12, 0, "diag");
  const KR = N - 1 - KL;
  expectAllClose(c.LL, Array.from({ length: KL * KL }, (_, x) => C.get(1 + Math.floor(x / KL), 1 + (x % KL))), 1e-12, 0, "C̄_LL");
  expectAllClose(c.RR, Array.from({ length: KR * KR }, (_, x) => C.get(1 + KL + Math.floor(x / KR), 1 + KL + (x % KR))), 1e-12, 0, "C̄_RR");
  const L = Array.from({ length: KL }, (_, k) => 1 + k);
  const R = Array.from({ length: KR }, (_, k) => 1 + KL + k);
  const ref = infiniteTimeReference(h, e, n, KL);
  expectAllClose([ref.SL, ref.SR, ref.SB], [entropyOf(C, L), entropyOf(C, R), entropyOf(C, [...L, ...R])], 1e-10, 0, "S_L, S_R, S_B");
  expectAllClose(ref.ILR, entropyOf(C, L) + entropyOf(C, R) - entropyOf(C, [...L, ...R]), 1e-10, 0, "I_L−R");
  // β*, μ* of C̄'s bath diagonals (skipped for an extremal bath: β* = ±∞ either way)
  for (const [bath, idx] of [[ref.L, L], [ref.R, R]] as const) {
    const eps = idx.map((i) => h.d[i - 1]);
    const occ = idx.map((i) => C.get(i, i));
    const gc = matchGrandCanonical(eps, eps.reduce((s, x, k) => s + x * occ[k], 0), occ.reduce((a, b) => a + b, 0));
    if (Number.isFinite(gc.beta)) expectAllClose([bath.beta, bath.mu], [gc.beta, gc.mu], 1e-9, 1e-9, "β*, μ*");
    else expect(bath.beta).toBe(gc.beta);
  }
}

describe("dephased state C̄ against the dense diagonal ensemble", () => {
  const cases: Array<[string, Problem]> = [
    ["case (a), K = 12 (every bath level doubly degenerate)", problem({})],
    ["case (b), Γ = 30", problem({ muL: 0.5, muR: 0.5, GammaL: 30, GammaR: 30 })],
    ["asymmetric, ε_d ≠ 0, n_d = 1, Γ_L ≠ Γ_R", problem({ KL: 11, KR: 8, epsD: 0.4, nD: 1, GammaL: 2, GammaR: 5 })],
    ["pure state, seed 5", problem({ KL: 10, KR: 10, initial: { kind: "pure", seed: 5 } })],
    ["Γ_R = 0 (bath R uncoupled)", problem({ KL: 9, KR: 9, GammaR: 0 })],
    ["Γ = 0 (nothing moves)", problem({ KL: 7, KR: 7, GammaL: 0, GammaR: 0 })],
  ];
  it.each(cases)("%s", (_, p) => {
    expectSameAsDense(hamiltonian(p), initialOccupations(p), p.KL, 1e-9);
  });

  it("keeps the whole block of a threefold degenerate level and the cross terms of a near-degenerate cluster", () => {
    // levels 0 three times (two in L): one coupled combination and a two-dimensional decoupled space;
    // level 0.5 twice with couplings of 1e-9: its coupled eigenvalue lies ~1e-18 from 0.5, below
    // rounding, so it and the decoupled vector there form one eigenspace
    const h: Arrowhead = {
      alpha: 0.1,
      d: Float64Array.of(-1, 0, 0, 0.5, 0.8, 0, 0.5, -0.3),
      z: Float64Array.of(0.3, 0.2, 0.25, 1e-9, 0.2, 0.15, 2e-9, 0.1),
    };
    const n = Float64Array.of(0.5, 0.9, 0.7, 0.2, 0.95, 0.1, 0.4, 0.05, 0.6);
    expectSameAsDense(h, n, 5, 1e-12);
  });
});

describe("infinite-time references in meta", () => {
  const p = problem({ KL: 100, KR: 100 });
  const h = hamiltonian(p);
  const e = arrowheadEigen(h);
  const n = initialOccupations(p);

  it("equal a long time average of C(t) at K = 100: a smooth window over 6000 times averages every coherence away", () => {
    // C(t) at t_j = t_0 + jΔt under a Gaussian window: a coherence of frequency ω is suppressed by
    // exp(−(ωσ)²/2). ℋ's smallest gap here is 0.032 (σ = 220: ~1e-11), its largest 10.2, and
    // 2π/Δt = 14 stays 3.8 beyond it (no aliasing)
    const dt = 0.45;
    const sigma = 220;
    const steps = Math.ceil((6.5 * sigma) / dt);
    const t0 = 1e5 + 0.37;
    const diag = new Float64Array(e.N);
    const LL = new Float64Array(p.KL * p.KL);
    let wsum = 0;
    for (let j = -steps; j <= steps; j++) {
      const w = Math.exp(-0.5 * ((j * dt) / sigma) ** 2);
      const v = blockVectors(h, e, n, t0 + j * dt);
      const b = bathBlock(h, v, 1, p.KL);
      for (let i = 0; i < e.N; i++) diag[i] += w * v.diag[i];
      for (let x = 0; x < LL.length; x++) LL[x] += w * b.re[x];
      wsum += w;
    }
    for (let i = 0; i < e.N; i++) diag[i] /= wsum;
    for (let x = 0; x < LL.length; x++) LL[x] /= wsum;
    const c = dephasedState(h, e, n, p.KL);
    expectAllClose(diag, c.diag, 1e-9, 0, "time-averaged diagonal");
    expectAllClose(LL, c.LL, 1e-9, 0, "time-averaged C_LL");
    // β*, μ* of the time-averaged diagonal, and the entropy of the time-averaged block
    const ref = infiniteTimeReference(h, e, n, p.KL);
    const levels = h.d.subarray(0, p.KL);
    const occ = diag.subarray(1, 1 + p.KL);
    const gc = matchGrandCanonical(levels, levels.reduce((s, x, k) => s + x * occ[k], 0), occ.reduce((a, b) => a + b, 0));
    expectAllClose([gc.beta, gc.mu], [ref.L.beta, ref.L.mu], 1e-8, 1e-8, "β*_L, μ*_L of the averaged diagonal");
    expectAllClose(spectrumEntropy(symmetricEigenvalues(LL, p.KL)), ref.SL, 1e-7, 0, "S_L of the averaged block");
  }, 60_000);

  it("are what the regime-III averages converge to (400 random log times in [1e5, 1e8])", async () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const times = Array.from({ length: 400 }, () => 10 ** (5 + 3 * rnd())).sort((a, b) => a - b);
    const { meta, rows } = await runCpu(p, times);
    const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
    // E_ν and N_ν are linear in C: their averages converge to C̄'s, and so does β* matched to them
    // (within their standard error: ~1e-4 relative for β*; μ* moves by δN_ν/(dN/dμ), ~3e-3 here)
    const levels = h.d.subarray(0, p.KL);
    const L = matchGrandCanonical(levels, mean((r) => r.EL), mean((r) => r.NL));
    const R = matchGrandCanonical(levels, mean((r) => r.ER), mean((r) => r.NR));
    expectAllClose([L.beta, R.beta], [meta.betaLinf, meta.betaRinf], 0, 5e-4, "β* of the averaged E_ν, N_ν");
    expectAllClose([L.mu, R.mu], [meta.muLinf, meta.muRinf], 5e-3, 0, "μ* of the averaged E_ν, N_ν");
    // the mean of β*(t) itself sits a little above (β* is a convex function of the fluctuating energy)
    expectAllClose([mean((r) => r.betaL), mean((r) => r.betaR)], [meta.betaLinf, meta.betaRinf], 0, 1e-2, "mean β*_ν(t)");
    // entropy is concave: S_ν of C̄ bounds the time average of S_ν(t) from above (it is not its limit)
    expect(mean((r) => r.SL)).toBeLessThan(meta.SLinf);
    expect(mean((r) => r.SR)).toBeLessThan(meta.SRinf);
    // and the Gibbs references are measurably elsewhere, beyond the statistical error
    expect(Math.abs(meta.betaLgg - meta.betaLinf)).toBeGreaterThan(1e-3);
  }, 60_000);
});
