/** Explicit eigenvector matrix of an arrowhead spectrum: O(N²) memory, for tests and small problems only. */
import { type ArrowheadEigen, gapToPole } from "./arrowhead.ts";

/**
 * Returns the N eigenpairs (not sorted): `vectors[n]` is the eigenvector (length N, dot first) of
 * `values[n]`. Decoupled vectors of a group are the columns 2..s of the Householder reflector that
 * maps e_1 onto the group's coupled direction u, hence orthonormal and orthogonal to u.
 */
export function denseEigenpairs(e: ArrowheadEigen): { values: number[]; vectors: Float64Array[] } {
  const N = e.N;
  const values: number[] = [];
  const vectors: Float64Array[] = [];
  for (let n = 0; n < e.lambda.length; n++) {
    const v = new Float64Array(N);
    const s = Math.sqrt(e.s2[n]);
    v[0] = s;
    for (let k = 0; k < e.d.length; k++) {
      const g = e.group[k];
      if (g >= 0) v[k + 1] = (s * e.Zhat[g] * e.u[k]) / gapToPole(e, n, g);
    }
    values.push(e.lambda[n]);
    vectors.push(v);
  }
  const members = new Map<number, number[]>();
  for (let k = 0; k < e.d.length; k++) {
    const g = e.group[k];
    if (g < 0) {
      const v = new Float64Array(N);
      v[k + 1] = 1;
      values.push(e.d[k]);
      vectors.push(v);
    } else {
      if (!members.has(g)) members.set(g, []);
      members.get(g)!.push(k);
    }
  }
  for (const [g, ks] of members) {
    const s = ks.length;
    if (s < 2) continue;
    // reflector H = I − 2 r rᵀ with H e_1 = u (within the group)
    const r = ks.map((k, i) => (i === 0 ? 1 : 0) - e.u[k]);
    const rn = Math.hypot(...r);
    for (let i = 0; i < s; i++) r[i] = rn > 0 ? r[i] / rn : 0;
    for (let col = 1; col < s; col++) {
      const v = new Float64Array(N);
      for (let i = 0; i < s; i++) v[ks[i] + 1] = (i === col ? 1 : 0) - 2 * r[i] * r[col];
      values.push(e.D[g]);
      vectors.push(v);
    }
  }
  return { values, vectors };
}
