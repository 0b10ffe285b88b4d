/** The initial occupations C(0) = diag(n_d, n_L, n_R) of SPEC §1: thermal, seeded pure draw, or given. */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { Problem } from "./problem.ts";
import { bathLevels } from "./levels.ts";
import { fermi } from "../thermo/fermi.ts";

/** Fermi occupations f(β(ε−μ)) of one bath in its initial grand canonical state. */
export function thermalOccupations(K: number, W: number, beta: number, mu: number): Float64Array {
  const eps = bathLevels(K, W);
  return eps.map((e) => fermi(beta * (e - mu)));
}

/**
 * Length-N vector n with C(0) = diag(n). For `pure`, one u ~ U(0,1) is drawn per bath mode in index
 * order (L then R) from pure-rand's xoroshiro128+ seeded with `seed` (53-bit doubles), and the mode is
 * filled when u ≤ f: the same seed gives the same state on every platform.
 */
export function initialOccupations(p: Problem): Float64Array {
  const N = 1 + p.KL + p.KR;
  const n = new Float64Array(N);
  n[0] = p.nD;
  const init = p.initial;
  if (init.kind === "occupations") {
    n.set(init.occupations, 1);
    return n;
  }
  n.set(thermalOccupations(p.KL, p.W, p.betaL, p.muL), 1);
  n.set(thermalOccupations(p.KR, p.W, p.betaR, p.muR), 1 + p.KL);
  if (init.kind === "pure") {
    const rng = xoroshiro128plus(init.seed);
    for (let i = 1; i < N; i++) n[i] = uniformFloat64(rng) <= n[i] ? 1 : 0;
  }
  return n;
}
