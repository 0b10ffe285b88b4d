/** The CPU engine's memory need, checked before any work (SPEC §3: a problem too large for the device is bad input). */
import type { Problem } from "../../model/problem.ts";
import { DeviceLimitError } from "../../errors.ts";

/**
 * Bytes the CPU engine holds at its peak: the complex blocks C_LL, C_RR, their copies to the block
 * worker and the reduction's work space. Measured peak RSS: 158 MB at K = 1000, 201 MB at K = 1500
 * (≈ 17 B per (K_L² + K_R²) over a ~125 MB base) with two threads; taken here with a factor 3 of
 * margin, and once more for each further pair of `threads` (a pool keeps about one block per worker
 * in flight).
 */
export function cpuMemoryNeeded(p: Pick<Problem, "KL" | "KR">, threads = 2): number {
  return 125e6 + 48 * (p.KL * p.KL + p.KR * p.KR) * Math.max(1, Math.floor(threads / 2));
}

/**
 * What a run may use: 80 % of the machine's memory (of the container's limit where one is set); in a
 * page, of `navigator.deviceMemory` where the browser tells it, else no limit is known (Infinity).
 */
export async function cpuMemoryBudget(): Promise<number> {
  const proc = (globalThis as { process?: { versions?: { node?: string }; constrainedMemory?: () => number | undefined } }).process;
  if (proc?.versions?.node) {
    const { totalmem } = await import("node:os");
    const constrained = proc.constrainedMemory?.();
    return 0.8 * (constrained && constrained > 0 ? Math.min(constrained, totalmem()) : totalmem());
  }
  const gb = (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory;
  return gb ? 0.8 * gb * 1e9 : Infinity;
}

/** Throws DeviceLimitError when the problem needs more memory than `budget` bytes. */
export function checkCpuMemory(p: Pick<Problem, "KL" | "KR">, budget: number, threads?: number): void {
  const need = cpuMemoryNeeded(p, threads);
  if (need > budget) {
    const gb = (x: number) => (x / 1e9).toFixed(1);
    throw new DeviceLimitError(
      `K_L = ${p.KL}, K_R = ${p.KR} need about ${gb(need)} GB on the CPU engine; this machine allows ${gb(budget)} GB (80 % of its memory): use smaller baths or --engine webgpu`,
      need, budget,
    );
  }
}
