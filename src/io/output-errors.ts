/** File-system failures of the output side, turned into one OutputError naming the path and the cause. */
import { OutputError } from "../errors.ts";

/** The errno codes a user can act on, in plain words. */
const CAUSES: Record<string, string> = {
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a parent of it is a file, not a directory",
  EISDIR: "it is a directory",
  EEXIST: "it already exists",
  ENOENT: "a parent directory does not exist",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the name is too long",
};

/** `err` as an OutputError about `path` (an OutputError passes through, anything without a code is rethrown). */
export function outputError(err: unknown, path: string): OutputError {
  if (err instanceof OutputError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code !== "string") throw err;
  return new OutputError(path, `${CAUSES[code] ?? (err as Error).message} (${code})`);
}

/** Runs a file-system step on `path`, mapping its failure to an OutputError. */
export function onOutput<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    throw outputError(err, path);
  }
}
