/** Result files of SPEC §4: JSON (non-finite → null, with units) and CSV (inf/-inf/nan), byte-deterministic. */
import { stringify } from "csv-stringify/sync";
import { META_COLUMNS, type Meta, ROW_COLUMNS, type Row, type RunResult } from "../observables/columns.ts";

import { ResultFormatError } from "../errors.ts";

export { ResultFormatError };

/** Units and definitions written into every JSON result as its top-level `"units"` object. */
export const UNITS = {
  energy: "the input energy unit (that of W, epsD, mu, Gamma); EL, ER, QL, QR, mu* are in it",
  time: "hbar/energy unit (hbar = 1)",
  temperature: "k_B = 1: beta in 1/energy unit",
  entropy: "nats (natural logarithms)",
  nonFinite: "null stands for a non-finite or undefined value (beta* = ±inf for an extremal bath state; mu* at beta* = 0, where only beta*·mu* is defined; Q and sigma where beta*(0) or mu*(0) is); averageInfinite names the entries of average that are +inf or -inf",
  columns: {
    t: "time [hbar/energy]",
    nd: "dot occupation C_00",
    EL: "bare energy of bath L, sum_k eps_k C_kk [energy]",
    ER: "bare energy of bath R, sum_k eps_k C_kk [energy]",
    NL: "particle number of bath L, sum_k C_kk",
    NR: "particle number of bath R, sum_k C_kk",
    betaL: "effective inverse temperature beta*_L matching EL, NL (eqs. 5-6) [1/energy]",
    muL: "effective chemical potential mu*_L matching EL, NL (eqs. 5-6) [energy]",
    betaR: "effective inverse temperature beta*_R matching ER, NR (eqs. 5-6) [1/energy]",
    muR: "effective chemical potential mu*_R matching ER, NR (eqs. 5-6) [energy]",
    SS: "von Neumann entropy of the dot S_S [nats]",
    SL: "entropy of bath L S_L [nats]",
    SR: "entropy of bath R S_R [nats]",
    SB: "entropy of both baths together S_B [nats]",
    ISB: "system-bath mutual information I_S-B = S_S + S_B - S_tot [nats]",
    ILR: "inter-bath correlation I_L-R = S_L + S_R - S_B [nats]",
    IoL: "intra-bath correlation I_oL = sum_k h(C_kk) - S_L [nats]",
    IoR: "intra-bath correlation I_oR = sum_k h(C_kk) - S_R [nats]",
    Dstar: "local athermality D*_env = sum_nu [S^pi_nu(t) - sum_k h(C_kk)] (eq. 11) [nats]",
    Sigma: "entropy production Sigma = [S_S(t) - S_S(0)] + sum_nu [S^pi_nu(t) - S^pi_nu(0)] (eq. 7) [nats]",
    QL: "heat from bath L, -sum_k [C_kk(t) - C_kk(0)] (eps_k - mu*_L(0)) [energy]",
    QR: "heat from bath R, -sum_k [C_kk(t) - C_kk(0)] (eps_k - mu*_R(0)) [energy]",
    sigma: "sigma = [S_S(t) - S_S(0)] - sum_nu beta*_nu(0) Q_nu (eq. 13) [nats]",
    Deq: "finite-bath effect D^eq_env = sigma - Sigma (eq. 14) [nats]",
    DrelL: "D[rho_L||pi_L]/S^pi_L = (S^pi_L - S_L)/S^pi_L, dimensionless, in [0, 1]",
    DrelR: "D[rho_R||pi_R]/S^pi_R = (S^pi_R - S_R)/S^pi_R, dimensionless, in [0, 1]",
  } satisfies Record<(typeof ROW_COLUMNS)[number], string>,
  meta: {
    betaRef: "beta of the global grand canonical state matching <H>, <N> (App. B) [1/energy]",
    muRef: "mu of the global grand canonical state matching <H>, <N> (App. B) [energy]",
    betaLgg: "beta*_L of bath L inside the global state [1/energy]",
    muLgg: "mu*_L of bath L inside the global state [energy]",
    betaRgg: "beta*_R of bath R inside the global state [1/energy]",
    muRgg: "mu*_R of bath R inside the global state [energy]",
    betaRefBare: "beta of the global state matched on the bare energy [1/energy]",
    muRefBare: "mu of the global state matched on the bare energy [energy]",
    betaLinf: "beta*_L of the infinite-time (dephased) state: C(0) projected onto the eigenspaces of H, the t -> infinity average of C(t); regime III settles here [1/energy]",
    muLinf: "mu*_L of the infinite-time (dephased) state [energy]",
    betaRinf: "beta*_R of the infinite-time (dephased) state [1/energy]",
    muRinf: "mu*_R of the infinite-time (dephased) state [energy]",
    SLinf: "entropy of bath L in the infinite-time state [nats]",
    SRinf: "entropy of bath R in the infinite-time state [nats]",
    SBinf: "entropy of both baths together in the infinite-time state [nats]",
    ILRinf: "inter-bath correlation I_L-R = SLinf + SRinf - SBinf of the infinite-time state [nats]",
    betaL0: "beta*_L(0) [1/energy]",
    muL0: "mu*_L(0) [energy]",
    betaR0: "beta*_R(0) [1/energy]",
    muR0: "mu*_R(0) [energy]",
    Stot: "S_tot = sum_i h(C_ii(0)), conserved [nats]",
    E0: "<H>, conserved [energy]",
    N0: "<N> = sum_i C_ii, conserved",
  } satisfies Record<(typeof META_COLUMNS)[number], string>,
} as const;

/** A number as JSON: JS's shortest round-trip form, `null` when not finite. */
export function jsonNumber(x: unknown): string {
  return typeof x === "number" && Number.isFinite(x) ? JSON.stringify(x) : "null";
}

/** A number as a CSV cell: round-trip form, or `inf`/`-inf`/`nan`. */
export function csvNumber(x: number): string {
  if (Number.isFinite(x)) return String(x);
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return "nan";
}

/** The known keys in order, then (unless `onlyKnown`) any extra numeric keys a feature added, in insertion order. */
function orderedKeys(obj: object, known: readonly string[], onlyKnown = false): string[] {
  if (onlyKnown) return [...known];
  const extra = Object.keys(obj).filter((k) => !known.includes(k) && typeof (obj as Record<string, unknown>)[k] === "number");
  return [...known, ...extra];
}

/** One compact JSON object on one line: `{"t":0,"nd":0.5,...}`. */
function compactObject(obj: object, known: readonly string[], onlyKnown = false): string {
  const o = obj as Record<string, unknown>;
  return `{${orderedKeys(obj, known, onlyKnown).map((k) => `${JSON.stringify(k)}:${jsonNumber(o[k])}`).join(",")}}`;
}

/** `JSON.stringify(value, null, 2)` re-indented to sit at nesting depth 1. */
function nested(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, "\n  ");
}

/** A JSON array of compact one-line objects, one per line. */
function rowArray(lines: string[]): string {
  return lines.length === 0 ? "[]" : `[\n    ${lines.join(",\n    ")}\n  ]`;
}

/**
 * One run as JSON (SPEC §4): `{ config, units, meta, rows, average? }`. `meta` and `average` keys
 * follow META_COLUMNS / ROW_COLUMNS, each row is one compact line, non-finite numbers are `null`.
 * Deterministic: equal inputs give byte-identical text, and
 * `formatJson(parseResultJson(formatJson(r))) === formatJson(r)`.
 *
 * @example
 * writeFileAtomicSync("run.json", formatJson({ config, meta, rows }));
 */
export function formatJson(result: RunResult): string {
  const meta = result.meta as Record<string, unknown>;
  const metaLines = orderedKeys(result.meta, META_COLUMNS).map((k) => `${JSON.stringify(k)}: ${jsonNumber(meta[k])}`);
  const parts = [
    `"config": ${nested(result.config)}`,
    `"units": ${nested(UNITS)}`,
    `"meta": {\n    ${metaLines.join(",\n    ")}\n  }`,
    `"rows": ${rowArray(result.rows.map((r) => compactObject(r, ROW_COLUMNS)))}`,
  ];
  if (result.average) {
    parts.push(`"average": ${compactObject(result.average, ROW_COLUMNS)}`);
    const infinite = infiniteEntries(result.average);
    if (infinite) parts.push(`"averageInfinite": ${JSON.stringify(infinite)}`);
  }
  return `{\n  ${parts.join(",\n  ")}\n}\n`;
}

/**
 * The ±∞ entries of a row as `{"sigma": "inf"}` (undefined when none): JSON writes them null like
 * NaN, and the table of averages, built from the files, must still tell +∞ from undefined.
 */
function infiniteEntries(row: Row): Record<string, "inf" | "-inf"> | undefined {
  const out: Record<string, "inf" | "-inf"> = {};
  for (const c of ROW_COLUMNS) if (row[c] === Infinity || row[c] === -Infinity) out[c] = row[c] > 0 ? "inf" : "-inf";
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Rows as CSV (SPEC §4): header ROW_COLUMNS, one line per time, `inf`/`-inf`/`nan` for non-finite.
 *
 * @example
 * formatCsv(result.rows).split("\n")[0]; // "t,nd,EL,ER,..."
 */
export function formatCsv(rows: readonly Row[]): string {
  const records = [[...ROW_COLUMNS], ...rows.map((r) => ROW_COLUMNS.map((c) => csvNumber(r[c])))];
  return stringify(records);
}

/** One swept value and the regime-III average row computed for it. */
export interface AverageEntry {
  value: number;
  average: Row;
}

/** The columns of a table of averages: the swept field first, then ROW_COLUMNS without `t`. */
function averageColumns(field: string): { swept: string; columns: string[] } {
  // a swept input named like an output column (betaL, muL, ...) must not collide with it
  const swept = (ROW_COLUMNS as readonly string[]).includes(field) ? `config.${field}` : field;
  return { swept, columns: [swept, ...ROW_COLUMNS.filter((c) => c !== "t")] };
}

/** Column name of the swept value in the tables of averages (`config.<field>` if `field` is also an output name). */
export function sweptColumnName(field: string): string {
  return averageColumns(field).swept;
}

/**
 * A sweep's table of regime-III averages as CSV: header `<field>,nd,EL,...,DrelR`, one line per value.
 *
 * @example
 * formatAveragesCsv("Gamma", [{ value: 3.16, average }]); // "Gamma,nd,EL,...\n3.16,..."
 */
export function formatAveragesCsv(field: string, table: readonly AverageEntry[]): string {
  const { columns } = averageColumns(field);
  const records = [columns, ...table.map((e) => [csvNumber(e.value), ...columns.slice(1).map((c) => csvNumber(e.average[c as keyof Row]))])];
  return stringify(records);
}

/**
 * A sweep's table of regime-III averages as JSON: `{ field, units, columns, rows }`, each row one
 * compact line `{"<field>":value,"nd":...}`, non-finite as `null`.
 *
 * @example
 * const s = await sweep(config);
 * writeFileSync("averages.json", formatAveragesJson(s.field, s.averages!));
 */
export function formatAveragesJson(field: string, table: readonly AverageEntry[]): string {
  const { swept, columns } = averageColumns(field);
  const rows = table.map((e) => compactObject({ ...e.average, [swept]: e.value }, columns, true));
  const parts = [
    `"field": ${JSON.stringify(field)}`,
    `"units": ${nested({ ...UNITS, average: "arithmetic mean over the config's regime-III averaging times" })}`,
    `"columns": ${JSON.stringify(columns)}`,
    `"rows": ${rowArray(rows)}`,
  ];
  return `{\n  ${parts.join(",\n  ")}\n}\n`;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Meta keys added after files were first written (the infinite-time references): a file without them
 * still reads (as NaN), so a sweep begun by an earlier version can be resumed.
 */
const LATER_META: readonly string[] = ["betaLinf", "muLinf", "betaRinf", "muRinf", "SLinf", "SRinf", "SBinf", "ILRinf"];

/** A numeric record read back: `null` → NaN; every `known` key must be present, except those in `optional` (→ NaN). */
function readNumbers(x: unknown, known: readonly string[], where: string, optional: readonly string[] = []): Record<string, number> {
  if (!isObject(x)) throw new ResultFormatError(`${where} is not an object`);
  const out: Record<string, number> = {};
  const extra = Object.keys(x).filter((k) => !known.includes(k) && (typeof x[k] === "number" || x[k] === null));
  for (const k of [...known, ...extra]) {
    const v = x[k];
    if (v === null || (v === undefined && optional.includes(k))) out[k] = NaN;
    else if (typeof v === "number") out[k] = v;
    else throw new ResultFormatError(`${where}.${k} is ${v === undefined ? "missing" : "not a number"}`);
  }
  return out;
}

/**
 * Reads a file written by {@link formatJson} back into a RunResult (`null` → NaN; `units` ignored).
 * Throws {@link ResultFormatError} on anything else.
 *
 * @example
 * const { meta, rows } = parseResultJson(readFileSync("out.json", "utf8"));
 */
export function parseResultJson(text: string): RunResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ResultFormatError(`invalid JSON (${(err as Error).message})`);
  }
  if (!isObject(doc)) throw new ResultFormatError("top level is not an object");
  if (!isObject(doc.config)) throw new ResultFormatError("config is not an object");
  if (!Array.isArray(doc.rows)) throw new ResultFormatError("rows is not an array");
  const result: RunResult = {
    config: doc.config,
    meta: readNumbers(doc.meta, META_COLUMNS, "meta", LATER_META) as Meta,
    rows: doc.rows.map((r, i) => readNumbers(r, ROW_COLUMNS, `rows[${i}]`) as Row),
  };
  if (doc.average !== undefined) {
    const average = readNumbers(doc.average, ROW_COLUMNS, "average") as Row;
    if (isObject(doc.averageInfinite)) {
      for (const [k, v] of Object.entries(doc.averageInfinite)) {
        if (Object.hasOwn(average, k) && (v === "inf" || v === "-inf")) average[k as keyof Row] = v === "inf" ? Infinity : -Infinity;
      }
    }
    result.average = average;
  }
  return result;
}
