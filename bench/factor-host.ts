/**
 * Host time and upload bytes per K = 1000 bath block of fast mode's f32 path (case a, Γ = 3), both
 * ways factor-former.ts has: the time's FactorVectors packed for form-factor.wgsl (the GPU forms B;
 * one time's vectors serve both of its blocks), and B formed on the host (bathFactor + f32 packing,
 * the fallback). `npx tsx bench/factor-host.ts [K]`; the first time of each is a warm-up.
 */
import { planTimes } from "../src/engine/run-plan.ts";
import { factorVectors } from "../src/propagation/correlation-blocks.ts";
import { type FactorBlock, packFactorsOnHost, packFactorVectors } from "../src/engine/webgpu/factor-former.ts";
import { caseA } from "../src/bench/workloads.ts";

const K = Number(process.argv[2] ?? 1000);
const m = K, D = 2 * K + 1;
const plan = planTimes(caseA(K, 3));
const times = [1e5, 15, 120, 2, 7e3];
const ms = (f: () => number) => {
  const t0 = performance.now();
  const bytes = f();
  return [performance.now() - t0, bytes];
};
let gpu = 0, host = 0, gpuBytes = 0, hostBytes = 0;
for (const [i, t] of times.entries()) {
  // both blocks of the time, as graded-entropies.ts makes them
  const blocksAt = () => {
    const v = factorVectors(plan.spectrum, t);
    return [[1, K], [1 + K, K]].map(([start, size]): FactorBlock => ({ e: plan.spectrum, v, start, K: size, n: plan.n0 }));
  };
  const [a, ab] = ms(() => {
    const p = packFactorVectors(blocksAt());
    return p.modes.byteLength + p.groupOf.byteLength + p.groups.byteLength + p.info.byteLength + 16;
  });
  const [b, bb] = ms(() => packFactorsOnHost(blocksAt(), m, D).byteLength);
  console.log(`t = ${t}: GPU forms B: ${(a / 2).toFixed(1)} ms, ${ab / 2} bytes a block; host forms B: ${(b / 2).toFixed(1)} ms, ${bb / 2} bytes a block`);
  if (i > 0) [gpu, host, gpuBytes, hostBytes] = [gpu + a / 2, host + b / 2, ab / 2, bb / 2];
}
const n = times.length - 1;
console.log(`K = ${K}, G = ${plan.spectrum.D.length}: per block, mean of ${n} times: GPU forms B: host ${(gpu / n).toFixed(1)} ms, upload ${gpuBytes} bytes; host forms B: ${(host / n).toFixed(1)} ms, upload ${hostBytes} bytes`);
