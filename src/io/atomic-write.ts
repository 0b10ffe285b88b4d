/** Atomic file writes: temp file in the same directory, fsync, rename — never a half-written file. */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

/** A fresh temp name next to `path` (same directory, hence the same file system for `rename`). */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** fsync the directory so the rename itself is durable; not possible everywhere (Windows), so best effort. */
function syncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // directories cannot be opened or fsynced on some platforms: the rename is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `data` (UTF-8) to `path` atomically: either the old content (or no file) or the whole new
 * content is found under `path`, even if the process dies mid-write (a sweep's per-value files, whose
 * presence marks the value complete). On failure the temp file is removed and the error rethrown.
 *
 * @example
 * writeFileAtomicSync("results/sweep/averages.csv", formatAveragesCsv("Gamma", table));
 */
export function writeFileAtomicSync(path: string, data: string): void {
  const tmp = tempPathFor(path);
  try {
    const fd = openSync(tmp, "wx");
    try {
      const buf = Buffer.from(data, "utf8");
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file was never created, or is already renamed
    }
    throw err;
  }
  syncDirSync(dirname(path));
}
