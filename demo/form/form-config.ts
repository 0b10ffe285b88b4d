/**
 * The form ↔ config JSON (SPEC §3). The form never validates by itself: `readForm` builds the raw
 * config object and `parseConfig` — the CLI's own parser — judges it. `fillForm` is the inverse, used
 * for presets and for the parameters held in the URL.
 */
import type { EngineName, Precision } from "../../src/engine/engine.ts";

/** Everything a run needs: the config as `setsim run` reads it, and the engine options. */
export interface RunRequest {
  config: Record<string, unknown>;
  engine: EngineName;
  precision: Precision;
  ensemble: boolean;
}

const SCALARS = ["K", "KL", "KR", "W", "epsD", "nD", "betaL", "betaR", "muL", "muR", "Gamma", "GammaL", "GammaR"] as const;

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function control(form: HTMLFormElement, name: string): Control {
  const el = form.elements.namedItem(name);
  if (!el) throw new Error(`form has no control ${name}`);
  return el as Control;
}

const text = (form: HTMLFormElement, name: string) => control(form, name).value;
const checked = (form: HTMLFormElement, name: string) => (control(form, name) as HTMLInputElement).checked;

/** A number from a text box; blank → absent (the parser says "is required"), junk → kept as text ("must be a number"). */
export function parseNumber(s: string): number | string | undefined {
  const t = s.trim();
  if (t === "") return undefined;
  const v = Number(t);
  return Number.isNaN(v) ? t : v;
}

/** A comma/space separated list of numbers. */
export function parseList(s: string): Array<number | string | undefined> {
  return s.split(/[\s,;]+/).filter((x) => x !== "").map(parseNumber);
}

/** Which scalars the form shows: K or (KL, KR), Gamma or (GammaL, GammaR). */
function activeScalars(form: HTMLFormElement): string[] {
  const symK = checked(form, "symK");
  const symG = checked(form, "symGamma");
  return SCALARS.filter((f) => {
    if (f === "K") return symK;
    if (f === "KL" || f === "KR") return !symK;
    if (f === "Gamma") return symG;
    if (f === "GammaL" || f === "GammaR") return !symG;
    return true;
  });
}

function readTimes(form: HTMLFormElement): unknown {
  if (text(form, "times.mode") === "list") return parseList(text(form, "times.list"));
  const grid: Record<string, unknown> = { from: parseNumber(text(form, "times.from")), to: parseNumber(text(form, "times.to")) };
  grid[text(form, "times.countKind")] = parseNumber(text(form, "times.count"));
  if (checked(form, "times.zero")) grid.zero = true;
  return grid;
}

function readInitial(form: HTMLFormElement): unknown {
  const kind = text(form, "initial.kind");
  if (kind === "pure") {
    // many pure states: a sweep over the seed (Fig. 8's band of realizations)
    const mode = text(form, "initial.seedMode");
    if (mode === "range") return { kind, seeds: { from: parseNumber(text(form, "initial.seeds.from")), count: parseNumber(text(form, "initial.seeds.count")) } };
    if (mode === "list") return { kind, seeds: parseList(text(form, "initial.seeds")) };
    return { kind, seed: parseNumber(text(form, "initial.seed")) };
  }
  if (kind === "occupations") return { kind, occupations: parseList(text(form, "initial.occupations")) };
  return { kind };
}

/** The raw config and engine options the form describes (not validated). */
export function readForm(form: HTMLFormElement): RunRequest {
  const config: Record<string, unknown> = {};
  const swept = text(form, "sweep.field");
  for (const f of activeScalars(form)) config[f] = parseNumber(text(form, f));
  if (swept) {
    config[swept] = text(form, "sweep.mode") === "list"
      ? parseList(text(form, "sweep.list"))
      : { from: parseNumber(text(form, "sweep.from")), to: parseNumber(text(form, "sweep.to")), points: parseNumber(text(form, "sweep.points")) };
  }
  config.initial = readInitial(form);
  config.times = readTimes(form);
  if (checked(form, "average.on")) {
    config.average = { from: parseNumber(text(form, "average.from")), to: parseNumber(text(form, "average.to")), points: parseNumber(text(form, "average.points")) };
  }
  // drop blanks so that a missing value reads "is required" rather than a type error
  for (const [k, v] of Object.entries(config)) if (v === undefined) delete config[k];
  return {
    config,
    engine: text(form, "engine") as EngineName,
    precision: text(form, "precision") as Precision,
    ensemble: checked(form, "ensemble"),
  };
}

function set(form: HTMLFormElement, name: string, value: unknown): void {
  const el = control(form, name);
  if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = Boolean(value);
  else el.value = value === undefined || value === null ? "" : Array.isArray(value) ? value.join(", ") : String(value);
}

const isSweep = (v: unknown) => Array.isArray(v) || (typeof v === "object" && v !== null);

/** Puts a config (a preset, or one read from the URL) and engine options into the form. */
export function fillForm(form: HTMLFormElement, req: Partial<RunRequest> & { config: Record<string, unknown> }): void {
  const c = req.config;
  set(form, "symK", !("KL" in c || "KR" in c));
  set(form, "symGamma", !("GammaL" in c || "GammaR" in c));
  set(form, "sweep.field", "");
  for (const f of SCALARS) {
    const v = c[f];
    if (isSweep(v)) {
      set(form, "sweep.field", f);
      if (Array.isArray(v)) {
        set(form, "sweep.mode", "list");
        set(form, "sweep.list", v);
      } else {
        const g = v as Record<string, unknown>;
        set(form, "sweep.mode", "grid");
        for (const k of ["from", "to", "points"]) set(form, `sweep.${k}`, g[k]);
      }
      set(form, f, "");
    } else {
      set(form, f, v);
    }
  }
  const init = (c.initial ?? { kind: "thermal" }) as Record<string, unknown>;
  set(form, "initial.kind", init.kind ?? "thermal");
  set(form, "initial.seed", init.seed ?? "");
  const seeds = init.seeds as Record<string, unknown> | unknown[] | undefined;
  set(form, "initial.seedMode", Array.isArray(seeds) ? "list" : seeds !== undefined ? "range" : "one");
  set(form, "initial.seeds", Array.isArray(seeds) ? seeds : "");
  set(form, "initial.seeds.from", Array.isArray(seeds) ? "" : seeds?.from);
  set(form, "initial.seeds.count", Array.isArray(seeds) ? "" : seeds?.count);
  set(form, "initial.occupations", init.occupations ?? "");
  const t = c.times;
  if (Array.isArray(t)) {
    set(form, "times.mode", "list");
    set(form, "times.list", t);
  } else if (isSweep(t)) {
    const g = t as Record<string, unknown>;
    set(form, "times.mode", "grid");
    set(form, "times.from", g.from);
    set(form, "times.to", g.to);
    set(form, "times.countKind", g.points !== undefined ? "points" : "perDecade");
    set(form, "times.count", g.points ?? g.perDecade);
    set(form, "times.zero", g.zero);
  }
  const avg = c.average as Record<string, unknown> | undefined;
  set(form, "average.on", avg !== undefined);
  for (const k of ["from", "to", "points"]) set(form, `average.${k}`, avg?.[k] ?? "");
  if (req.engine) set(form, "engine", req.engine);
  if (req.precision) set(form, "precision", req.precision);
  set(form, "ensemble", req.ensemble ?? false);
}
