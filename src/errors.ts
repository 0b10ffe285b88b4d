/** The named errors a user can meet; the CLI maps each to one line of text and its `exitCode`. */

/**
 * Bad input, refused before any work starts (SPEC §3). `field` is the JSON path of the offending
 * value, `rule` the rule it breaks, in plain English.
 *
 * @example
 * throw new ConfigError("initial.occupations[3]", "must be in [0, 1]");
 * // message: "initial.occupations[3]: must be in [0, 1]"
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly exitCode = 2;
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

/**
 * The problem does not fit the chosen device (memory, buffer or dispatch limits). Refused before any
 * work starts, like bad input. `needed` and `limit` (bytes or counts, as the message says) are given
 * when known.
 *
 * @example
 * throw new DeviceLimitError("K_L+K_R+1 = 40001 modes need 12.8 GB of GPU buffers; the adapter allows 4 GB", 12.8e9, 4e9);
 */
export class DeviceLimitError extends Error {
  override readonly name = "DeviceLimitError";
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly needed?: number,
    readonly limit?: number,
  ) {
    super(message);
  }
}

/**
 * The accelerator went away (or failed validation) while a run was in progress. Finished results stay
 * on disk; the run may be resumed.
 *
 * @example
 * throw new DeviceLostError("WebGPU device lost: destroyed", "destroyed");
 */
export class DeviceLostError extends Error {
  override readonly name = "DeviceLostError";
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/**
 * The output already exists (and `--resume` was not asked), or `--resume` found output of a
 * different config. Nothing on disk is changed.
 *
 * @example
 * throw new ResumeError("--out results/a.json exists: choose another path, or --resume");
 */
export class ResumeError extends Error {
  override readonly name = "ResumeError";
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
  }
}

/**
 * The output location cannot be written: a read-only or full file system, a missing permission, a
 * path that is a file where a directory is needed. `path` is the file or directory concerned, `reason`
 * the reason in plain words (with the system's code, e.g. "no space left on device (ENOSPC)").
 * Files already finished are left intact (every write is atomic).
 *
 * @example
 * throw new OutputError("results/fig6/003_Gamma=31.6.json", "no space left on device (ENOSPC)");
 */
export class OutputError extends Error {
  override readonly name = "OutputError";
  readonly exitCode = 4;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
  }
}

/** A result file (read back on --resume) that is not what `formatJson` writes; `detail` says what is wrong. */
export class ResultFormatError extends Error {
  override readonly name = "ResultFormatError";
  readonly exitCode = 2;
  constructor(readonly detail: string) {
    super(`not a setsim result: ${detail}`);
  }
}

/**
 * `setsim merge` cannot merge a sweep directory: values are missing (they are named), a value file
 * belongs to another config, or there is no manifest. Nothing is written.
 *
 * @example
 * throw new MergeError("results/fig6 lacks 2 of 12 values: Gamma=10 (003), Gamma=100 (007)");
 */
export class MergeError extends Error {
  override readonly name = "MergeError";
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
  }
}

/**
 * Slurm's `sbatch` could not be run or refused a job; the message carries sbatch's own words. The
 * job scripts are already written and can be submitted by hand.
 *
 * @example
 * throw new SlurmError("sbatch failed (exit 1): sbatch: error: invalid partition specified: gpu");
 */
export class SlurmError extends Error {
  override readonly name = "SlurmError";
  readonly exitCode = 5;
  constructor(message: string) {
    super(message);
  }
}
