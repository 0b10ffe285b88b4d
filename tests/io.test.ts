// Result files and plots: JSON/CSV round trips and spelling of non-finite values, determinism, atomic writes, SVG plots.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { META_COLUMNS, type Meta, ROW_COLUMNS, type Row, type RunResult } from "../src/observables/columns.ts";
import { writeFileAtomicSync } from "../src/io/atomic-write.ts";
import { OutputError } from "../src/errors.ts";
import { formatAveragesCsv, formatAveragesJson, formatCsv, formatJson, parseResultJson, ResultFormatError } from "../src/io/format.ts";
import { plotAverages, plotTrace } from "../src/io/plots.ts";
import { findRegimes } from "../src/observables/regimes.ts";
import { axisTicks, makeScale } from "../src/io/svg-axes.ts";

function row(t: number, f: (c: string, i: number) => number): Row {
  return Object.fromEntries(ROW_COLUMNS.map((c, i) => [c, c === "t" ? t : f(c, i)])) as Row;
}

/** A synthetic run: smooth positive values, t = 0 first, log-spaced times after. */
function synthetic(n = 40): RunResult {
  const times = [0, ...Array.from({ length: n - 1 }, (_, i) => 10 ** (-4 + (12 * i) / (n - 2)))];
  const rows = times.map((t) => row(t, (_c, i) => (1 + 0.1 * i) * (1 - Math.exp(-t / (1 + i))) + 1e-3 * Math.sin(i + t)));
  const meta = Object.fromEntries(META_COLUMNS.map((c, i) => [c, 0.1 + i / 7])) as Meta;
  return { config: { K: 20, W: 10, initial: { kind: "thermal" } }, meta, rows, average: row(1e6, (_c, i) => 1 / (i + 3)) };
}

function nanResult(): RunResult {
  const meta = Object.fromEntries(META_COLUMNS.map((c) => [c, NaN])) as Meta;
  return { config: {}, meta, rows: [0, 1, 10].map((t) => row(t, () => NaN)) };
}

describe("formatJson and parseResultJson", () => {
  it("reads a file written before the infinite-time references existed (they read as NaN), so an old sweep resumes", () => {
    const doc = JSON.parse(formatJson(synthetic(3)));
    for (const k of ["betaLinf", "muLinf", "betaRinf", "muRinf", "SLinf", "SRinf", "SBinf", "ILRinf"]) delete doc.meta[k];
    const back = parseResultJson(JSON.stringify(doc));
    expect(back.meta.betaLinf).toBeNaN();
    expect(back.meta.betaRef).toBe(synthetic(3).meta.betaRef);
    delete doc.meta.betaRef;
    expect(() => parseResultJson(JSON.stringify(doc))).toThrow(/meta.betaRef is missing/);
  });

  it("round-trips every number exactly, with NaN and ±Infinity written as null and read back as NaN", () => {
    const r = synthetic(5);
    r.rows[1].betaL = Infinity;
    r.rows[2].betaR = -Infinity;
    r.rows[3].muL = NaN;
    r.meta.betaRef = NaN;
    r.rows[4].SS = 0.1 + 0.2;
    r.rows[4].EL = -1.2345678901234567e-300;
    const text = formatJson(r);
    const doc = JSON.parse(text);
    expect(doc.rows[1].betaL).toBeNull();
    expect(doc.rows[2].betaR).toBeNull();
    expect(doc.rows[3].muL).toBeNull();
    expect(doc.meta.betaRef).toBeNull();
    const back = parseResultJson(text);
    expect(back.config).toEqual(r.config);
    expect(back.rows[1].betaL).toBeNaN();
    expect(back.rows[2].betaR).toBeNaN();
    expect(back.rows[4].SS).toBe(0.1 + 0.2);
    expect(back.rows[4].EL).toBe(-1.2345678901234567e-300);
    expect(back.average).toEqual(r.average);
    expect(back.rows[0]).toEqual(r.rows[0]);
    expect(formatJson(back)).toBe(text);
  });

  it("writes { config, units, meta, rows, average } with keys in ROW_COLUMNS / META_COLUMNS order, one row per line", () => {
    const r = synthetic(4);
    const text = formatJson(r);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(["config", "units", "meta", "rows", "average"]);
    expect(Object.keys(doc.meta)).toEqual([...META_COLUMNS]);
    for (const rw of doc.rows) expect(Object.keys(rw)).toEqual([...ROW_COLUMNS]);
    expect(Object.keys(doc.units.columns)).toEqual([...ROW_COLUMNS]);
    expect(doc.units.entropy).toMatch(/nats/);
    const rowLines = text.split("\n").filter((l) => l.trimStart().startsWith('{"t":'));
    expect(rowLines).toHaveLength(4);
    expect(JSON.parse(text.replace(/\n/g, ""))).toEqual(doc);
  });

  it("is deterministic: the same result formats to identical bytes, whatever the rows' key order", () => {
    const a = synthetic();
    const b: RunResult = { ...a, rows: a.rows.map((r) => Object.fromEntries(Object.entries(r).reverse()) as Row) };
    expect(formatJson(a)).toBe(formatJson(a));
    expect(formatJson(b)).toBe(formatJson(a));
    expect(formatCsv(a.rows)).toBe(formatCsv(a.rows));
  });

  it("keeps ±∞ averages through the file (JSON null + averageInfinite), so averages.csv writes inf, not nan", () => {
    const r = synthetic(5);
    r.average!.sigma = Infinity;
    r.average!.Deq = -Infinity;
    r.average!.DrelL = NaN;
    const text = formatJson(r);
    expect(text).toMatch(/"sigma":null/);
    const back = parseResultJson(text).average!;
    expect([back.sigma, back.Deq, back.DrelL]).toEqual([Infinity, -Infinity, NaN]);
    const csv = formatAveragesCsv("Gamma", [{ value: 3, average: back }]).trimEnd().split("\n");
    const cell = (c: string) => csv[1].split(",")[csv[0].split(",").indexOf(c)];
    expect([cell("sigma"), cell("Deq"), cell("DrelL")]).toEqual(["inf", "-inf", "nan"]);
    expect(formatJson(parseResultJson(text))).toBe(text);
  });

  it("omits average when there is none and writes an empty rows array", () => {
    const doc = JSON.parse(formatJson({ config: {}, meta: synthetic().meta, rows: [] }));
    expect(doc.rows).toEqual([]);
    expect("average" in doc).toBe(false);
  });

  it("refuses text that is not a result", () => {
    expect(() => parseResultJson("{")).toThrow(ResultFormatError);
    expect(() => parseResultJson('{"config":{},"meta":{},"rows":[]}')).toThrow(/meta\.betaRef is missing/);
    const text = formatJson(synthetic(2)).replace('{"t":0,"nd":', '{"t":0,"nd":"x","old":');
    expect(() => parseResultJson(text)).toThrow(/rows\[0\]\.nd is not a number/);
  });
});

describe("formatCsv", () => {
  it("has the header ROW_COLUMNS and spells non-finite values inf, -inf, nan", () => {
    const r = synthetic(3);
    r.rows[1].betaL = Infinity;
    r.rows[1].betaR = -Infinity;
    r.rows[1].muL = NaN;
    const lines = formatCsv(r.rows).trimEnd().split("\n");
    expect(lines[0].split(",")).toEqual([...ROW_COLUMNS]);
    expect(lines).toHaveLength(4);
    const cells = lines[2].split(",");
    expect(cells[ROW_COLUMNS.indexOf("betaL")]).toBe("inf");
    expect(cells[ROW_COLUMNS.indexOf("betaR")]).toBe("-inf");
    expect(cells[ROW_COLUMNS.indexOf("muL")]).toBe("nan");
    expect(Number(lines[3].split(",")[ROW_COLUMNS.indexOf("SS")])).toBe(r.rows[2].SS);
  });
});

describe("tables of averages", () => {
  const table = [{ value: 3.16, average: synthetic().average! }, { value: 10, average: row(0, () => -Infinity) }];

  it("puts the swept field first, then ROW_COLUMNS without t", () => {
    const lines = formatAveragesCsv("Gamma", table).trimEnd().split("\n");
    expect(lines[0].split(",")).toEqual(["Gamma", ...ROW_COLUMNS.filter((c) => c !== "t")]);
    expect(lines[1].startsWith("3.16,")).toBe(true);
    expect(lines[2].split(",").slice(1).every((c) => c === "-inf")).toBe(true);
    const doc = JSON.parse(formatAveragesJson("Gamma", table));
    expect(doc.field).toBe("Gamma");
    expect(Object.keys(doc.rows[0])).toEqual(["Gamma", ...ROW_COLUMNS.filter((c) => c !== "t")]);
    expect(doc.rows[1].nd).toBeNull();
    expect(formatAveragesJson("Gamma", table)).toBe(formatAveragesJson("Gamma", table));
  });

  it("renames a swept field that is also an output name", () => {
    expect(formatAveragesCsv("betaL", table).split("\n")[0].startsWith("config.betaL,nd,")).toBe(true);
  });
});

describe("atomic writes", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "setsim-io-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves the final content and no temp files (replacing an old file)", () => {
    const a = join(dir, "a.json");
    writeFileSync(a, "old");
    writeFileAtomicSync(a, "new ✓\n");
    writeFileAtomicSync(join(dir, "b.csv"), "x,y\n1,2\n");
    expect(readFileSync(a, "utf8")).toBe("new ✓\n");
    expect(readFileSync(join(dir, "b.csv"), "utf8")).toBe("x,y\n1,2\n");
    expect(readdirSync(dir).sort()).toEqual(["a.json", "b.csv"]);
  });

  it("fails without leaving anything behind when the target cannot be written", () => {
    const target = join(dir, "sub");
    writeFileSync(join(dir, "keep"), "k");
    // renaming a file onto a non-empty directory fails
    mkdirSync(target);
    writeFileSync(join(target, "inner"), "i");
    expect(() => writeFileAtomicSync(target, "data")).toThrow();
    expect(readdirSync(dir).sort()).toEqual(["keep", "sub"]);
    expect(() => writeFileAtomicSync(join(dir, "missing", "f"), "data")).toThrow(OutputError);
    expect(() => writeFileAtomicSync(join(dir, "missing", "f"), "data")).toThrow(/cannot write .*missing\/f: a parent directory does not exist \(ENOENT\)/);
  });
});

function expectSvg(svg: string): void {
  expect(svg.startsWith("<svg")).toBe(true);
  expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
}

describe("plots", () => {
  it("plotTrace draws every figure with non-empty paths for a synthetic run", () => {
    const plots = plotTrace(synthetic(), "trace_k20.json");
    expect(plots.map((p) => p.name)).toEqual(["beta-star", "mu-star", "entropy-production", "mutual-information", "relative-entropy"]);
    for (const p of plots) {
      expectSvg(p.svg);
      expect(p.svg).toMatch(/<path d="M[^"]+"/);
      expect(p.svg).toContain("t [ħ/energy unit]");
    }
    expect(plots[0].svg).toContain('stroke-dasharray="6 4"');
    expect(plots[0].svg).toContain("trace_k20.json");
    expect(plotTrace(synthetic(), "x")[2].svg).toBe(plotTrace(synthetic(), "x")[2].svg);
  });

  it("plotTrace marks regimes II and III by the shared rule (against β*_ν(∞)) and states the rule under the legend", () => {
    const r = synthetic();
    Object.assign(r.meta, { betaL0: 10, betaR0: 2, betaLinf: 1.5, betaRinf: 1.5, betaLgg: 1, betaRgg: 1 });
    for (const row of r.rows) {
      row.betaL = 1.5 + 8.5 * Math.exp(-row.t);
      row.betaR = 1.5 + 0.5 * Math.exp(-row.t / 100);
    }
    const regimes = findRegimes(r.rows, r.meta);
    expect(regimes.II).toBeDefined();
    expect(regimes.III).toBeDefined();
    for (const p of plotTrace(r, "x")) {
      expect(p.svg.match(/stroke="#555" stroke-dasharray="2 3"/g), p.name).toHaveLength(2);
      expect(p.svg).toMatch(/>III<\/text>/);
      expect(p.svg).toContain("of its way");
    }
    expect(plotTrace(r, "x")[0].svg).toContain("(infinite time)");
  });

  it("names rounding-level entropies (Γ = 0: nothing moves) instead of drawing 1e-15 noise on log axes", () => {
    const r = synthetic();
    for (const row of r.rows) for (const c of ["ISB", "ILR", "IoL", "IoR", "Dstar", "Sigma", "sigma", "Deq"] as const) row[c] = 1e-15 * Math.sin(row.t + c.length);
    const [, , production, mi] = plotTrace(r, "g0");
    for (const p of [production, mi]) {
      expect(p.svg).toContain("= 0 to rounding");
      expect(p.svg).toContain("every curve is zero to rounding");
      expect(p.svg).not.toMatch(/<path d="M/);
      expect(p.svg).toContain("10<tspan"); // the time axis is still there (10^k labels)
    }
  });

  it("keeps tick labels apart on a short log axis and writes tiny linear ranges in exponent form", () => {
    for (const [lo, hi, width] of [[3.16, 1000, 392], [1, 1000, 150], [0.5, 2000, 300]]) {
      const labelled = axisTicks(makeScale([lo, hi], [0, width], true), true, "x").filter((t) => t.label !== "");
      expect(labelled.length).toBeGreaterThan(1);
      for (let i = 1; i < labelled.length; i++) {
        const gap = labelled[i].pos - labelled[i - 1].pos;
        expect(gap, `${labelled[i - 1].label} / ${labelled[i].label}`).toBeGreaterThanOrEqual(((labelled[i].label.length + labelled[i - 1].label.length) * 7) / 2);
      }
    }
    const tiny = axisTicks(makeScale([0, 1.3e-13], [300, 0], false), false, "y").map((t) => t.label).filter(Boolean);
    expect(tiny.every((l) => l.length <= 8), tiny.join(" ")).toBe(true);
  });

  it("plotAverages draws the averages and the normalized correlations with the classical bound", () => {
    const table = [3.16, 10, 31.6, 100].map((value, i) => ({ value, average: row(0, (_c, j) => 0.01 * (j + 1) * (i + 2)) }));
    const plots = plotAverages("Gamma", table, { KL: 20, KR: 30 });
    expect(plots.map((p) => p.name)).toEqual(["averages", "normalized-correlations"]);
    for (const p of plots) {
      expectSvg(p.svg);
      expect(p.svg).toMatch(/<path d="M[^"]+"/);
      expect(p.svg).toContain("Γ [energy unit]");
    }
    expect(plots[1].svg).toContain("classical bound");
  });

  it("does not throw on NaN-only or empty data, and draws empty axes", () => {
    for (const p of [...plotTrace(nanResult(), "nan"), ...plotTrace({ ...nanResult(), rows: [] }, "empty")]) {
      expectSvg(p.svg);
      expect(p.svg).toContain("no finite data");
    }
    const nanTable = [{ value: NaN, average: row(0, () => NaN) }, { value: 1, average: row(0, () => -Infinity) }];
    for (const p of [...plotAverages("K", nanTable, { KL: 2, KR: 2 }), ...plotAverages("K", [], { KL: 2, KR: 2 })]) expectSvg(p.svg);
  });
});
