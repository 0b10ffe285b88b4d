/**
 * The paper's presets, built from the CLI's example configs (src/config/examples.ts) so that both
 * speak the same parameters. K is lowered from the paper's 1000 so that a preset finishes in about
 * a minute on the CPU engine; the note says so and the K field takes the paper's value as well.
 */
import { EXAMPLES } from "../../src/config/examples.ts";

export interface Preset {
  label: string;
  note: string;
  config: Record<string, unknown>;
  /** run the thermal ensemble next to a pure state (Fig. 8) */
  ensemble?: boolean;
}

const cfg = (name: string) => EXAMPLES[name].config as Record<string, unknown>;
const traceTimes = cfg("case-a").times;

export const PRESETS: Record<string, Preset> = {
  "case-a": {
    label: "case (a): μ = (1, −1), Γ sweep",
    note: "Figs. 3–6, case (a): β = (10, 2), μ_L = −μ_R = 1, Γ = 10^0.5…10^3 with regime-III averages over t ∈ [1e5, 1e8]. The paper uses K = 1000; K = 200 here keeps the CPU engine well under a minute.",
    config: { ...cfg("fig6-a"), K: 200, times: traceTimes },
  },
  "case-b": {
    label: "case (b): μ = (0.5, 0.5), Γ sweep",
    note: "Figs. 3–6, case (b): β = (10, 2), μ_L = μ_R = 0.5, Γ = 10^0.5…10^3 with regime-III averages. The paper uses K = 1000.",
    config: { ...cfg("fig6-b"), K: 200, times: traceTimes },
  },
  pure: {
    label: "pure state (seed 5) vs ensemble",
    note: "Figs. 7–8: case (a) at Γ = 3 from one pure product state drawn from the Fermi functions (seed 5), overlaid on the thermal ensemble. The paper uses K = 1000.",
    config: { ...cfg("pure"), K: 200 },
    ensemble: true,
  },
  "pure-seeds": {
    label: "pure states: 20 seeds vs ensemble",
    note: "Fig. 8 over many pure states: case (a) at Γ = 3 from 20 pure states (seeds 1–20), their median and 10–90 % band against the thermal ensemble (run once). K = 32 keeps it to seconds on the CPU engine; at this K the cold bath L of every drawn state is a ground state at its particle number (β*_L(0) = +∞), so σ is counted as undefined for each seed rather than drawn (K = 200 draws it for most seeds).",
    config: { ...cfg("pure"), K: 32, initial: { kind: "pure", seeds: { from: 1, count: 20 } } },
    ensemble: true,
  },
  asymmetric: {
    label: "Fig. 9 row 1: K_L − K_R = 2, case (a)",
    note: "Fig. 9, first row: case (a) with the slightest asymmetry, K_L = 201, K_R = 199, at Γ = 1 and 3. The paper uses K_L = 1001, K_R = 999.",
    config: { ...cfg("asymmetric"), KL: 201, KR: 199, Gamma: [1, 3] },
  },
  "asymmetric-2": {
    label: "Fig. 9 row 2: K_L − K_R = 4 (1 %), case (a)",
    note: "Fig. 9, second row: case (a) with ten times the asymmetry, |K_L − K_R|/(K_L + K_R) = 0.01: K_L = 202, K_R = 198 at Γ = 1 and 3. The paper uses K_L = 1010, K_R = 990.",
    config: { ...cfg("asymmetric"), KL: 202, KR: 198, Gamma: [1, 3] },
  },
  "asymmetric-b": {
    label: "Fig. 9 row 1: K_L − K_R = 2, case (b)",
    note: "Fig. 9, first row, case (b): μ_L = μ_R = 0.5, K_L = 201, K_R = 199, at Γ = 1 and 3. The paper uses K_L = 1001, K_R = 999.",
    config: { ...cfg("asymmetric"), muL: 0.5, muR: 0.5, KL: 201, KR: 199, Gamma: [1, 3] },
  },
  "asymmetric-2b": {
    label: "Fig. 9 row 2: K_L − K_R = 4 (1 %), case (b)",
    note: "Fig. 9, second row, case (b): μ_L = μ_R = 0.5, K_L = 202, K_R = 198, at Γ = 1 and 3. The paper uses K_L = 1010, K_R = 990.",
    config: { ...cfg("asymmetric"), muL: 0.5, muR: 0.5, KL: 202, KR: 198, Gamma: [1, 3] },
  },
  small: {
    label: "quick look: case (a), K = 32",
    note: "A few seconds on any engine: case (a), K = 32, Γ = 3, 10 times per decade.",
    config: { ...cfg("case-a"), K: 32 },
  },
};

export const DEFAULT_PRESET = "case-a";
