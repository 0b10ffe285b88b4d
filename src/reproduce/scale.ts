/**
 * How large `setsim reproduce` computes the paper: `paper` is the paper's K = 1000; `small` (K = 200)
 * and `test` (K = 120, for CI) keep every figure and check at a size the CPU engine finishes in
 * minutes and seconds. Every other parameter is the paper's (Sec. IV: cases (a) and (b), W = 10,
 * β = (10, 2), ε_d = 0, n_d = 0; Γ = 3 and 30 for the traces, Γ = 10^0.5 … 10^3 for Fig. 6).
 */

export type ScaleName = "test" | "small" | "paper";

export interface Scale {
  name: ScaleName;
  /** levels per bath (K_L = K_R) */
  K: number;
  /** pure states per case (Fig. 8: seeds 1 … seeds) */
  seeds: number;
  /** times per decade of the ensemble traces (Figs. 4, 5), from 1e-4 to 1e8 */
  perDecade: number;
  /** times per decade of the pure-state and asymmetric traces (Figs. 8, 9); divides `perDecade` */
  perDecadeSparse: number;
  /** Fig. 6: the Γ grid and the regime-III averaging times */
  gammaPoints: number;
  averagePoints: number;
  /** Fig. 9: (K_L, K_R) of the two rows, the slightest asymmetry and |K_L − K_R|/(K_L + K_R) = 0.01 */
  asymmetric: Array<[number, number]>;
}

const asymmetric = (K: number): Array<[number, number]> => [[K + 1, K - 1], [K + K / 100, K - K / 100]];

export const SCALES: Record<ScaleName, Scale> = {
  test: { name: "test", K: 120, seeds: 6, perDecade: 4, perDecadeSparse: 2, gammaPoints: 6, averagePoints: 11, asymmetric: [[121, 119], [122, 118]] },
  small: { name: "small", K: 200, seeds: 10, perDecade: 10, perDecadeSparse: 5, gammaPoints: 6, averagePoints: 21, asymmetric: asymmetric(200) },
  paper: { name: "paper", K: 1000, seeds: 10, perDecade: 10, perDecadeSparse: 5, gammaPoints: 6, averagePoints: 21, asymmetric: asymmetric(1000) },
};
