/** The seven checks of the paper's conclusions (Sec. V), evaluated on a reproduction's runs. */
import type { Reproduction } from "../runs.ts";
import type { CheckResult, Labelled } from "./check.ts";
import { checkCompetition } from "./competition.ts";
import { checkInterBathCorrelation, checkSystemBathCorrelation } from "./correlations.ts";
import { checkEffectiveTemperatures } from "./effective-temperatures.ts";
import { checkEqualBaths } from "./equal-baths.ts";
import type { AveragesTable } from "./tables.ts";
import { checkThermalization } from "./thermalization.ts";
import { checkTypicality } from "./typicality.ts";

export type { CheckResult } from "./check.ts";

const CASES = ["a", "b"] as const;

/** The checks' ids, in the order of the paper's conclusions (1)–(7). */
export const CHECK_IDS = ["competition", "thermalization", "typicality", "equal-baths", "effective-temperatures", "inter-bath-correlation", "system-bath-correlation"] as const;

/**
 * Every check, in the order of the paper's conclusions (1)–(7).
 *
 * @example
 * const failed = evaluateChecks(await runReproduction(SCALES.small, engine)).filter((c) => !c.pass);
 */
export function evaluateChecks(rep: Reproduction): CheckResult[] {
  const K = rep.scale.K;
  const averages: Array<Labelled<AveragesTable>> = CASES.map((c) => ({ label: `case (${c})`, value: { KL: K, KR: K, table: rep.fig6[c].averages ?? [] } }));
  const traces = CASES.flatMap((c) => rep.traces[c].values.map((G, i) => ({ label: `case (${c}), Γ = ${G}`, value: rep.traces[c].results[i] })));
  const atGamma3 = traces.filter((t) => t.label.endsWith("Γ = 3"));
  const thermalization = [
    { label: "thermal starts, Γ = 3", value: atGamma3.map((t) => t.value) },
    { label: `pure states, Γ = 3 (${CASES.map((c) => rep.pure[c].values.length).join(" + ")} seeds)`, value: CASES.flatMap((c) => rep.pure[c].results) },
    { label: `asymmetric baths, Γ = 3 (${rep.asymmetric.map((a) => `${a.KL}/${a.KR}`).filter((x, i, all) => all.indexOf(x) === i).join(", ")})`, value: rep.asymmetric.map((a) => a.result.results[a.result.values.indexOf(3)]) },
  ];
  return [
    checkCompetition(averages, atGamma3),
    checkThermalization(thermalization, K),
    checkTypicality(CASES.map((c) => ({ label: `case (${c}), Γ = 3`, value: { ensemble: rep.traces[c].results[0], statistics: rep.pure[c].statistics! } }))),
    checkEqualBaths(averages, atGamma3),
    checkEffectiveTemperatures(traces, atGamma3.filter((t) => t.label.startsWith("case (b)"))),
    checkInterBathCorrelation(averages),
    checkSystemBathCorrelation(averages),
  ];
}
