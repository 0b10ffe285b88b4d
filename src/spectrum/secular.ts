/**
 * Roots of the secular function F(x) = ρ·x + c − Σ_i w_i/(x − p_i) (p ascending and distinct, w > 0):
 * the eigenvalue equation of an arrowhead matrix (ρ = 1, c = −α) and of a Hermitian matrix with one
 * row and column removed (ρ = 0, c = 0). F increases from −∞ to +∞ between consecutive poles.
 */

const EPS = Number.EPSILON;

/** A root x = p[origin] + tau, kept in this split form so that x − p_i is accurate near poles. */
export interface SecularRoot {
  origin: number;
  tau: number;
}

/**
 * The root in interval `j`: (p_j, p_{j+1}) for 0 ≤ j < P−1; j = −1 is below p_0 and j = P−1 above
 * p_{P−1} (both only for ρ > 0, with `radius` bounding |x − p_edge|). The root is taken relative to
 * the nearer pole and found by Newton on τ·F (smooth at the origin pole) inside a bisection bracket.
 */
export function secularRoot(
  p: Float64Array, w: Float64Array, rho: number, c: number, j: number, radius = 0,
): SecularRoot {
  const P = p.length;
  let origin: number;
  let lo: number;
  let hi: number;
  if (j < 0) {
    origin = 0;
    lo = Math.min(-c / rho - p[0], 0) - radius * (1 + 4 * EPS) - Number.MIN_VALUE;
    hi = 0;
  } else if (j >= P - 1) {
    origin = P - 1;
    lo = 0;
    hi = Math.max(-c / rho - p[P - 1], 0) + radius * (1 + 4 * EPS) + Number.MIN_VALUE;
  } else {
    const gap = p[j + 1] - p[j];
    const mid = gap / 2;
    const fMid = evaluate(p, w, rho, c, j, mid).f;
    if (fMid >= 0) {
      origin = j;
      lo = 0;
      hi = mid;
    } else {
      origin = j + 1;
      lo = -mid;
      hi = 0;
    }
    // start from the root of the two-pole model R − w_j/δ + w_{j+1}/(gap − δ) (δ = x − p_j, the
    // other poles frozen into R at the midpoint): Newton then needs ~2 steps fewer
    const delta = twoPoleRoot(fMid + w[j] / mid - w[j + 1] / (gap - mid), w[j], w[j + 1], gap);
    const start = origin === j ? delta : delta - gap;
    if (start > lo && start < hi) {
      return newton(p, w, rho, c, origin, start, lo, hi);
    }
  }
  return newton(p, w, rho, c, origin, lo === 0 ? hi / 2 : hi === 0 ? lo / 2 : (lo + hi) / 2, lo, hi);
}

/** The root in (0, gap) of R δ² − (R·gap + a + b) δ + a·gap = 0, i.e. of R − a/δ + b/(gap − δ) (a, b > 0). */
function twoPoleRoot(R: number, a: number, b: number, gap: number): number {
  const B = R * gap + a + b;
  if (R === 0) return (a * gap) / (a + b);
  const q = (B + Math.sign(B) * Math.sqrt(Math.max(0, B * B - 4 * R * a * gap))) / 2;
  const r1 = q / R;
  const r2 = (a * gap) / q;
  return r1 > 0 && r1 < gap ? r1 : r2;
}

/** Newton on τ·F inside the bisection bracket (lo, hi), from τ. */
function newton(p: Float64Array, w: Float64Array, rho: number, c: number, origin: number, tau: number, lo: number, hi: number): SecularRoot {
  for (let iter = 0; iter < 200; iter++) {
    const { f, phi, dphi } = evaluate(p, w, rho, c, origin, tau);
    if (f === 0 || phi === 0) break;
    if (f > 0) hi = tau;
    else lo = tau;
    let next = tau - phi / dphi;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (next === tau || Math.abs(next - tau) <= 2 * EPS * Math.abs(next)) {
      tau = next;
      break;
    }
    tau = next;
    if (hi - lo <= 2 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) break;
  }
  return { origin, tau };
}

/** F, φ = τ·F and φ' at x = p[origin] + τ, with every x − p_i formed as τ − (p_i − p_origin). */
function evaluate(p: Float64Array, w: Float64Array, rho: number, c: number, origin: number, tau: number) {
  const po = p[origin];
  let rest = rho * (po + tau) + c;
  let drest = rho;
  for (let i = 0; i < p.length; i++) {
    if (i === origin) continue;
    const diff = tau - (p[i] - po);
    const q = w[i] / diff;
    rest -= q;
    drest += q / diff;
  }
  const phi = tau * rest - w[origin];
  return { f: phi / tau, phi, dphi: rest + tau * drest };
}
