/**
 * Shards of a sweep: which swept values shard I of N computes (round-robin: value i belongs to shard
 * i mod N), how `--shard I/N | auto | auto/N` is read (from Slurm's array variables for `auto`), and
 * which files of sibling shards a shard tolerates in the directory they share.
 */
import { ConfigError } from "../errors.ts";

/** Shard `index` of `count` (0 ≤ index < count). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The indices of the swept values (0 … total−1) that `shard` computes: i with i mod count = index.
 * Every value is in exactly one shard; a shard past the number of values is empty.
 *
 * @example
 * shardValueIndices(8, { index: 1, count: 3 }); // [1, 4, 7]
 */
export function shardValueIndices(total: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let i = shard.index; i < total; i += shard.count) out.push(i);
  return out;
}

/** `I/N` as a Shard, or undefined if `text` is not of that form; range checked. */
function readFraction(text: string, what: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new ConfigError("--shard", `${what}: N must be at least 1`);
  if (index >= count) throw new ConfigError("--shard", `${what}: I must be in 0 … N−1 (got ${index}/${count})`);
  return { index, count };
}

function envInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  if (!/^\d+$/.test(v)) throw new ConfigError("--shard", `auto: ${name}=${v} is not a non-negative integer`);
  return Number(v);
}

/**
 * Reads `--shard`: `I/N` (0-based), `auto` or `auto/N`.
 * - `auto`: I = (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP and
 *   N = SLURM_ARRAY_TASK_COUNT (or (MAX − MIN) / STEP + 1): the array's tasks are the shards.
 * - `auto/N`: I = SLURM_ARRAY_TASK_ID, N given. The array indices are the shard indices, so one
 *   index resubmitted alone (`sbatch --array=2 …`, where Slurm's COUNT is 1) is still shard 2 of N.
 *   The scripts of `setsim slurm` use this form.
 *
 * @example
 * parseShard("1/4");                                    // { index: 1, count: 4 }
 * parseShard("auto/4", { SLURM_ARRAY_TASK_ID: "2" });   // { index: 2, count: 4 }
 */
export function parseShard(text: string, env: NodeJS.ProcessEnv = process.env): Shard {
  const fixed = readFraction(text, `--shard ${text}`);
  if (fixed) return fixed;
  const auto = /^auto(?:\/(\d+))?$/.exec(text);
  if (!auto) throw new ConfigError("--shard", `must be I/N (0 ≤ I < N), auto or auto/N; got '${text}'`);
  const id = envInteger(env, "SLURM_ARRAY_TASK_ID");
  if (id === undefined) throw new ConfigError("--shard", `${text}: SLURM_ARRAY_TASK_ID is not set (not inside a Slurm array task); give I/N`);
  if (auto[1] !== undefined) return readFraction(`${id}/${auto[1]}`, `--shard ${text} with SLURM_ARRAY_TASK_ID=${id}`)!;
  const min = envInteger(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
  const step = envInteger(env, "SLURM_ARRAY_TASK_STEP") || 1;
  const max = envInteger(env, "SLURM_ARRAY_TASK_MAX");
  const count = envInteger(env, "SLURM_ARRAY_TASK_COUNT") ?? (max !== undefined ? Math.floor((max - min) / step) + 1 : undefined);
  if (count === undefined) throw new ConfigError("--shard", "auto: neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is set");
  if (id < min || (id - min) % step !== 0) throw new ConfigError("--shard", `auto: SLURM_ARRAY_TASK_ID=${id} is not in the array ${min}…:${step}`);
  return readFraction(`${(id - min) / step}/${count}`, `--shard auto with SLURM_ARRAY_TASK_ID=${id}`)!;
}

/** A file a sweep writes for one value: `NNN_<field>=<value>.json|csv`. */
const VALUE_FILE = /^\d{3}_.*\.(?:json|csv)$/;

/**
 * What stops a shard from starting without --resume in the directory its siblings fill at the same
 * time (the manifest, of this config, is checked by the caller): its own value files, the averages,
 * plots or anything else. Siblings' value files are not in the way. `entries` are the directory's
 * names (live temp files left out), `ownNames` this shard's value file stems.
 */
export function shardBlockers(entries: readonly string[], manifestName: string, ownNames: readonly string[]): string[] {
  const own = new Set(ownNames.flatMap((n) => [`${n}.json`, `${n}.csv`]));
  return entries.filter((f) => f !== manifestName && !(VALUE_FILE.test(f) && !own.has(f)));
}
