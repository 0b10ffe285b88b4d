/**
 * Atomic file writes: temp file in the same directory, fsync, rename — never a half-written file —
 * and the clean-up of temp files that a killed writer left behind.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { OutputError } from "../errors.ts";
import { onOutput, outputError } from "./output-errors.ts";

/** This machine in temp names: writers on other hosts of a shared directory are told apart from ours. */
const HOST = hostname().replace(/[^A-Za-z0-9-]/g, "-").slice(0, 40) || "host";

/** `.NAME.HOST-PID.HEX.tmp` (and the older `.NAME.PID.HEX.tmp`): who wrote a temp file. */
const TEMP = /^\.(.+)\.(?:([A-Za-z0-9-]+)-)?(\d+)\.[0-9a-f]{12}\.tmp$/;

/** A fresh temp name next to `path` (same directory, hence the same file system for `rename`). */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${HOST}-${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Whether `name` is one of the temp files `writeFileAtomicSync` makes. */
export function isTempName(name: string): boolean {
  return TEMP.test(name);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A temp file from another host is presumed abandoned after this long (no write takes an hour). */
const FOREIGN_TEMP_AGE_MS = 3600_000;

/**
 * Removes the temp files in `dir` (only those of the file `of`, if given) whose writer is gone: a
 * process of this host that no longer runs, or (on a directory shared between hosts) a file older
 * than an hour. Live writers' files stay. Returns the names removed.
 */
export function removeStaleTemps(dir: string, of?: string): string[] {
  const removed: string[] = [];
  for (const name of onOutput(dir, () => readdirSync(dir))) {
    const m = TEMP.exec(name);
    if (!m || (of !== undefined && m[1] !== of)) continue;
    const path = join(dir, name);
    const ours = m[2] === undefined || m[2] === HOST;
    let stale = ours && !alive(Number(m[3]));
    if (!ours) {
      try {
        stale = Date.now() - statSync(path).mtimeMs > FOREIGN_TEMP_AGE_MS;
      } catch {
        continue; // gone meanwhile
      }
    }
    if (!stale) continue;
    try {
      unlinkSync(path);
      removed.push(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw outputError(err, path);
    }
  }
  return removed;
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir reports a read-only parent as ENOENT, and the
 * user needs the real cause.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw outputError(err, d);
    }
  }
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
 * presence marks the value complete). On failure the temp file is removed and an OutputError naming
 * `path` and the cause is thrown.
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
    throw outputError(err, path);
  }
  syncDirSync(dirname(path));
}

/**
 * Checks, before any work, that files can be written in `dir` (creating it if needed): a 4 KiB temp
 * file is written, synced and removed, so a read-only, full or forbidden location fails here, not
 * after the computation. Throws OutputError.
 */
export function checkWritableDir(dir: string): void {
  makeDirs(dir);
  const probe = tempPathFor(join(dir, "setsim-probe"));
  try {
    writeFileAtomicSync(probe, " ".repeat(4096));
  } catch (err) {
    throw err instanceof OutputError ? new OutputError(dir, err.reason) : err;
  }
  onOutput(probe, () => unlinkSync(probe));
}
