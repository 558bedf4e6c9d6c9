import { describe, expect, it } from "vitest";
import { hasActiveFilters, parsePaymentFilters, toListFilters } from "./payment-filters";

describe("payment filters", () => {
  it("keeps known statuses and providers from the URL and drops anything else", () => {
    expect(parsePaymentFilters({ status: "paid", provider: "stripe" })).toEqual({
      status: "paid",
      provider: "stripe",
    });
    expect(parsePaymentFilters({ status: "PAID", provider: "paypal", other: "x" })).toEqual({
      status: undefined,
      provider: undefined,
    });
    expect(parsePaymentFilters({ status: "" })).toEqual({ status: undefined, provider: undefined });
  });

  it("turns them into the list's input and says whether anything filters", () => {
    expect(toListFilters({ status: "refunded" })).toEqual({ status: "refunded" });
    expect(toListFilters({})).toEqual({});
    expect(hasActiveFilters({})).toBe(false);
    expect(hasActiveFilters({ status: undefined, provider: "mercadopago" })).toBe(true);
  });
});
