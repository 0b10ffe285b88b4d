/** Eigenpairs of a small dense real symmetric matrix by cyclic Jacobi rotations (clusters of a few eigenvectors). */

/**
 * @param m the matrix, row-major r×r, symmetric (not modified).
 * @returns `values[j]` and `vectors[i * r + j]` (component i of eigenvector j), unsorted.
 *
 * @example
 * smallSymmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values; // [1, 3] (in some order)
 */
export function smallSymmetricEigen(m: Float64Array, r: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(r * r);
  for (let i = 0; i < r; i++) v[i * r + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let norm = 0;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < r; j++) {
        norm += a[i * r + j] ** 2;
        if (i !== j) off += a[i * r + j] ** 2;
      }
    }
    if (off <= (Number.EPSILON * Number.EPSILON) * norm || off === 0) break;
    for (let p = 0; p < r - 1; p++) {
      for (let q = p + 1; q < r; q++) {
        const apq = a[p * r + q];
        if (apq === 0) continue;
        // the rotation that zeroes A_pq (Golub & Van Loan, Alg. 8.5.1)
        const tau = (a[q * r + q] - a[p * r + p]) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < r; k++) {
          const akp = a[k * r + p];
          const akq = a[k * r + q];
          a[k * r + p] = c * akp - s * akq;
          a[k * r + q] = s * akp + c * akq;
        }
        for (let k = 0; k < r; k++) {
          const apk = a[p * r + k];
          const aqk = a[q * r + k];
          a[p * r + k] = c * apk - s * aqk;
          a[q * r + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < r; k++) {
          const vkp = v[k * r + p];
          const vkq = v[k * r + q];
          v[k * r + p] = c * vkp - s * vkq;
          v[k * r + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(r);
  for (let i = 0; i < r; i++) values[i] = a[i * r + i];
  return { values, vectors: v };
}
