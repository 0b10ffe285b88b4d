// What `setsim batch` takes as input (files, folders, file-name patterns) and how it reports: no browser involved.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configName, expandConfigArgs } from "../src/cli/config-files.ts";
import { formatSummary } from "../src/cli/batch.ts";

describe("batch inputs", () => {
  const dir = mkdtempSync(join(tmpdir(), "setsim-batch-"));
  for (const f of ["fig6a.json", "fig6b.json", "trace.json", "notes.txt"]) writeFileSync(join(dir, f), "{}");
  mkdirSync(join(dir, "sub"));

  it("expands a folder to its *.json, a pattern in the file name to its matches, and keeps each file once in order", () => {
    expect(expandConfigArgs([dir])).toEqual(["fig6a.json", "fig6b.json", "trace.json"].map((f) => join(dir, f)));
    expect(expandConfigArgs([join(dir, "fig6?.json"), join(dir, "*.json")])).toEqual(["fig6a.json", "fig6b.json", "trace.json"].map((f) => join(dir, f)));
    expect(expandConfigArgs([join(dir, "trace.json")])).toEqual([join(dir, "trace.json")]);
    expect(configName(join(dir, "fig6a.json"))).toBe("fig6a");
  });

  it("refuses a name that matches nothing, naming it", () => {
    expect(() => expandConfigArgs([join(dir, "nope.json")])).toThrow(/nope\.json: no such file or folder/);
    expect(() => expandConfigArgs([join(dir, "*.yaml")])).toThrow(/\*\.yaml: names no config file/);
    expect(() => expandConfigArgs([join(dir, "sub")])).toThrow(/sub: names no config file/);
    expect(() => expandConfigArgs([join(dir, "*", "a.json")])).toThrow(/wildcards are allowed in the file name only/);
  });

  it("prints the summary as an aligned table", () => {
    expect(formatSummary([
      { config: "fig6a", points: 252, seconds: 12.345, status: "ok", exitCode: 0 },
      { config: "bad", points: 0, seconds: 0, status: "failed: W: must be > 0", exitCode: 2 },
    ])).toBe(
      "config  points  seconds  status\n" +
      "fig6a      252    12.35  ok\n" +
      "bad          0     0.00  failed: W: must be > 0\n",
    );
  });
});
