/** What the form shows: fields that apply to the current choices, and the swept field's own box disabled. */
import { control } from "./form-config.ts";

/** `data-show` conditions: `name` (checked / non-empty), `!name`, `name=value`, joined with `&`. */
function holds(form: HTMLFormElement, cond: string): boolean {
  return cond.split("&").every((c) => {
    const negate = c.startsWith("!");
    const [name, value] = (negate ? c.slice(1) : c).split("=");
    const el = control(form, name);
    const on = value !== undefined
      ? el.value === value
      : el instanceof HTMLInputElement && el.type === "checkbox" ? el.checked : el.value !== "";
    return negate ? !on : on;
  });
}

export function updateVisibility(form: HTMLFormElement): void {
  form.querySelectorAll<HTMLElement>("[data-show]").forEach((el) => {
    el.hidden = !holds(form, el.dataset.show!);
  });
  const swept = control(form, "sweep.field").value;
  for (const name of ["K", "KL", "KR", "W", "epsD", "nD", "betaL", "betaR", "muL", "muR", "Gamma", "GammaL", "GammaR"]) {
    const el = control(form, name) as HTMLInputElement;
    el.disabled = name === swept;
    el.placeholder = name === swept ? "swept (see Sweep)" : "";
  }
}

/** Sweeping K (or Γ) implies K_L = K_R (Γ_L = Γ_R), sweeping one side implies they differ. */
export function syncSweepWithPairs(form: HTMLFormElement): void {
  const swept = control(form, "sweep.field").value;
  const symK = control(form, "symK") as HTMLInputElement;
  const symG = control(form, "symGamma") as HTMLInputElement;
  if (swept === "K") symK.checked = true;
  if (swept === "KL" || swept === "KR") symK.checked = false;
  if (swept === "Gamma") symG.checked = true;
  if (swept === "GammaL" || swept === "GammaR") symG.checked = false;
}
