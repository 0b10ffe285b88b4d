/** Output names of SPEC §2, in the order they are written (rows) and of the per-run `meta`. */

/**
 * One row per time t: these names exactly, in this order (SPEC §2).
 *
 * @example
 * for (const c of ROW_COLUMNS) console.log(c, rows.at(-1)![c]);
 */
export const ROW_COLUMNS = [
  "t", "nd", "EL", "ER", "NL", "NR",
  "betaL", "muL", "betaR", "muR",
  "SS", "SL", "SR", "SB",
  "ISB", "ILR", "IoL", "IoR", "Dstar",
  "Sigma", "QL", "QR", "sigma", "Deq",
  "DrelL", "DrelR",
] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];
export type Row = Record<RowColumn, number>;

/**
 * The per-run `meta` names (SPEC §2): global reference state, initial β*_ν, μ*_ν, conserved totals.
 *
 * @example
 * const { meta } = await simulate(config);
 * console.log(meta.betaRef, meta.betaL0);
 */
export const META_COLUMNS = [
  "betaRef", "muRef",
  "betaLgg", "muLgg", "betaRgg", "muRgg",
  "betaRefBare", "muRefBare",
  "betaLinf", "muLinf", "betaRinf", "muRinf",
  "SLinf", "SRinf", "SBinf", "ILRinf",
  "betaL0", "muL0", "betaR0", "muR0",
  "Stot", "E0", "N0",
] as const;
export type MetaColumn = (typeof META_COLUMNS)[number];
export type Meta = Record<MetaColumn, number>;

/** What one run (one swept value) produces; `average` is present when the config asked for one. */
export interface RunResult {
  config: Record<string, unknown>;
  meta: Meta;
  rows: Row[];
  average?: Row;
}
