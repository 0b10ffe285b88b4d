/**
 * The global grand canonical reference π ∝ exp[−β(ℋ − μN)] of Appendix B, matched to the conserved
 * ⟨ℋ⟩ and ⟨N⟩ (and the bare-energy variant), and the β*, μ* of the baths inside it. All from the
 * structured arrowhead spectrum: C^π = V f(β(Λ−μ)) Vᵀ is never formed, only its bath diagonal.
 */
import type { Arrowhead } from "../model/hamiltonian.ts";
import { type ArrowheadEigen, gapToPole } from "../spectrum/arrowhead.ts";
import { type GrandCanonical, matchGrandCanonical, matchedOccupations } from "./beta-star.ts";
import { type BathThermo, bathThermo } from "./bath-thermo.ts";

export interface GlobalReference {
  ref: GrandCanonical;
  refBare: GrandCanonical;
  L: BathThermo;
  R: BathThermo;
}

/**
 * Every eigenvalue once, in a fixed layout: the G+1 coupled ones, then for each bath mode k its
 * decoupled eigenvalue (D_g for all but the first member of a group, d_k when uncoupled).
 * `slot[k]` is the index of mode k's decoupled eigenvalue, or −1 for a group's first member.
 */
function eigenvalueLayout(e: ArrowheadEigen) {
  const values: number[] = Array.from(e.lambda);
  const bare: number[] = [];
  for (let n = 0; n < e.lambda.length; n++) {
    let s = 0;
    for (let g = 0; g < e.D.length; g++) s += (e.D[g] * e.Zhat[g] ** 2) / gapToPole(e, n, g) ** 2;
    bare.push(e.s2[n] * (e.alpha + s));
  }
  const slot = new Int32Array(e.d.length).fill(-1);
  const firstOf = new Int32Array(e.D.length).fill(-1);
  for (let k = 0; k < e.d.length; k++) {
    const g = e.group[k];
    if (g >= 0 && firstOf[g] < 0) {
      firstOf[g] = k;
      continue;
    }
    slot[k] = values.length;
    values.push(g >= 0 ? e.D[g] : e.d[k]);
    bare.push(g >= 0 ? e.D[g] : e.d[k]);
  }
  return { values, bare, slot };
}

export function globalReference(h: Arrowhead, e: ArrowheadEigen, E0: number, N0: number, KL: number): GlobalReference {
  const { values, bare, slot } = eigenvalueLayout(e);
  const ref = matchGrandCanonical(values, E0, N0);
  const refBare = matchGrandCanonical(values, E0, N0, bare);
  const f = matchedOccupations(values, ref, N0);
  const m = e.d.length;
  const bathDiag = new Float64Array(m);
  // decoupled occupation of group g: any non-first member's slot (all hold D_g)
  const decoupledOcc = new Float64Array(e.D.length);
  for (let k = 0; k < m; k++) if (e.group[k] >= 0 && slot[k] >= 0) decoupledOcc[e.group[k]] = f[slot[k]];
  for (let k = 0; k < m; k++) {
    const g = e.group[k];
    if (g < 0) {
      bathDiag[k] = f[slot[k]];
      continue;
    }
    let s = 0;
    for (let n = 0; n < e.lambda.length; n++) s += (f[n] * e.s2[n]) / gapToPole(e, n, g) ** 2;
    const u2 = e.u[k] ** 2;
    bathDiag[k] = s * e.Zhat[g] ** 2 * u2 + decoupledOcc[g] * (1 - u2);
  }
  return {
    ref, refBare,
    L: bathThermo(h.d.subarray(0, KL), bathDiag.subarray(0, KL)),
    R: bathThermo(h.d.subarray(KL), bathDiag.subarray(KL)),
  };
}
