import { describe, expect, it } from "vitest";
import { checkUpdatedRange } from "./sync";

describe("checkUpdatedRange", () => {
  const earlier = new Date("2026-01-01T00:00:00.000Z");
  const later = new Date("2026-02-01T00:00:00.000Z");

  it("takes a window of one instant, an open one, or none", () => {
    expect(checkUpdatedRange({ updatedFrom: earlier, updatedTo: earlier })).toEqual({
      updatedFrom: earlier,
      updatedTo: earlier,
    });
    expect(checkUpdatedRange({ updatedFrom: earlier })).toEqual({
      updatedFrom: earlier,
      updatedTo: undefined,
    });
    expect(checkUpdatedRange({})).toEqual({ updatedFrom: undefined, updatedTo: undefined });
  });

  it("refuses updatedFrom after updatedTo, naming updatedTo", () => {
    expect(() => checkUpdatedRange({ updatedFrom: later, updatedTo: earlier })).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: { fieldErrors: { updatedTo: ["updatedTo must not be before updatedFrom"] } },
      }),
    );
  });
});
