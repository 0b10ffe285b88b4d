/**
 * What crosses between the CLI (Node) and a page in the browser: the engine page's answers, and
 * errors as plain data so that the CLI rethrows the very class the page threw (a ConfigError stays a
 * ConfigError with its field and rule, and keeps its exit code).
 */
import { ConfigError, DeviceLimitError, DeviceLostError } from "../errors.ts";

/** An error as plain data (structured clone and CDP both carry it). */
export interface WireError {
  name: string;
  message: string;
  field?: string;
  rule?: string;
  reason?: string;
  needed?: number;
  limit?: number;
}

/** Every call into a page answers this: never a thrown error, whose class would not survive the trip. */
export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** What the engine page opened: the engine's name (adapter included) and what the engine offers. */
export interface PageEngineInfo {
  name: string;
  /** the WebGPU adapter the page got, or null where it has none */
  adapter: string | null;
  runMany: boolean;
  kernelStats: boolean;
  userAgent: string;
  /** why the engine is not the one asked for (a browser that never answered the adapter request) */
  note?: string;
}

export function toWire(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const w: WireError = { name: e.name, message: e.message };
  for (const k of ["field", "rule", "reason", "needed", "limit"] as const) {
    const v = (e as unknown as Record<string, unknown>)[k];
    if (v !== undefined) (w as unknown as Record<string, unknown>)[k] = v;
  }
  return w;
}

/** The named error back (the classes the CLI maps to exit codes); anything else as an Error of that name. */
export function fromWire(w: WireError): Error {
  if (w.name === "ConfigError" && w.field !== undefined && w.rule !== undefined) return new ConfigError(w.field, w.rule);
  if (w.name === "DeviceLimitError") return new DeviceLimitError(w.message, w.needed, w.limit);
  if (w.name === "DeviceLostError") return new DeviceLostError(w.message, w.reason);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}

/** Runs `f` and wraps its outcome for the trip back. */
export async function wired<T>(f: () => T | Promise<T>): Promise<WireResult<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, error: toWire(e) };
  }
}

/** Unwraps a page's answer, rethrowing its error as the class it was. */
export function unwire<T>(r: WireResult<T>): T {
  if (!r.ok) throw fromWire(r.error);
  return r.value;
}

/** `window.setsimEngine` of the engine page (src/runtime/page/engine-page.ts). */
export interface EnginePageApi {
  open(engine: "cpu" | "webgpu" | "auto", precision: "fast" | "accurate"): Promise<WireResult<PageEngineInfo>>;
  /** per problem: null where the engine takes it, else why not */
  check(problems: unknown[]): Promise<WireResult<Array<WireError | null>>>;
  /** reports points done through `window.setsimProgress` while it runs */
  runMany(jobs: unknown[]): Promise<WireResult<unknown[]>>;
  stats(): unknown;
  close(): void;
}
