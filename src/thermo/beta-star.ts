/**
 * β*, μ* of eqs. (5)–(6): the grand canonical state over given levels with a given mean energy and
 * particle number. Written as nested 1-D monotone problems in (β, α = βμ): for fixed β, N(α) rises;
 * along N = const, E(β) falls (dE/dβ = −Var_w(ε) with w = f(1−f)). This is the gradient of the strictly
 * convex log Z(β, α) + βE − αN, solved with bracketed Newton steps, so it cannot diverge; extremal
 * states (empty, full, ground or highest state at their particle number) return β* = ±∞ at once.
 */
import { fermi } from "./fermi.ts";

const EPS = Number.EPSILON;

export interface GrandCanonical {
  /** inverse temperature; ±∞ for a ground / highest state, NaN when undefined (empty or full) */
  beta: number;
  /** chemical potential; ±∞ for an empty / full set of levels, NaN at β = 0 (only α is defined there) */
  mu: number;
  /**
   * α = βμ, what the occupations f(βε − α) depend on. Finite wherever β is, β = 0 included (the
   * infinite-temperature state with N particles has α = logit(N/K)); ±∞ or NaN where β is not.
   */
  alpha: number;
}

/**
 * Solve Σ_k f(β(ε_k − μ)) = N and Σ_k e_k f(β(ε_k − μ)) = E, with e = ε unless `energyWeights`
 * is given (the bare-energy variant of the global reference, where e_n ≠ ε_n).
 * @param levels ε_k, any order.
 */
export function matchGrandCanonical(
  levels: ArrayLike<number>, E: number, N: number, energyWeights?: ArrayLike<number>,
): GrandCanonical {
  const eps = Float64Array.from(levels);
  const ew = energyWeights ? Float64Array.from(energyWeights) : eps;
  const K = eps.length;
  const tolN = 64 * EPS * K;
  if (!(N > tolN)) return { beta: NaN, mu: -Infinity, alpha: -Infinity };
  if (!(N < K - tolN)) return { beta: NaN, mu: Infinity, alpha: Infinity };
  if (!energyWeights) {
    const edge = extremal(eps, E, N);
    if (edge) return edge;
  }
  const energyAt = (beta: number) => {
    const alpha = solveAlpha(eps, beta, N);
    let e = 0;
    let w = 0;
    let we = 0;
    let wl = 0;
    let wel = 0;
    for (let k = 0; k < K; k++) {
      const f = fermi(beta * eps[k] - alpha);
      const g = f * (1 - f);
      e += ew[k] * f;
      w += g;
      we += g * ew[k];
      wl += g * eps[k];
      wel += g * ew[k] * eps[k];
    }
    // dE/dβ along N = const: −Σ g e (ε − ⟨ε⟩_g)
    const slope = w > 0 ? -(wel - (we * wl) / w) : 0;
    return { alpha, e: e - E, slope };
  };
  const scale = Math.max(Math.abs(E), 1) * EPS * 64;
  let lo = 0;
  let hi = 0;
  let at = energyAt(0);
  if (Math.abs(at.e) <= scale) return finish(0, at.alpha);
  // E(β) falls: E(0) above target → β > 0
  const dir = at.e > 0 ? 1 : -1;
  let step = 1;
  for (;;) {
    const b = dir * step;
    const r = energyAt(b);
    if (r.e * dir <= 0) {
      if (dir > 0) hi = b;
      else lo = b;
      break;
    }
    if (dir > 0) lo = b;
    else hi = b;
    step *= 4;
    if (step > 1e300) return { beta: dir * Infinity, mu: NaN, alpha: NaN };
  }
  let beta = 0.5 * (lo + hi);
  for (let iter = 0; iter < 300; iter++) {
    at = energyAt(beta);
    if (at.e === 0 || Math.abs(at.e) <= scale * 1e-3) break;
    if (at.e > 0) lo = beta;
    else hi = beta;
    let next = at.slope < 0 ? beta - at.e / at.slope : NaN;
    if (!(next > lo && next < hi)) {
      next = lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : hi < 0 && lo / hi > 4 ? -Math.sqrt(lo * hi) : 0.5 * (lo + hi);
    }
    if (Math.abs(next - beta) <= 4 * EPS * Math.abs(next) || hi - lo <= 4 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) {
      beta = next;
      at = energyAt(beta);
      break;
    }
    beta = next;
  }
  return finish(beta, at.alpha);
}

/** μ = α/β, undefined (NaN) at β = 0, where α alone fixes the state. */
function finish(beta: number, alpha: number): GrandCanonical {
  return { beta, mu: beta === 0 ? NaN : alpha / beta, alpha };
}

/** Σ_k f(β ε_k − α) = N for α: monotone, bracketed Newton. */
export function solveAlpha(eps: Float64Array, beta: number, N: number): number {
  const K = eps.length;
  const nu = N / K;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    min = Math.min(min, beta * eps[k]);
    max = Math.max(max, beta * eps[k]);
  }
  // every f ≥ f(max − α) and ≤ f(min − α): α in [min + logit ν, max + logit ν]
  const logit = Math.log(nu) - Math.log1p(-nu);
  let lo = min + logit - 1;
  let hi = max + logit + 1;
  let alpha = 0.5 * (lo + hi);
  for (let iter = 0; iter < 300; iter++) {
    let n = 0;
    let dn = 0;
    for (let k = 0; k < K; k++) {
      const f = fermi(beta * eps[k] - alpha);
      n += f;
      dn += f * (1 - f);
    }
    const r = n - N;
    if (r === 0) break;
    if (r > 0) hi = alpha;
    else lo = alpha;
    let next = dn > 0 ? alpha - r / dn : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - alpha) <= 2 * EPS * Math.max(Math.abs(next), 1) || hi - lo <= 2 * EPS * Math.max(Math.abs(hi), 1)) {
      alpha = next;
      break;
    }
    alpha = next;
  }
  return alpha;
}

/** β* = ±∞ when E sits at the lowest (highest) energy reachable with N particles. */
function extremal(eps: Float64Array, E: number, N: number): GrandCanonical | null {
  const sorted = Float64Array.from(eps).sort();
  const K = sorted.length;
  const full = Math.floor(N + 64 * EPS * K);
  const frac = Math.max(N - full, 0);
  let absSum = 0;
  for (const e of sorted) absSum += Math.abs(e);
  const tolE = 256 * EPS * Math.max(absSum, 1);
  let eMin = 0;
  let eMax = 0;
  for (let k = 0; k < full; k++) {
    eMin += sorted[k];
    eMax += sorted[K - 1 - k];
  }
  if (full < K) {
    eMin += frac * sorted[full];
    eMax += frac * sorted[K - 1 - full];
  }
  const fermiLevel = (s: Float64Array, i: number) =>
    frac > 64 * EPS * K ? s[i] : 0.5 * (s[i - 1] + s[i]);
  if (E <= eMin + tolE) return { beta: Infinity, mu: fermiLevel(sorted, full), alpha: NaN };
  if (E >= eMax - tolE) {
    const desc = Float64Array.from(sorted).reverse();
    return { beta: -Infinity, mu: fermiLevel(desc, full), alpha: NaN };
  }
  return null;
}

/**
 * Occupations f(β*(ε − μ*)) of a matched state with N particles, the β* = ±∞ limits taken exactly
 * (a level sitting at μ* then holds the fractional remainder of N).
 */
export function matchedOccupations(levels: ArrayLike<number>, gc: GrandCanonical, N: number): Float64Array {
  const out = new Float64Array(levels.length);
  const { beta, mu, alpha } = gc;
  if (Number.isFinite(beta)) {
    // βε − α, not β(ε − μ): continuous through β = 0, where μ is undefined
    for (let k = 0; k < levels.length; k++) out[k] = fermi(beta * levels[k] - alpha);
    return out;
  }
  if (Number.isNaN(beta)) return out.fill(mu > 0 ? 1 : 0);
  let filled = 0;
  const atMu: number[] = [];
  for (let k = 0; k < levels.length; k++) {
    const x = levels[k] - mu;
    if (x === 0) atMu.push(k);
    else if ((beta > 0) === (x < 0)) {
      out[k] = 1;
      filled++;
    }
  }
  for (const k of atMu) out[k] = Math.min(Math.max((N - filled) / atMu.length, 0), 1);
  return out;
}
