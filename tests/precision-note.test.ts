// The CLI's note when fast GPU mode runs its f32 path at every size (adapters without exact double-float) beyond the bath size at which its bound is checked.
import { describe, expect, it } from "vitest";
import { FAST_MODE_CHECKED_K, precisionNote } from "../src/engine/engine.ts";

describe("precisionNote", () => {
  it("warns about fast mode in f32 beyond the size where its bound is checked, and only there", () => {
    expect(precisionNote({ name: "webgpu-fast-f32 (x)" }, FAST_MODE_CHECKED_K)).toBeUndefined();
    expect(precisionNote({ name: "webgpu-fast-f32 (x)" }, 2000)).toMatch(/--engine cpu/);
    // elsewhere fast mode runs the df64 path beyond that size
    expect(precisionNote({ name: "webgpu-fast (x)" }, 2000)).toBeUndefined();
    expect(precisionNote({ name: "webgpu-fast-df64 (x)" }, 2000)).toBeUndefined();
    expect(precisionNote({ name: "webgpu-accurate (x)" }, 4000)).toBeUndefined();
    expect(precisionNote({ name: "cpu-f64" }, 4000)).toBeUndefined();
  });
});
