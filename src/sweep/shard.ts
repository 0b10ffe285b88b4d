/**
 * Shards of a sweep: which swept values shard I of N computes (round-robin: value i belongs to shard
 * i mod N), how `--shard I/N | auto | auto/N` is read (from Slurm's array variables for `auto`), and
 * which files of sibling shards a shard tolerates in the directory they share.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, ResumeError } from "../errors.ts";

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
/** A temp file of an atomic write in progress (`.NAME.….tmp`): a sibling's value, manifest or probe. */
const TEMP_FILE = /^\..+\.tmp$/;

/**
 * Checks that shard `shard` may start in `dir`, which sibling shards may be filling at the same time.
 * A manifest of another config is refused. Without a manifest the directory may hold only temp files
 * (a sibling's manifest being written). With this config's manifest, `--resume` continues; without
 * it, sibling shards' value files and temp files are tolerated, but this shard's own value files,
 * averages, plots or anything else are refused. `ownNames` are this shard's value file stems.
 */
export function checkShardDirectory(dir: string, manifestName: string, manifest: string, ownNames: readonly string[], resume: boolean): void {
  if (!existsSync(dir)) return;
  const manifestPath = join(dir, manifestName);
  const hasManifest = existsSync(manifestPath);
  if (hasManifest && readFileSync(manifestPath, "utf8") !== manifest) {
    throw new ResumeError(`--shard: ${dir} holds a sweep of a different config (${manifestName} differs); nothing was changed`);
  }
  if (hasManifest && resume) return;
  const own = new Set(ownNames.flatMap((n) => [`${n}.json`, `${n}.csv`]));
  const sibling = (f: string) => hasManifest && VALUE_FILE.test(f) && !own.has(f);
  const blocking = readdirSync(dir).filter((f) => f !== manifestName && !TEMP_FILE.test(f) && !sibling(f));
  if (blocking.length === 0) return;
  const what = `${blocking[0]}${blocking.length > 1 ? ` and ${blocking.length - 1} more` : ""}`;
  if (!hasManifest) throw new ResumeError(`--out ${dir} is not empty (${what}) and holds no ${manifestName}: choose another directory`);
  throw new ResumeError(`--out ${dir} already holds ${what}: use --resume to continue this shard, or another directory`);
}
