/**
 * The paper's Figs. 3–9 from a reproduction's runs, each with the paper's caption, the claim its text
 * makes of it, the checks that test that claim, and a few measured numbers. The charts are those of
 * `setsim run` (src/io/plots.ts, seed-plots.ts) with the regimes marked.
 */
import { bathLevels } from "../model/levels.ts";
import { initialOccupations, thermalOccupations } from "../model/initial-state.ts";
import { type Plot, plotAverages, plotTrace, TIME_LABEL } from "../io/plots.ts";
import { plotTypicality } from "../io/seed-plots.ts";
import { GREY, PALETTE, renderChart, type Series } from "../io/svg-axes.ts";
import { REGIME_RULE } from "../observables/regimes.ts";
import { regimeIIIMean } from "./checks/check.ts";
import { CASES, type CaseName, type Reproduction } from "./runs.ts";

export interface Figure {
  /** "fig4" */
  id: string;
  title: string;
  /** the paper's caption, shortened */
  caption: string;
  /** what the paper's text claims of the figure */
  claim: string;
  /** ids of the checks (checks/) that test the claim */
  checks: string[];
  /** measured numbers worth reading beside the figure */
  notes: string[];
  plots: Plot[];
}

const fmt = (x: number) => String(+x.toPrecision(4));

const occupationAxes = { xLabel: "ε_k [energy unit]", yLabel: "occupation n_k" };

function fig3(rep: Reproduction): Figure {
  const K = rep.scale.K;
  const eps = bathLevels(K, 10);
  const plots = (["a", "b"] as const).map((c): Plot => {
    const p = CASES[c];
    return {
      name: `fig3-${c}`,
      svg: renderChart({
        ...occupationAxes, title: `Fig. 3 (${c}): initial Fermi distributions, K = ${K}`,
        series: [
          { label: `f_L (β_L = ${p.betaL}, μ_L = ${p.muL})`, x: eps, y: thermalOccupations(K, p.W, p.betaL, p.muL), color: PALETTE[0] },
          { label: `f_R (β_R = ${p.betaR}, μ_R = ${p.muR})`, x: eps, y: thermalOccupations(K, p.W, p.betaR, p.muR), color: PALETTE[1] },
        ],
      }),
    };
  });
  return {
    id: "fig3", title: "Fig. 3: initial Fermi distributions", checks: [], notes: [], plots,
    caption: "Initial Fermi distributions used for numerical calculation in case (a) and (b).",
    claim: "In (a) a wide range of levels is fully occupied in bath L but not in bath R; in (b) there is room for particles to hop in or out only near the Fermi level.",
  };
}

function fig4and5(rep: Reproduction): Figure[] {
  const traces = (["a", "b"] as const).flatMap((c) => rep.traces[c].values.map((G, i) => ({ c, G, r: rep.traces[c].results[i] })));
  const plotsOf = (names: string[], only3 = false) => traces.filter((t) => !only3 || t.G === 3).flatMap((t) =>
    plotTrace(t.r, `case (${t.c}), Γ = ${t.G}`).filter((p) => names.includes(p.name)).map((p) => ({ ...p, name: `${p.name}-${t.c}-gamma${t.G}` })));
  const a3 = rep.traces.a.results[0];
  const heat = `case (a), Γ = 3: regime-III β*_L = ${fmt(regimeIIIMean(a3.rows, "betaL"))}, β*_R = ${fmt(regimeIIIMean(a3.rows, "betaR"))}, below both initial values (10 and 2): both baths heat up; ` +
    `their energies E_L: ${fmt(a3.rows[0].EL)} → ${fmt(regimeIIIMean(a3.rows, "EL"))}, E_R: ${fmt(a3.rows[0].ER)} → ${fmt(regimeIIIMean(a3.rows, "ER"))} meet in between.`;
  const b3 = rep.traces.b.results[0];
  const thermoelectric = `case (b), Γ = 3: max |μ*_L − μ*_R| = ${fmt(Math.max(...b3.rows.map((x) => Math.abs(x.muL - x.muR))))} from μ_L = μ_R (thermoelectric), ${fmt(Math.abs(regimeIIIMean(b3.rows, "muL") - regimeIIIMean(b3.rows, "muR")))} in regime III.`;
  return [
    {
      id: "fig4", title: "Fig. 4: β*_ν, μ*_ν and D[ρ_ν‖π_ν]/Sπ_ν", checks: ["thermalization", "effective-temperatures", "equal-baths"],
      caption: "Time evolution of the inverse temperature, the chemical potential and the deviation of the true microscopic state from the corresponding grand canonical ensemble, for case (a) and (b) at Γ = 3 and Γ = 30; dashed: the global grand canonical state; vertical lines: regimes I, II and III.",
      claim: "The regimes I, II and III are clearly visible; in regime III β*_ν and μ*_ν settle into a common value, that of the global grand canonical state (thermalization); in case (a) both baths heat up; case (b) shows a transient thermoelectric effect; D[ρ_ν‖π_ν]/Sπ_ν equilibrates to the same value in both baths; the behaviour is quite insensitive to Γ.",
      notes: [heat, thermoelectric, `Regime marks (the paper draws them by eye): ${REGIME_RULE.join(" ")}`],
      plots: plotsOf(["beta-star", "mu-star", "relative-entropy"]),
    },
    {
      id: "fig5", title: "Fig. 5: Σ, σ, their parts and the mutual informations", checks: ["competition", "equal-baths"],
      caption: "Top: the entropy production σ(t) and Σ(t) and their components. Bottom: the mutual information terms, I_oL and I_oR separately. Case (a) and (b), Γ = 3; both axes logarithmic.",
      claim: "In regime II a clear hierarchy between the terms emerges; in regime III all settle to a stationary value, the intra-bath correlations with strong relative fluctuations, I_S−B almost constant from early in regime II; I_oL ≈ I_oR in regime III.",
      notes: [],
      plots: plotsOf(["entropy-production", "mutual-information"], true),
    },
  ];
}

function fig6(rep: Reproduction): Figure {
  const K = rep.scale.K;
  const plots = (["a", "b"] as const).flatMap((c) => plotAverages("Gamma", rep.fig6[c].averages ?? [], { KL: K, KR: K }).map((p) => ({ ...p, name: `fig6-${p.name}-${c}` })));
  const notes = (["a", "b"] as const).map((c) => {
    const t = rep.fig6[c].averages ?? [];
    const ratio = t.map((e) => e.average.Deq / e.average.Sigma);
    return `case (${c}): σ/Σ = 1 + D^eq/Σ from ${fmt(1 + Math.min(...ratio))} to ${fmt(1 + Math.max(...ratio))} over Γ = ${fmt(t[0]?.value ?? NaN)} … ${fmt(t.at(-1)?.value ?? NaN)}.`;
  });
  return {
    id: "fig6", title: "Fig. 6: regime III against the coupling Γ", checks: ["competition", "inter-bath-correlation", "system-bath-correlation", "equal-baths"], notes, plots,
    caption: "Top: the components of the entropy production in regime III (averaged over t = 1e5 … 1e8) against the coupling strength. Bottom: the correlations normalized by their maximum classical value; the system–bath correlation always exceeds the classical bound (grey dashed). Case (a) and (b); double logarithmic axes.",
    claim: "All quantities are fairly constant in Γ; the finite-bath effect D^eq_env is by far the largest term (σ overestimates Σ); Σ is roughly equally shared by I_L−R and D*_env, the I_oν lag a bit behind; I_S−B exceeds the classical bound at every Γ and dominates all other correlations relatively.",
  };
}

function fig7(rep: Reproduction): Figure {
  const K = rep.scale.K;
  const p = { KL: K, KR: K, ...CASES.a, GammaL: 3, GammaR: 3, initial: { kind: "pure" as const, seed: 1 } };
  const n = initialOccupations(p);
  const eps = bathLevels(K, p.W);
  const plots = (["L", "R"] as const).map((nu, i): Plot => {
    const occ = nu === "L" ? n.subarray(1, 1 + K) : n.subarray(1 + K);
    const f = thermalOccupations(K, p.W, nu === "L" ? p.betaL : p.betaR, nu === "L" ? p.muL : p.muR);
    const series: Series[] = [{ label: `f_${nu}`, x: eps, y: f, color: GREY }, { label: `n_{${nu}k} (seed 1)`, x: eps, y: occ, color: i ? PALETTE[1] : "#000", dots: true }];
    return { name: `fig7-${nu}`, svg: renderChart({ ...occupationAxes, title: `Fig. 7: bath ${nu} of a pure state, case (a), seed 1, K = ${K}`, series }) };
  });
  return {
    id: "fig7", title: "Fig. 7: a pure initial state", checks: [], notes: [], plots,
    caption: "Example of an initial pure state: the populations of the pure state (dots) and the corresponding Fermi distribution (grey line).",
    claim: "Each mode is filled when a uniform random number falls below its Fermi function: an energy eigenstate of the baths with a definite particle number, whose average is the initial ensemble.",
  };
}

function fig8(rep: Reproduction): Figure {
  const plots = (["a", "b"] as const).flatMap((c: CaseName) =>
    plotTypicality(rep.pure[c].statistics!, `case (${c}), Γ = 3`, rep.traces[c].results[0]).map((p) => ({ ...p, name: `fig8-${p.name.replace("typicality-", "")}-${c}` })));
  const notes = (["a", "b"] as const).map((c) => {
    const s = rep.pure[c].statistics!;
    return `case (${c}): ${s.seeds.length} pure states; ${s.extremal.L.length} draw a ground state of bath L and ${s.extremal.R.length} of bath R (β*_ν(0) = +∞, σ undefined for them; counted apart in the statistics).`;
  });
  return {
    id: "fig8", title: "Fig. 8: pure states against the ensemble", checks: ["typicality", "thermalization"], notes, plots,
    caption: "Time evolution of β*_ν, μ*_ν, the entropy production, the correlations and the local athermality for case (a) and (b), Γ = 3. Thick grey: the initial ensemble; coloured: pure states — here the median and the 10–90 % band of many seeds rather than a single realization.",
    claim: "Close quantitative agreement of all thermodynamic quantities (temperature, chemical potential, entropy production) across all time scales, typical over realizations; systematic deviations only in the microscopic components (pure states hold larger correlations, compensated by D*_env(0) ≠ 0).",
  };
}

function fig9(rep: Reproduction): Figure {
  const plots = rep.asymmetric.map(({ KL, KR, case: c, result }): Plot => {
    const series: Series[] = result.results.flatMap((r, i) => {
      const rows = r.rows.filter((x) => x.t > 0);
      const t = rows.map((x) => x.t);
      const G = result.values[i];
      return [
        { label: `β*_L, Γ = ${G}`, x: t, y: rows.map((x) => x.betaL), color: PALETTE[2 * i] },
        { label: `β*_R, Γ = ${G}`, x: t, y: rows.map((x) => x.betaR), color: PALETTE[2 * i + 1] },
        { label: `β*_{ref}, Γ = ${G}`, x: [t[0], t[t.length - 1]], y: [r.meta.betaRef, r.meta.betaRef], color: PALETTE[2 * i], dashed: true, width: 1 },
      ];
    });
    return { name: `fig9-${KL}-${KR}-${c}`, svg: renderChart({ title: `Fig. 9: K_L = ${KL}, K_R = ${KR}, case (${c})`, xLabel: TIME_LABEL, yLabel: "β* [1/energy unit]", xLog: true, series }) };
  });
  const notes = rep.asymmetric.map(({ KL, KR, case: c, result }) => `K_L = ${KL}, K_R = ${KR}, case (${c}): regime-III |β̄*_L − β̄*_R| / β*_global = ` +
    result.values.map((G, i) => {
      const r = result.results[i];
      return `${fmt(Math.abs(regimeIIIMean(r.rows, "betaL") - regimeIIIMean(r.rows, "betaR")) / r.meta.betaLgg)} at Γ = ${G}`;
    }).join(", "));
  return {
    id: "fig9", title: "Fig. 9: asymmetric baths", checks: ["thermalization"], notes, plots,
    caption: "Effective inverse temperatures β*_L, β*_R for asymmetric baths K_L ≠ K_R at Γ = 1 and 3: the slightest asymmetry (first row) and |K_L − K_R|/(K_L + K_R) = 0.01 (second row); dashed: the global Gibbs ensemble.",
    claim: "At Γ = 3 the baths thermalize as for symmetric baths; at Γ = 1 slight discrepancies develop in regime III: the coupling must exceed a threshold (about Γ ≈ 3) for the levels to interact well.",
  };
}

/** Every figure of the report, Figs. 3–9 in order. */
export function reproductionFigures(rep: Reproduction): Figure[] {
  return [fig3(rep), ...fig4and5(rep), fig6(rep), fig7(rep), fig8(rep), fig9(rep)];
}
