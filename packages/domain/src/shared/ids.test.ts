import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { isUuid, parseId } from "./ids";

describe("isUuid", () => {
  it.each([
    "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f",
    "0190f0a2-7c3e-7d4a-9b1c-2d3e4f5a6b7c",
    "00000000-0000-0000-0000-000000000000",
    "3F1C2A9E-8B7D-4C6E-9F10-2A3B4C5D6E7F",
  ])("accepts %s", (value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each([
    "",
    "not-a-uuid",
    "3f1c2a9e8b7d4c6e9f102a3b4c5d6e7f",
    "{3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f}",
    "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7",
    "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f0",
    "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7g",
    " 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f",
    "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f\n",
    "1; drop table deals",
  ])("rejects %j", (value) => {
    expect(isUuid(value)).toBe(false);
  });
});

describe("parseId", () => {
  it("returns the id lower-cased", () => {
    expect(parseId("3F1C2A9E-8B7D-4C6E-9F10-2A3B4C5D6E7F")).toBe("3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f");
  });

  it("throws VALIDATION_FAILED naming what was expected", () => {
    expect(() => parseId("42")).toThrow(DomainError);
    expect(() => parseId("42", "dealId")).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: { fieldErrors: { dealId: ["dealId must be a UUID"] } },
      }),
    );
    expect(() => parseId("42")).toThrow(
      expect.objectContaining({ details: { fieldErrors: { id: ["id must be a UUID"] } } }),
    );
  });
});
