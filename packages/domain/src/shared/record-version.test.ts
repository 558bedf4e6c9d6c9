import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { assertUnchanged, currentVersionOf } from "./record-version";

const deal = { id: "d1", updatedAt: "2025-06-15T12:00:00.123Z" };

describe("a write conditional on the version read", () => {
  it("goes ahead without a condition, or when the record is still at the version", () => {
    expect(() => assertUnchanged("deal", deal, {})).not.toThrow();
    expect(() =>
      assertUnchanged("deal", deal, { expectedUpdatedAt: new Date(deal.updatedAt) }),
    ).not.toThrow();
    const asDate = { ...deal, updatedAt: new Date(deal.updatedAt) };
    expect(() =>
      assertUnchanged("deal", asDate, { expectedUpdatedAt: new Date(deal.updatedAt) }),
    ).not.toThrow();
  });

  it("is refused with PRECONDITION_FAILED naming the current version when the record changed", () => {
    const expectedUpdatedAt = new Date("2025-06-15T12:00:00.122Z");
    let refusal: unknown;
    try {
      assertUnchanged("deal", deal, { expectedUpdatedAt });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((refusal as DomainError).message).toContain(deal.updatedAt);
    expect(currentVersionOf(refusal as DomainError)).toEqual(deal);
  });

  it("names no version for other precondition failures", () => {
    expect(currentVersionOf(new DomainError("PRECONDITION_FAILED", "The last owner"))).toBeUndefined();
  });
});
