/**
 * The seeds of pure initial states (SPEC §1): one `seed`, or many — `seeds` as a list or as
 * `{from, count}` — which a config runs as a sweep over the seed, one pure state each.
 */
import * as z from "zod";
import { ConfigError } from "../errors.ts";
import { finite, integerAtLeast, parseWith } from "./rules.ts";

/** The most seeds one config may draw (a guard against typos like `count: 1e9`). */
export const MAX_SEEDS = 100_000;

/** A seed of pure-rand's generator: a non-negative safe integer. */
export const seedRule = () => finite().refine((v) => Number.isSafeInteger(v) && v >= 0, "must be a non-negative safe integer");

const pureSchema = z.strictObject({ kind: z.literal("pure"), seed: z.unknown().optional(), seeds: z.unknown().optional() });
const seedRange = z.strictObject({ from: seedRule(), count: integerAtLeast(1).lte(MAX_SEEDS, `must be ≤ ${MAX_SEEDS}`) });

function readSeeds(raw: unknown): number[] {
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new ConfigError("initial.seeds", "must not be an empty list");
    if (raw.length > MAX_SEEDS) throw new ConfigError("initial.seeds", `must hold at most ${MAX_SEEDS} seeds`);
    const seeds = parseWith(z.array(seedRule()), raw, "initial.seeds");
    const seen = new Set<number>();
    seeds.forEach((s, i) => {
      if (seen.has(s)) throw new ConfigError(`initial.seeds[${i}]`, `repeats seed ${s}: give each seed once`);
      seen.add(s);
    });
    return seeds;
  }
  if (typeof raw !== "object" || raw === null) throw new ConfigError("initial.seeds", "must be a list of seeds or {from, count}");
  const { from, count } = parseWith(seedRange, raw, "initial.seeds");
  if (!Number.isSafeInteger(from + count - 1)) throw new ConfigError("initial.seeds.count", "takes the seeds beyond the safe-integer range");
  return Array.from({ length: count }, (_, i) => from + i);
}

/**
 * A pure initial state's seed, or its seeds: `{kind: "pure", seed}` or `{kind: "pure", seeds}`
 * (a list of distinct seeds, or `{from, count}` for from, from+1, …). With `seeds`, `seed` is the
 * first of them (the problem of the first swept value).
 *
 * @example
 * readPure({ kind: "pure", seeds: { from: 1, count: 3 } }); // { seed: 1, seeds: [1, 2, 3] }
 * readPure({ kind: "pure", seed: 5 });                      // { seed: 5 }
 */
export function readPure(obj: Record<string, unknown>): { seed: number; seeds?: number[] } {
  const p = parseWith(pureSchema, obj, "initial");
  if (p.seed !== undefined && p.seeds !== undefined) throw new ConfigError("initial.seeds", "must not be given together with seed");
  if (p.seeds !== undefined) {
    const seeds = readSeeds(p.seeds);
    return { seed: seeds[0], seeds };
  }
  if (p.seed === undefined) throw new ConfigError("initial.seed", "is required (or seeds: a list, or {from, count}, for many pure states)");
  return { seed: parseWith(seedRule(), p.seed, "initial.seed") };
}
