/**
 * The runs behind the paper's Figs. 4–9 at one scale, through the library's `simulate`/`sweep` on one
 * engine: ensemble traces of cases (a) and (b) at Γ = 3 and 30 (Figs. 4, 5), the Γ sweeps with
 * regime-III averages (Fig. 6), many pure states at Γ = 3 (Fig. 8) and asymmetric baths at Γ = 1
 * and 3 (Fig. 9). Figs. 3 and 7 need no run.
 */
import { sweep, type SweepResult } from "../api/simulate.ts";
import type { Engine } from "../engine/engine.ts";
import { caseA, caseB } from "../config/examples.ts";
import { parseConfig } from "../config/schema.ts";
import { pointsPerValue } from "../sweep/run-value.ts";
import type { Scale } from "./scale.ts";

export type CaseName = "a" | "b";
export const CASES: Record<CaseName, typeof caseA> = { a: caseA, b: caseB };

/** Every result the report draws and checks. */
export interface Reproduction {
  scale: Scale;
  engine: string;
  /** per case: the thermal traces at Γ = 3 and Γ = 30 (values [3, 30]) */
  traces: Record<CaseName, SweepResult>;
  /** per case: regime-III averages over Γ = 10^0.5 … 10^3 */
  fig6: Record<CaseName, SweepResult>;
  /** per case: pure states (seeds 1 … scale.seeds) at Γ = 3, with their statistics */
  pure: Record<CaseName, SweepResult>;
  /** per (K_L, K_R) and case: traces at Γ = 1 and 3 */
  asymmetric: Array<{ KL: number; KR: number; case: CaseName; result: SweepResult }>;
  /** every run by name (`traces-a`, `fig6-b`, …), its config (for `setsim run`) and its result */
  runs: Array<{ name: string; config: Record<string, unknown>; result: SweepResult }>;
  /** seconds each run took */
  seconds: Record<string, number>;
}

const times = (perDecade: number) => ({ from: 1e-4, to: 1e8, perDecade, zero: true });

/** The configs of every run, by name (`traces-a`, `fig6-b`, `pure-a`, `asymmetric-201-199-a`, …). */
export function reproductionConfigs(s: Scale): Array<{ name: string; part: "traces" | "fig6" | "pure" | "asymmetric"; config: Record<string, unknown> }> {
  const out: ReturnType<typeof reproductionConfigs> = [];
  for (const c of ["a", "b"] as const) {
    const base = { K: s.K, ...CASES[c], initial: { kind: "thermal" } };
    out.push({ name: `traces-${c}`, part: "traces", config: { ...base, Gamma: [3, 30], times: times(s.perDecade) } });
    out.push({ name: `fig6-${c}`, part: "fig6", config: { ...base, Gamma: { from: 10 ** 0.5, to: 1000, points: s.gammaPoints }, average: { from: 1e5, to: 1e8, points: s.averagePoints } } });
    out.push({ name: `pure-${c}`, part: "pure", config: { ...base, Gamma: 3, initial: { kind: "pure", seeds: { from: 1, count: s.seeds } }, times: times(s.perDecadeSparse) } });
  }
  for (const [KL, KR] of s.asymmetric) {
    for (const c of ["a", "b"] as const) {
      out.push({ name: `asymmetric-${KL}-${KR}-${c}`, part: "asymmetric", config: { KL, KR, ...CASES[c], Gamma: [1, 3], initial: { kind: "thermal" }, times: times(s.perDecadeSparse) } });
    }
  }
  return out;
}

/** (value, t) points of every run: for progress and for the time estimate. */
export function reproductionPoints(s: Scale): number {
  return reproductionConfigs(s).reduce((n, r) => {
    const p = parseConfig(r.config);
    return n + (p.sweep?.values.length ?? 1) * pointsPerValue(p);
  }, 0);
}

/** Runs everything on `engine` (left open), reporting progress over all runs together. */
export async function runReproduction(s: Scale, engine: Engine, onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<Reproduction> {
  const total = reproductionPoints(s);
  let offset = 0;
  const out = emptyReproduction(s, engine.name);
  for (const r of reproductionConfigs(s)) {
    const started = performance.now();
    const result = await sweep(r.config, { engine, signal, onProgress: (done) => onProgress?.(offset + done, total) });
    offset += result.values.length * pointsPerValue(parseConfig(r.config));
    out.seconds[r.name] = (performance.now() - started) / 1000;
    addRun(out, r, result);
  }
  return out;
}

/** An empty reproduction, to be filled by addRun. */
export function emptyReproduction(s: Scale, engine: string): Reproduction {
  return { scale: s, engine, traces: {}, fig6: {}, pure: {}, asymmetric: [], runs: [], seconds: {} } as unknown as Reproduction;
}

/** Files one run's result under its part (`traces`, `fig6`, `pure`, `asymmetric`) and in `runs`. */
export function addRun(out: Reproduction, r: ReturnType<typeof reproductionConfigs>[number], result: SweepResult): void {
  out.runs.push({ name: r.name, config: r.config, result });
  if (r.part === "asymmetric") {
    const [, KL, KR, c] = r.name.split("-");
    out.asymmetric.push({ KL: +KL, KR: +KR, case: c as CaseName, result });
  } else {
    out[r.part][r.name.endsWith("-a") ? "a" : "b"] = result;
  }
}
