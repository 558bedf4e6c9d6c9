import { describe, expect, it } from "vitest";
import { fittingItems } from "./fitting-items";

describe("fittingItems", () => {
  const widths = [100, 100, 100, 100];

  it("shows every section, and no More button, when they all fit", () => {
    expect(fittingItems(widths, 412, 80, 4)).toBe(4);
    expect(fittingItems(widths, 411.6, 80, 4)).toBe(4);
  });

  it("keeps room for the More button once one section does not fit", () => {
    // three sections and More: 100 + 4 + 100 + 4 + 100 + 4 + 80 = 392
    expect(fittingItems(widths, 411, 80, 4)).toBe(3);
    expect(fittingItems(widths, 392, 80, 4)).toBe(3);
    expect(fittingItems(widths, 391, 80, 4)).toBe(2);
  });

  it("puts every section in the menu when not even one fits beside it", () => {
    expect(fittingItems(widths, 150, 80, 4)).toBe(0);
  });
});
