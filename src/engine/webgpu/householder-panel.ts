/** The panels of the fused Householder kernels (shaders/householder-tridiagonal.wgsl in df64, householder-f32.wgsl in f32, the same steps): their width, the scratch they take, the arithmetic they do. */

/**
 * The fused kernel's widest panel: the trailing block is written once per this many steps and only
 * read in between (reads + writes per element and step (NB + 1)/NB instead of 2; the pending updates
 * add O(n·NB) vector work a step).
 */
export const PANEL_WIDTH = 16;

/** householder-tridiagonal.wgsl's panel width of an n×n block: at most NB, and ⌊n/2⌋ − 1 (≥ 1). */
export const panelWidth = (n: number, NB: number) => Math.min(NB, Math.max(1, Math.floor(n / 2) - 1));

/** Scratch vectors per block of the fused kernel at padded size m: P(m) + 1 pairs (u, w). */
export const panelVectors = (m: number, NB: number) => 2 * (panelWidth(m, NB) + 1);

/**
 * Flops (8 a complex multiply–add) of the fused kernel on an n×n block with widest panel NB, as
 * householder-tridiagonal.wgsl does them: step j with L pending pairs and t = n − 1 − j trailing
 * rows does 2L(t + 1) for row j, then either t² (A u_j) + 4L·t (the 2L dots and the corrections of
 * p_j) or, where the panel is full, (2L + 1)·t² (its updates applied, then A u_j).
 */
export function reductionFlops(n: number, NB: number): number {
  const P = panelWidth(n, NB);
  let madds = 0;
  for (let j = 0, s = 0; j < n; j++) {
    const L = j - s;
    const t = n - 1 - j;
    madds += 2 * L * (t + 1) + (L === P ? (2 * L + 1) * t * t : t * t + 4 * L * t);
    if (L === P) s = j;
  }
  return 8 * madds;
}
