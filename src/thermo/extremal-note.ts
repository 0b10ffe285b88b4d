/**
 * Why σ is missing: a bath whose initial state is extremal (a ground or highest state at its particle
 * number, or empty or full) has β*_ν(0) = ±∞ or undefined, so σ = ΔS_S − Σ_ν β*_ν(0) Q_ν (eq. 13)
 * and D^eq_env = σ − Σ are undefined. A seeded pure state at a low temperature and a small K often is
 * one. These notes say so before a run, from the initial occupations alone.
 */
import { type ParsedConfig, problemFor } from "../config/schema.ts";
import { initialOccupations } from "../model/initial-state.ts";
import { bathLevels } from "../model/levels.ts";
import type { Problem } from "../model/problem.ts";
import { bathThermo } from "./bath-thermo.ts";

/** What an extremal initial state of one bath is: "a ground state", … (undefined when β*_ν(0) is finite). */
export function extremalKind(problem: Problem, bath: "L" | "R"): string | undefined {
  const n = initialOccupations(problem);
  const K = bath === "L" ? problem.KL : problem.KR;
  const start = bath === "L" ? 1 : 1 + problem.KL;
  const th = bathThermo(bathLevels(K, problem.W), n.subarray(start, start + K));
  if (Number.isFinite(th.beta)) return undefined;
  if (th.beta === Infinity) return `a ground state of bath ${bath} at its particle number N_${bath} = ${+th.N.toFixed(6)} (every level below μ*_${bath}(0) = ${+th.mu.toFixed(4)} filled, every level above it empty), so β*_${bath}(0) = +∞`;
  if (th.beta === -Infinity) return `the highest-energy state of bath ${bath} at its particle number, so β*_${bath}(0) = −∞`;
  return `bath ${bath} ${th.mu > 0 ? "full" : "empty"}, so β*_${bath}(0) is undefined`;
}

const CONSEQUENCE = "σ = ΔS_S − Σ_ν β*_ν(0) Q_ν (eq. 13) and D^eq_env = σ − Σ are undefined (null in JSON, inf/nan in CSV), as is D[ρ_ν‖π_ν]/Sπ_ν at t = 0 (Sπ_ν(0) = 0); Σ and its parts are defined";

/**
 * One line per extremal initial bath of a config: for a single run, what the state is and which
 * columns it leaves undefined; for many seeds, how many of them draw one and where the statistics
 * count them.
 *
 * @example
 * extremalNotes(parseConfig({ ...caseA, K: 40, initial: { kind: "pure", seed: 1 } }));
 * // ["the drawn state is a ground state of bath L at its particle number N_L = 17 (…), so β*_L(0) = +∞: σ = … are undefined …"]
 */
export function extremalNotes(parsed: ParsedConfig): string[] {
  if (parsed.base.initial.kind === "thermal") return [];
  const values = parsed.sweep ? parsed.sweep.values : [undefined];
  const notes: string[] = [];
  for (const bath of ["L", "R"] as const) {
    const hits = values.flatMap((v) => {
      const kind = extremalKind(problemFor(parsed, v), bath);
      return kind ? [{ v, kind }] : [];
    });
    if (hits.length === 0) continue;
    if (values.length === 1) {
      const what = parsed.base.initial.kind === "pure" ? "the drawn state is" : "the given occupations are";
      notes.push(`${what} ${hits[0].kind}: ${CONSEQUENCE}`);
    } else {
      const where = parsed.sweep!.field === "seed" ? "; the seeds' statistics leave these values out and count them (statistics.json: extremal)" : "";
      notes.push(`${hits.length} of ${values.length} ${parsed.sweep!.field === "seed" ? "seeds draw" : "values give"} an extremal initial state of bath ${bath} ` +
        `(β*_${bath}(0) not finite: ${parsed.sweep!.field} = ${hits.slice(0, 8).map((h) => h.v).join(", ")}${hits.length > 8 ? ", …" : ""}), where ${CONSEQUENCE}${where}`);
    }
  }
  return notes;
}
