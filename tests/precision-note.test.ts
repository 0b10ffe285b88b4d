// The CLI's note when fast GPU mode runs its f32 path (adapters without exact double-float) beyond the bath size at which its bound is checked.
import { describe, expect, it } from "vitest";
import { FAST_MODE_CHECKED_K, precisionNote } from "../src/engine/engine.ts";

describe("precisionNote", () => {
  it("warns about fast mode beyond the size where its bound is checked, and only there", () => {
    expect(precisionNote({ name: "webgpu-fast-f32 (x)" }, FAST_MODE_CHECKED_K)).toBeUndefined();
    expect(precisionNote({ name: "webgpu-fast-f32 (x)" }, 2000)).toMatch(/--engine cpu/);
    expect(precisionNote({ name: "webgpu-fast (x)" }, 1000)).toBeUndefined();
    expect(precisionNote({ name: "webgpu-accurate (x)" }, 1000)).toBeUndefined();
    expect(precisionNote({ name: "cpu-f64" }, 4000)).toBeUndefined();
  });
});
