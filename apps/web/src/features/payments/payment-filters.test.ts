import { describe, expect, it } from "vitest";
import { hasActiveFilters, parsePaymentFilters, toListFilters } from "./payment-filters";
import { hasPending, pendingPollMs, pollWhilePending } from "./payment-polling";

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

describe("polling pending payments", () => {
  it("asks again while a payment on any page is pending, and stops when all are settled", () => {
    expect(hasPending([{ status: "paid" }, { status: "pending" }])).toBe(true);
    expect(pollWhilePending([{ items: [{ status: "paid" }] }, { items: [{ status: "pending" }] }])).toBe(
      pendingPollMs,
    );
    expect(pollWhilePending([{ items: [{ status: "paid" }, { status: "refunded" }] }])).toBe(false);
    expect(pollWhilePending(undefined)).toBe(false);
  });
});
