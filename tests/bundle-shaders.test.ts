// Builds (the library, the CLI bundle, the benchmark bundle) carry the shaders inlined through
// src/bundle/shaders.ts: a shader missing there fails only in a build, at run time.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("bundled shaders", () => {
  it("src/bundle/shaders.ts imports and registers every file of shaders/", () => {
    const text = readFileSync(new URL("../src/bundle/shaders.ts", import.meta.url), "utf8");
    const files = readdirSync(new URL("../shaders/", import.meta.url)).filter((f) => f.endsWith(".wgsl"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const name = f.replace(/\.wgsl$/, "");
      expect(text, f).toContain(`../../shaders/${f}"`);
      expect(text, f).toMatch(new RegExp(`(^|[\\s{,])("${name}"|${name}):|[\\s{,]${name}[,\\s}]`));
    }
  });
});
