/**
 * Fast mode's bench commands (issue 11), no GPU needed:
 * - `graded-k<K>` (e.g. `graded-k1000`): the f32 emulation of the graded Rayleigh–Ritz
 *   (src/spectrum/graded-ritz.ts) on one bath block of each SPEC §2 configuration at size K, its S
 *   error against the f64 engine's block entropy, and plain f32 eigenvalues (refinement off) on the
 *   first; K = 1000 takes minutes a block in JS.
 * - `fast-counts`: f32 flops and bytes per K = 1000 (and K = 128) bath block of each mode, counted
 *   from the kernels' loops.
 */
import type { Problem } from "../src/model/problem.ts";
import { planTimes, blocksAt } from "../src/engine/run-plan.ts";
import { bathFactor } from "../src/propagation/correlation-blocks.ts";
import { blockEntropy } from "../src/observables/block-entropy.ts";
import { GRADED_DEFAULTS, gradedRitzEntropy } from "../src/spectrum/graded-ritz.ts";
import { caseA } from "../src/bench/workloads.ts";
import { PANEL_WIDTH, panelWidth, reductionFlops } from "../src/engine/webgpu/householder-panel.ts";

/** One block a configuration: thermal (a), pure, asymmetric, ε_d ≠ 0 (b), with the time it is taken at. */
const configs = (K: number): [string, Problem, number][] => [
  ["thermal, case a, Γ = 3, t = 1e5", caseA(K, 3), 1e5],
  ["thermal, case a, Γ = 100, t = 15", caseA(K, 100), 15],
  ["pure seed 5, Γ = 3, t = 1e3", { ...caseA(K, 3), initial: { kind: "pure", seed: 5 } }, 1e3],
  [`asymmetric K_R = ${Math.round(0.7 * K)}, Γ = (2, 5), t = 120`, { ...caseA(K, 3), KR: Math.round(0.7 * K), GammaL: 2, GammaR: 5 }, 120],
  ["ε_d = 0.4, n_d = 1, case b, t = 2", { ...caseA(K, 3), epsD: 0.4, nD: 1, muL: 0.5, muR: 0.5 }, 2],
];

export async function gradedEmulation(K: number): Promise<void> {
  console.log(`graded-k${K}: f32 emulation, θ = ${GRADED_DEFAULTS.theta}, τ = ${GRADED_DEFAULTS.tiny}; S_L against the f64 engine`);
  for (const [i, [label, p, t]] of configs(K).entries()) {
    const plan = planTimes(p);
    const b = blocksAt(plan, t);
    const want = blockEntropy(b.LL.re, b.LL.im, p.KL);
    const B = bathFactor(plan.spectrum, t, 1, p.KL);
    const t0 = performance.now();
    const { S, stats } = gradedRitzEntropy(B, p.KL, plan.n0);
    const s = ((performance.now() - t0) / 1000).toFixed(0);
    console.log(`graded-k${K}: ${label}: S_L ${want.toFixed(6)}, error ${(S - want).toExponential(2)}; groups ${stats.low}/${stats.middle}/${stats.high}, tiny blocks ${stats.tinyLow} + ${stats.tinyHigh} (${s} s)`);
    if (i === 0) {
      const plain = gradedRitzEntropy(B, p.KL, plan.n0, { theta: 0 }).S;
      console.log(`graded-k${K}: ${label}: refinement off (plain f32 Householder + QL values of C): error ${(plain - want).toExponential(2)}`);
    }
  }
}

/**
 * f32 flops and bytes a block, per stage, of fast mode (graded-ritz-gpu.ts) and accurate mode (df64),
 * counted from the kernels' loops; QL's rotations and the tiny blocks' sizes are data-dependent: the
 * worst of the SPEC cases at K = 1000 (`npx tsx bench/ql-sweeps.ts --K 1000`, and `graded-k1000`).
 * The tiny blocks are taken at lo = hi = 0.4 m each, the pessimistic size (pure states reach
 * lo + hi ≈ 0.8 m; thermal blocks ~0.3 m at K = 1000): the ranged products (Gc, M, H) run on them
 * alone, counted as the kernel does them, in whole 64 × 64 tiles of the output (depth exact).
 */
export function fastCounts(): void {
  const G = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(1)} G` : `${(x / 1e6).toFixed(1)} M`);
  for (const K of [128, 1000]) {
    const m = K, D = 2 * K + 1;
    // per complex multiply–add 8 flops; a GEMM moves its operands once and its result once (at best)
    const gemm = (r: number, c: number, d: number) => ({ flops: 8 * r * c * d, bytes: 8 * (r * d + d * c + r * c) });
    const twice = (x: { flops: number; bytes: number }) => ({ flops: 2 * x.flops, bytes: 2 * x.bytes });
    // QL: 0.77 m² rotations on the thermal case (a) Γ = 3 block, 0.04–0.11 m² on the others; 8 flops and 8 bytes a row element each
    const rotations = 0.77 * m * m;
    // tiny blocks (values within 1e−3 of 0 or 1): pessimistically 0.4 m each; the ranged products'
    // outputs cover whole 64 × 64 tiles: the leading block's from row 0, the trailing one's to row m
    const tiny = Math.round(0.4 * m);
    const tile = 64;
    const lead = Math.ceil(tiny / tile) * tile;
    const trail = Math.ceil(m / tile) * tile - Math.floor((m - tiny) / tile) * tile;
    // a Hermitian product sums the nt(nt + 1)/2 tiles on or below the diagonal of its nt × nt tiles
    const hermitian = (r: number, x: { flops: number; bytes: number }) => {
      const nt = Math.ceil(r / tile);
      return { flops: (x.flops * (nt + 1)) / (2 * nt), bytes: x.bytes };
    };
    const ranged = (d: (r: number) => number, herm = true) => [lead, trail].reduce((a, r) => {
      const x = herm ? hermitian(r, gemm(r, r, d(r))) : gemm(r, r, d(r));
      return { flops: a.flops + x.flops, bytes: a.bytes + x.bytes };
    }, { flops: 0, bytes: 0 });
    const stages: [string, { flops: number; bytes: number }][] = [
      ["B formed on the GPU (form-factor.wgsl, ~15 df64 operations an entry ≈ 200 f32)", { flops: 200 * m * D, bytes: 8 * m * D }],
      ["C = B·diag(n)·B† (Hermitian: the tiles on and below the diagonal)", hermitian(m, gemm(m, m, D))],
      // panels of P steps (householder-f32.wgsl): the trailing block read every step, written every P-th
      [`Householder reduction, reflectors kept (panels of ${panelWidth(m, PANEL_WIDTH)})`, { flops: reductionFlops(m, PANEL_WIDTH), bytes: ((1 + 1 / panelWidth(m, PANEL_WIDTH)) * 8 * m ** 3) / 3 }],
      // Z read and written once a pass of 16 sweeps (ql-rotations.wgsl's wavefront; bench/ql-sweeps.ts counts 425 MB on that block)
      [`implicit QL with vectors, ${(rotations / (m * m)).toFixed(2)} m² rotations, applied 16 sweeps a pass from a log`, { flops: 8 * m * rotations, bytes: (8 * m * rotations) / 16 + 8 * rotations }],
      ["V = Q·D·Z, 16 reflectors a pass (compact WY)", { flops: 8 * m ** 3, bytes: (12 * m ** 3) / 16 }],
      ["P = V†·B", gemm(m, D, m)],
      [`Gc on the tiny blocks only (ranged, Hermitian): P·diag(n)·P† on [0, lo), P·diag(1 − n)·P† on [m − hi, m), lo = hi = ${tiny} (${lead} and ${trail} rows of tiles)`, ranged(() => D)],
      ["M = V†·V on the tiny blocks only (ranged, Hermitian)", ranged(() => m)],
      ["H = T̃·Gc·T̃† on the tiny blocks only (ranged, inner index too; the second product Hermitian)", { flops: ranged(() => tiny, false).flops + ranged(() => tiny).flops, bytes: twice(ranged(() => tiny)).bytes }],
      ["H's diagonal from |P_ik|²·n_k, |P_ik|²·(1 − n_k), |V_ki|² (ritz-diagonal.wgsl: 15 flops a term of P, 7 of V)", { flops: 15 * m * D + 7 * m * m, bytes: 8 * m * D + 8 * m * m + 8 * D }],
      [`two tiny blocks of ~${tiny}: Householder + df64 bisection`, { flops: 2 * reductionFlops(tiny, PANEL_WIDTH) + 2 * 52 * tiny * tiny * 40, bytes: (2 * (1 + 1 / panelWidth(tiny, PANEL_WIDTH)) * 8 * tiny ** 3) / 3 }],
    ];
    const total = stages.reduce((a, [, x]) => ({ flops: a.flops + x.flops, bytes: a.bytes + x.bytes }), { flops: 0, bytes: 0 });
    console.log(`fast-counts: K = ${K}: fast mode (f32 graded Rayleigh–Ritz), a block (m = ${m}, N = ${D}):`);
    for (const [name, x] of stages) console.log(`fast-counts:   ${name}: ${G(x.flops)}flop, ${G(x.bytes)}B`);
    // a time's vectors: N − 1 modes of 20 bytes and G ≤ N − 1 groups of 64 (form-factor.wgsl), for its two blocks
    console.log(`fast-counts:   total ${G(total.flops)}flop f32, ${G(total.bytes)}B; host → GPU: ≤ ${((84 * (D - 1)) / 2 / 1e3).toFixed(0)} kB of vectors a block (host: O(N·G) a time), from which the GPU forms B`);
    // accurate: 24 flops an element a step in df64 (8m³), one df64 operation 10–20 f32 operations
    // (TwoSum, TwoProduct by fma or Dekker); the fused kernel reads the trailing block (16 bytes an
    // entry) every step and writes it once a panel of P steps (householder-tridiagonal.wgsl)
    const P = panelWidth(m, PANEL_WIDTH);
    const house = reductionFlops(m, PANEL_WIDTH);
    const houseBytes = ((1 + 1 / P) * 16 * m ** 3) / 3;
    console.log(`fast-counts: K = ${K}: accurate mode (df64), a block: Householder ${G(house)}flop df64 (≈ ${G(10 * house)}–${G(20 * house)}flop f32), ` +
      `${G(houseBytes)}B streamed (panels of ${P}; ${G((32 * m ** 3) / 3)}B unblocked); forming the block ~25 df64 operations an entry; bisection O(K²)`);
    console.log(`fast-counts: K = ${K}: fast/accurate: flops ≈ ${(total.flops / (20 * house)).toFixed(2)}–${(total.flops / (10 * house)).toFixed(2)}, bytes ≈ ${(total.bytes / houseBytes).toFixed(2)}`);
  }
}
