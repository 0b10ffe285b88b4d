/** Chart boundaries for the regimes of a trace; the regimes themselves are found in src/observables/regimes.ts. */
import type { Regimes } from "../../src/observables/regimes.ts";

export { findRegimes, type Regimes } from "../../src/observables/regimes.ts";

/** Chart boundaries for the regimes of a trace. */
export function regimeBoundaries(r: Regimes): Array<{ x: number; label: string }> {
  const b: Array<{ x: number; label: string }> = [];
  if (r.II !== undefined) b.push({ x: r.II, label: "II" });
  if (r.III !== undefined) b.push({ x: r.III, label: "III" });
  return b;
}
