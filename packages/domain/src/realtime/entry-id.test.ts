import { describe, expect, it } from "vitest";
import { compareEntryIds, entryIdTime, isEntryId } from "./entry-id";

describe("realtime entry ids", () => {
  it("orders by time, then by sequence, numerically", () => {
    expect(compareEntryIds("10-2", "9-5")).toBeGreaterThan(0);
    expect(compareEntryIds("10-2", "10-10")).toBeLessThan(0);
    expect(compareEntryIds("10-2", "10-2")).toBe(0);
    expect(entryIdTime("1700000000000-3")).toBe(1_700_000_000_000);
  });

  it("accepts only <ms>-<seq>", () => {
    expect(isEntryId("1-0")).toBe(true);
    for (const bad of ["", "1", "1-", "-1", "a-1", "1-0-0", "1 -0"]) expect(isEntryId(bad)).toBe(false);
  });
});
