/**
 * Finding a Chrome or Chromium to run the pages in: `--browser PATH`, else $SETSIM_BROWSER or
 * $CHROME_PATH, else the usual command names on PATH, else the usual install locations.
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * No usable browser, or it would not start. Refused before any work, like bad input.
 *
 * @example
 * throw new BrowserError("--browser /opt/chrome: no such file");
 */
export class BrowserError extends Error {
  override readonly name = "BrowserError";
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
  }
}

const NAMES = [
  "google-chrome-stable", "google-chrome", "google-chrome-beta", "google-chrome-unstable",
  "chromium", "chromium-browser", "chrome", "microsoft-edge-stable", "microsoft-edge",
];

/** Where browsers are usually installed on this platform. */
export function usualLocations(env: NodeJS.ProcessEnv = process.env): string[] {
  if (process.platform === "darwin") {
    const apps = ["Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium", "Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary"];
    return ["/Applications", join(env.HOME ?? "~", "Applications")].flatMap((d) => apps.map((a) => join(d, a)));
  }
  if (process.platform === "win32") {
    return [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter(Boolean)
      .flatMap((d) => [join(d!, "Google/Chrome/Application/chrome.exe"), join(d!, "Chromium/Application/chrome.exe"), join(d!, "Microsoft/Edge/Application/msedge.exe")]);
  }
  return ["/opt/google/chrome/chrome", "/opt/google/chrome-beta/chrome", "/snap/bin/chromium", "/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser"];
}

const isExecutable = (path: string): boolean => {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The browser to launch, or a BrowserError naming everything that was looked for (`env` and
 * `locations` are the process's own but for tests).
 */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env, locations = usualLocations(env)): string {
  if (explicit !== undefined) {
    if (!isExecutable(explicit)) throw new BrowserError(`--browser ${explicit}: no such executable file`);
    return explicit;
  }
  for (const v of ["SETSIM_BROWSER", "CHROME_PATH"]) {
    const path = env[v];
    if (path) {
      if (!isExecutable(path)) throw new BrowserError(`$${v} = ${path}: no such executable file`);
      return path;
    }
  }
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  const exe = process.platform === "win32" ? [".exe", ""] : [""];
  for (const name of NAMES) {
    for (const d of dirs) for (const x of exe) if (isExecutable(join(d, name + x))) return join(d, name + x);
  }
  const found = locations.find(isExecutable);
  if (found) return found;
  throw new BrowserError(
    `no Chrome or Chromium found: looked for ${NAMES.join(", ")} on PATH${locations.length ? ` and at ${locations.join(", ")}` : ""}; ` +
    "install one, or name it with --browser PATH (or $SETSIM_BROWSER)",
  );
}
