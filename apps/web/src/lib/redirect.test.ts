import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it("follows paths inside the app", () => {
    expect(safeRedirect("/settings/team?tab=1")).toBe("/settings/team?tab=1");
  });

  it("drops anything that could leave the app", () => {
    expect(safeRedirect("https://evil.example")).toBeUndefined();
    expect(safeRedirect("//evil.example")).toBeUndefined();
    expect(safeRedirect("/\\evil.example")).toBeUndefined();
    expect(safeRedirect(42)).toBeUndefined();
  });
});
