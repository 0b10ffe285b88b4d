/**
 * Puts a ConfigError next to the form control it is about. The parser names config paths
 * (`W`, `Gamma.points`, `times[3]`, `initial.occupations[7]`); the form knows which control writes
 * each path, and a path it does not know falls back to its parent (`times[3]` → `times`).
 */
import { control } from "./form-config.ts";

/** Config path → the form control that writes it, for the form's current choices. */
function controlsByPath(form: HTMLFormElement): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of ["K", "KL", "KR", "W", "epsD", "nD", "betaL", "betaR", "muL", "muR", "Gamma", "GammaL", "GammaR"]) m.set(f, f);
  const swept = control(form, "sweep.field").value;
  if (swept) {
    const list = control(form, "sweep.mode").value === "list";
    m.set(swept, list ? "sweep.list" : "sweep.from");
    for (const k of ["from", "to", "points"]) m.set(`${swept}.${k}`, list ? "sweep.list" : `sweep.${k}`);
  }
  m.set("initial", "initial.kind");
  for (const k of ["kind", "seed", "occupations"]) m.set(`initial.${k}`, `initial.${k}`);
  const seedList = control(form, "initial.seedMode").value === "list";
  m.set("initial.seeds", seedList ? "initial.seeds" : "initial.seeds.from");
  for (const k of ["from", "count"]) m.set(`initial.seeds.${k}`, seedList ? "initial.seeds" : `initial.seeds.${k}`);
  const timesList = control(form, "times.mode").value === "list";
  m.set("times", timesList ? "times.list" : "times.from");
  for (const k of ["from", "to", "zero"]) m.set(`times.${k}`, `times.${k}`);
  m.set("times.points", "times.count");
  m.set("times.perDecade", "times.count");
  m.set("average", "average.from");
  for (const k of ["from", "to", "points"]) m.set(`average.${k}`, `average.${k}`);
  return m;
}

/** The control for a config path: the path itself, else its closest parent (`a.b[3]` → `a.b` → `a`). */
export function controlFor(form: HTMLFormElement, path: string): string | undefined {
  const m = controlsByPath(form);
  let p = path;
  while (p !== "") {
    const hit = m.get(p);
    if (hit) return hit;
    const parent = p.replace(/(\[\d+\]|\.?[^.[\]]+)$/, "");
    if (parent === p) return undefined;
    p = parent;
  }
  return undefined;
}

export function clearErrors(form: HTMLFormElement): void {
  form.querySelectorAll(".field-error").forEach((el) => el.remove());
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  const general = form.querySelector<HTMLElement>("#form-error")!;
  general.hidden = true;
  general.textContent = "";
}

/** Shows `message` next to the control for `path` (or above the buttons when no control writes it). */
export function showError(form: HTMLFormElement, path: string | undefined, message: string): void {
  const name = path === undefined ? undefined : controlFor(form, path);
  if (name === undefined) {
    const general = form.querySelector<HTMLElement>("#form-error")!;
    general.textContent = message;
    general.hidden = false;
    return;
  }
  const el = control(form, name);
  el.setAttribute("aria-invalid", "true");
  const note = document.createElement("span");
  note.className = "field-error";
  note.setAttribute("role", "alert");
  note.dataset.for = name;
  note.textContent = message;
  (el.closest(".field, label.check") ?? el.parentElement!).append(note);
  el.focus();
}
