// Every file under a directory as text, by relative path: two sweep directories compared byte for byte.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** `{ "relative/path": text }` for every plain file under `dir` (sorted by path). */
export function dirSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = join(dir, f);
    if (statSync(p).isFile()) out[f] = readFileSync(p, "utf8");
  }
  return out;
}
