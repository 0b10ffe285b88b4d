/** The config files a `batch` argument names: a file, a folder (its *.json), or a pattern in the file name (`configs/fig*.json`). */
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "../errors.ts";

const WILD = /[*?[]/;

/** A file-name pattern as a regular expression: `*` any run of characters, `?` one, `[...]` a class. */
function patternRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

function filesIn(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && match(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Every config file the arguments name, in order, each once; a name that matches nothing is refused. */
export function expandConfigArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    let found: string[];
    const dir = dirname(arg);
    if (WILD.test(dir)) throw new ConfigError(arg, "wildcards are allowed in the file name only");
    if (WILD.test(basename(arg))) {
      const re = patternRegex(basename(arg));
      found = statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? filesIn(dir, (n) => re.test(n)) : [];
    } else {
      const st = statSync(arg, { throwIfNoEntry: false });
      if (!st) throw new ConfigError(arg, "no such file or folder");
      found = st.isDirectory() ? filesIn(arg, (n) => n.endsWith(".json")) : [arg];
    }
    if (found.length === 0) throw new ConfigError(arg, "names no config file (a folder is searched for *.json)");
    for (const f of found) if (!out.includes(f)) out.push(f);
  }
  return out;
}

/** A config's name in the batch's output folder: its file name without `.json`. */
export const configName = (file: string): string => basename(file).replace(/\.json$/i, "");
