/**
 * `npx tsx bench/ql-sweeps.ts [--K 1000] [--vectors 256] [--window 16]`: what shaders/tridiagonal-ql.wgsl costs on
 * fast mode's bath blocks, by running its recurrences on the CPU in f32 (Math.fround on every
 * operation, the kernel's order). Per block (bench/fast-mode.ts's configurations at size K): the
 * tridiagonal T of C_LL (f64 Householder, rounded to f32), QL's sweeps, rotations (in units of m²),
 * most sweeps on one eigenvalue, and the flops of the kernel's Z updates (8 a row element a rotation).
 * Z traffic of the rotations: the in-kernel loop (4 bytes read and 4 written a row element a rotation,
 * plus a sweep's first and last column) against shaders/ql-rotations.wgsl's (the sweeps logged in
 * chunks of ⌈m²/4⌉ entries as tridiagonal-ql.wgsl fills them, each chunk applied `--window` sweeps a pass over
 * the columns lo … hi those sweeps span), and the log's size and reads (each workgroup of 64 rows reads
 * its chunk once).
 * Up to size `--vectors` it also rotates Z as the kernel does and prints max |ZᵀZ − I|,
 * max ‖Tz − λz‖/‖T‖ and max |λ − λ_f64|/‖T‖ (f64 products and f64 QL).
 */
import { parseArgs } from "node:util";
import type { Problem } from "../src/model/problem.ts";
import { planTimes, blocksAt } from "../src/engine/run-plan.ts";
import { tridiagonalEigenvalues, tridiagonalize } from "../src/spectrum/hermitian-eigenvalues.ts";
import { caseA } from "../src/bench/workloads.ts";
import { f32Matrix, f32QL } from "../src/spectrum/f32-emulation.ts";

/** The kernel's QL on (d, e) (e_j = T_{j+1,j}): f32QL's; with `vectors`, Zt (row k = eigenvector k, normalized as the kernel does). */
export function emulateQL(d0: ArrayLike<number>, e0: ArrayLike<number>, vectors: boolean, maxIter = 30) {
  const m = d0.length;
  const values = Float32Array.from(d0);
  const Q = vectors ? f32Matrix(m, m) : undefined;
  if (Q) for (let i = 0; i < m; i++) Q.re[i * m + i] = 1;
  const stats = f32QL(values, e0, Q, maxIter);
  const Zt = Q ? Float32Array.from({ length: m * m }, (_, at) => Q.re[(at % m) * m + Math.floor(at / m)]) : undefined;
  return { values, Zt, ...stats };
}

/** Bytes of Z the rotations move, in place and logged (chunks of `capacity` entries, W sweeps a pass), and the log's entries and reads. */
export function zTraffic(spans: readonly [number, number, number][], m: number, capacity = Math.max(m + 2, Math.ceil((m * m) / 4)), W = 16, rows = 64) {
  let inPlace = 0;
  for (const [, n, lo] of spans) inPlace += 4 * m * (2 * (n - lo) + 2);
  let logged = 0, entries = 0, logReads = 0, chunks = 0;
  const flush = (chunk: [number, number][], used: number) => {
    for (let g = 0; g < chunk.length; g += W) {
      const group = chunk.slice(g, g + W);
      logged += 8 * m * (Math.max(...group.map((x) => x[1])) - Math.min(...group.map((x) => x[0])) + 1);
    }
    entries += used + 1;
    logReads += 8 * (used + 1) * Math.ceil(m / rows);
    chunks++;
  };
  let chunk: [number, number][] = [];
  let pos = 0;
  for (const [l, n, lo] of spans) {
    if (pos + n - l + 2 > capacity) {
      flush(chunk, pos);
      chunk = [];
      pos = 0;
    }
    chunk.push([lo, n]);
    pos += 1 + n - lo;
  }
  if (chunk.length) flush(chunk, pos);
  return { inPlace, logged, logBytes: 8 * capacity, logWritten: 8 * entries, logReads, chunks };
}

function errors(d: Float32Array, e: Float32Array, values: Float32Array, Zt: Float32Array) {
  const m = d.length;
  const norm = d.reduce((mx, x, j) => Math.max(mx, Math.abs(x) + Math.abs(e[j]) + (j > 0 ? Math.abs(e[j - 1]) : 0)), 0);
  let orth = 0, residual = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += Zt[i * m + r] * Zt[j * m + r];
      orth = Math.max(orth, Math.abs(s - (i === j ? 1 : 0)));
    }
    let s2 = 0;
    for (let r = 0; r < m; r++) {
      const tz = d[r] * Zt[i * m + r] + (r > 0 ? e[r - 1] * Zt[i * m + r - 1] : 0) + (r + 1 < m ? e[r] * Zt[i * m + r + 1] : 0);
      s2 += (tz - values[i] * Zt[i * m + r]) ** 2;
    }
    residual = Math.max(residual, Math.sqrt(s2) / norm);
  }
  const exact = tridiagonalEigenvalues(Float64Array.from(d), Float64Array.from({ length: m }, (_, i) => (i > 0 ? e[i - 1] : 0)));
  const sorted = Float64Array.from(values).sort();
  const valueError = exact.reduce((mx, x, k) => Math.max(mx, Math.abs(x - sorted[k])), 0) / norm;
  return { orth, residual, valueError };
}

const { values: args } = parseArgs({ options: { K: { type: "string", default: "1000" }, vectors: { type: "string", default: "256" }, window: { type: "string", default: "16" } } });
const K = Number(args.K);
const configs: [string, Problem, number][] = [
  ["thermal, case a, Γ = 3, t = 1e5", caseA(K, 3), 1e5],
  ["thermal, case a, Γ = 100, t = 15", caseA(K, 100), 15],
  ["pure seed 5, Γ = 3, t = 1e3", { ...caseA(K, 3), initial: { kind: "pure", seed: 5 } }, 1e3],
  ["ε_d = 0.4, n_d = 1, case b, t = 2", { ...caseA(K, 3), epsD: 0.4, nD: 1, muL: 0.5, muR: 0.5 }, 2],
];
for (const [label, p, t] of configs) {
  const C = blocksAt(planTimes(p), t).LL;
  const diag = new Float64Array(K);
  const off = new Float64Array(K);
  tridiagonalize(C.re, C.im, K, diag, off);
  const d = Float32Array.from(diag);
  const e = Float32Array.from({ length: K }, (_, j) => (j + 1 < K ? off[j + 1] : 0));
  const t0 = performance.now();
  const withVectors = K <= Number(args.vectors);
  const q = emulateQL(d, e, withVectors);
  const near = Array.from(q.values).filter((x) => x < 1e-7 || x > 1 - 1e-7).length;
  let line = `K = ${K}, ${label}: ${near} values within 1e−7 of 0 or 1; sweeps ${q.sweeps} (${(q.sweeps / K).toFixed(2)} m), rotations ${q.rotations} `
    + `(${(q.rotations / K / K).toFixed(3)} m²), most sweeps on one value ${q.most}${q.failed ? " (FAILED)" : ""}, Z flops ${(8 * K * q.rotations / 1e9).toFixed(2)} G`;
  const z = zTraffic(q.spans, K, undefined, Number(args.window));
  line += `; Z traffic in place ${(z.inPlace / 1e9).toFixed(2)} GB, logged ${(z.logged / 1e6).toFixed(0)} MB (${(z.inPlace / z.logged).toFixed(1)}×), `
    + `log ${z.chunks} chunks of ${(z.logBytes / 1e6).toFixed(1)} MB, ${(z.logWritten / 1e6).toFixed(1)} MB written, ${(z.logReads / 1e6).toFixed(0)} MB read`;
  if (q.Zt) {
    const err = errors(d, e, q.values, q.Zt);
    line += `; |ZᵀZ − I| ${err.orth.toExponential(1)}, ‖Tz − λz‖/‖T‖ ${err.residual.toExponential(1)}, |λ − λ64|/‖T‖ ${err.valueError.toExponential(1)}`;
  }
  console.log(`${line} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
