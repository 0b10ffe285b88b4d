/** The physical problem of SPEC §1, fully resolved (no sweeps, no shorthands). */

export type InitialState =
  | { kind: "thermal" }
  | { kind: "pure"; seed: number }
  | { kind: "occupations"; occupations: number[] };

/** One single electron transistor: dot + two finite baths (SPEC §1). Energies in units of W's unit, ħ = k_B = 1. */
export interface Problem {
  KL: number;
  KR: number;
  W: number;
  epsD: number;
  nD: number;
  betaL: number;
  betaR: number;
  muL: number;
  muR: number;
  GammaL: number;
  GammaR: number;
  initial: InitialState;
}

/** The scalar fields of a Problem that a sweep may replace by a grid. */
export const SWEEPABLE = [
  "KL", "KR", "W", "epsD", "nD", "betaL", "betaR", "muL", "muR", "GammaL", "GammaR",
] as const;
export type SweepableField = (typeof SWEEPABLE)[number];
