/**
 * The browser pages of `--runtime chromium` (the engine page, the benchmark page), built by vite with
 * the demo's settings into dist/runtime-pages at first use, and again whenever a source is newer than
 * that build, so that a fresh clone needs nothing but `npm ci`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The pages, as paths under the build (and under the repository: vite keeps the layout). */
export const PAGES = {
  engine: "src/runtime/page/engine.html",
  bench: "demo/bench.html",
} as const;

/** What the pages are built from: a change to any of it means a rebuild. */
const SOURCES = ["src", "demo", "shaders", "package-lock.json"];
const STAMP = ".built-from.json";

function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const f of readdirSync(path)) visit(join(path, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of SOURCES) visit(join(ROOT, s));
  return newest;
}

/** dist/ in the package where it can be written, else a folder of the temp directory. */
function buildRoot(): string {
  const inPackage = join(ROOT, "dist");
  try {
    mkdirSync(inPackage, { recursive: true });
    return inPackage;
  } catch {
    return join(tmpdir(), `setsim-${process.getuid?.() ?? "user"}`);
  }
}

function isCurrent(dir: string, newest: number): boolean {
  try {
    const stamp = JSON.parse(readFileSync(join(dir, STAMP), "utf8")) as { newest: number; root: string };
    return stamp.newest >= newest && stamp.root === ROOT && Object.values(PAGES).every((p) => existsSync(join(dir, p)));
  } catch {
    return false;
  }
}

/** The folder holding the built pages (built now if missing or stale). */
export async function builtPages(log: (line: string) => void = () => {}): Promise<string> {
  const base = buildRoot();
  const dir = join(base, "runtime-pages");
  const newest = newestSource();
  if (isCurrent(dir, newest)) return dir;
  log(`building the browser pages into ${relative(process.cwd(), dir) || dir} (once per change of the sources)`);
  const { build } = await import("vite");
  const demo = (await import("../../demo/vite.config.ts")).default as import("vite").UserConfig;
  // built beside the final folder and renamed into place: a run serving the old build is not disturbed mid-way
  const fresh = join(base, `.runtime-pages-${process.pid}-${Date.now()}`);
  await build({
    configFile: false,
    root: ROOT,
    base: "./",
    logLevel: "error",
    // the demo's aliases and worker format, so that these pages bundle exactly as the demo does
    resolve: demo.resolve,
    worker: demo.worker,
    build: {
      outDir: fresh,
      emptyOutDir: true,
      target: "es2022",
      rollupOptions: { input: Object.fromEntries(Object.entries(PAGES).map(([k, p]) => [k, join(ROOT, p)])) },
    },
  });
  writeFileSync(join(fresh, STAMP), JSON.stringify({ newest, root: ROOT }));
  const old = join(base, `.runtime-pages-old-${process.pid}-${Date.now()}`);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(fresh, dir);
  rmSync(old, { recursive: true, force: true });
  return dir;
}
