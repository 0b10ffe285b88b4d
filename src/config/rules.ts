/** Zod building blocks that speak plain English, and the map from a zod failure to one ConfigError. */
import * as z from "zod";
import { ConfigError } from "../errors.ts";

/** A finite number; a missing value "is required", NaN/±∞ "must be finite", anything else "must be a number". */
export const finite = () =>
  z.number({
    error: (iss) =>
      iss.input === undefined ? "is required" : typeof iss.input === "number" ? "must be finite" : "must be a number",
  });

/** A finite number > 0. */
export const positive = () => finite().gt(0, "must be > 0");
/** A finite number ≥ 0. */
export const nonNegative = () => finite().gte(0, "must be ≥ 0");
/** A finite number in [0, 1]. */
export const unitInterval = () => finite().gte(0, "must be in [0, 1]").lte(1, "must be in [0, 1]");
/** An integer ≥ `min` (safe-integer range). */
export const integerAtLeast = (min: number) =>
  finite().int(`must be an integer ≥ ${min}`).gte(min, `must be an integer ≥ ${min}`);
/** `true` or `false`. */
export const bool = () =>
  z.boolean({ error: (iss) => (iss.input === undefined ? "is required" : "must be true or false") });

/** Keys echoed into messages are cut to this length (an input may hold a 50 MB key). */
const MAX_KEY = 40;

/**
 * A JSON path: `initial` + `["occupations", 3]` → `initial.occupations[3]`; a key that is not a
 * plain name is quoted and cut (`["a b\n…"]`), so the message stays one short line.
 */
export function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]{0,39}$/.test(String(key))) out += out === "" ? String(key) : `.${String(key)}`;
    else {
      const k = String(key);
      out += `[${JSON.stringify(k.length > MAX_KEY ? `${k.slice(0, MAX_KEY)}…` : k)}]`;
    }
  }
  return out;
}

function describeType(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  return typeof input === "object" ? "an object" : `a ${typeof input}`;
}

/** Per-parse error map: plain English for the issues whose schema gives no message of its own. */
const plainEnglish: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === "invalid_type") {
    if (iss.input === undefined) return "is required";
    const expected = iss.expected === "array" ? "a list" : iss.expected === "object" ? "an object" : `a ${iss.expected}`;
    return `must be ${expected}, not ${describeType(iss.input)}`;
  }
  if (iss.code === "invalid_value") return `must be ${iss.values.map((v) => JSON.stringify(v)).join(" or ")}`;
  if (iss.code === "unrecognized_keys") return "unknown field";
  return undefined;
};

/**
 * The first issue of a zod failure as a ConfigError whose field is `prefix` joined with the issue's
 * path. Unknown fields are reported first: a misspelt key usually also leaves a required one missing.
 * Messages are plain English when the error was made by `parseWith`.
 */
export function configErrorFrom(error: z.ZodError, prefix: string): ConfigError {
  const issues = error.issues;
  const unknown = issues.find((i) => i.code === "unrecognized_keys");
  if (unknown && unknown.code === "unrecognized_keys") {
    return new ConfigError(joinPath(prefix, [...unknown.path, unknown.keys[0]]), "unknown field");
  }
  return new ConfigError(joinPath(prefix, issues[0].path), issues[0].message);
}

/**
 * Parses `value` with `schema`, or throws the ConfigError of its first issue, named from `field`.
 *
 * @example
 * parseWith(positive(), -1, "W"); // throws ConfigError("W", "must be > 0")
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const r = schema.safeParse(value, { error: plainEnglish });
  if (!r.success) throw configErrorFrom(r.error, field);
  return r.data;
}

/** A plain (non-null, non-list) JSON object, or a ConfigError "must be an object". */
export function asObject(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined) throw new ConfigError(field, "is required");
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(field, `must be an object, not ${describeType(value)}`);
  }
  return value as Record<string, unknown>;
}
