import { describe, expect, it } from "vitest";
import type { CurrencyCode } from "../shared/money";
import { dealPaymentProgress, shortOfValueData, withPaymentInFull } from "./deal-paid-total";

const money = (amount: string, currency: CurrencyCode = "BRL") => ({ amount, currency });

describe("whether a deal's paid payments win it", () => {
  it("does not win a deal of 50000.00 with a token payment of 0.50", () => {
    expect(dealPaymentProgress(money("50000.00"), [money("0.50")])).toEqual({
      kind: "short",
      paid: money("0.50"),
      value: money("50000.00"),
    });
  });

  it("wins when the paid total reaches the value exactly, to the cent", () => {
    expect(dealPaymentProgress(money("50000.00"), [money("49999.99")]).kind).toBe("short");
    expect(dealPaymentProgress(money("50000.00"), [money("50000.00")])).toEqual({
      kind: "reached",
      paid: money("50000.00"),
      value: money("50000.00"),
    });
    // amounts whose float sum is not exact: 0.1 + 0.2 !== 0.3
    expect(dealPaymentProgress(money("0.30"), [money("0.30")]).kind).toBe("reached");
  });

  it("wins when more than the value was paid", () => {
    expect(dealPaymentProgress(money("100.00"), [money("150.00")]).kind).toBe("reached");
  });

  it("wins a deal without a value with any paid payment, in any currency", () => {
    expect(dealPaymentProgress(money("0.00"), [money("0.50")])).toEqual({ kind: "no_value" });
    expect(dealPaymentProgress(money("0.00"), [money("10.00", "USD")])).toEqual({ kind: "no_value" });
    expect(dealPaymentProgress(money("0", "JPY"), [])).toEqual({ kind: "no_value" });
  });

  it("counts only the deal's currency: a deal paid only in another currency is not won", () => {
    expect(dealPaymentProgress(money("100.00"), [money("1000.00", "USD")])).toEqual({
      kind: "short",
      paid: money("0.00"),
      value: money("100.00"),
    });
    expect(dealPaymentProgress(money("100.00"), [money("1000.00", "USD"), money("40.00")])).toEqual({
      kind: "short",
      paid: money("40.00"),
      value: money("100.00"),
    });
    expect(dealPaymentProgress(money("100.00"), [money("5.00", "EUR"), money("100.00")]).kind).toBe(
      "reached",
    );
  });

  it("treats a deal with nothing paid yet (all refunded) as short", () => {
    expect(dealPaymentProgress(money("100.00"), [])).toEqual({
      kind: "short",
      paid: money("0.00"),
      value: money("100.00"),
    });
  });

  it("uses the currency's own minor units (JPY has none)", () => {
    expect(dealPaymentProgress(money("5000", "JPY"), [money("4999", "JPY")]).kind).toBe("short");
    expect(dealPaymentProgress(money("5000", "JPY"), [money("5000", "JPY")]).kind).toBe("reached");
  });
});

describe("what the activity of a payment that did not win its deal says", () => {
  it("is the paid total and the value, in the deal's currency", () => {
    const progress = { kind: "short", paid: money("0.50"), value: money("50000.00") } as const;
    expect(shortOfValueData(progress, money("0.50"))).toEqual({
      dealPaidTotal: "0.50",
      dealValue: "50000.00",
      dealCurrency: "BRL",
    });
  });

  it("marks a payment in another currency than the deal's, which did not count", () => {
    const progress = { kind: "short", paid: money("0.00"), value: money("100.00") } as const;
    expect(shortOfValueData(progress, money("20.00", "USD"))).toEqual({
      dealPaidTotal: "0.00",
      dealValue: "100.00",
      dealCurrency: "BRL",
      otherCurrency: true,
    });
  });
});

describe("the payment just paid counts in full, whatever order its refund was told in", () => {
  it("adds back the refund of a partly refunded payment (paid total counts it net)", () => {
    // a 40.00 deal paid by a 40.00 payment whose 10.00 refund was recorded first: paidTotals says 30.00
    const totals = withPaymentInFull([money("30.00")], {
      amount: money("40.00"),
      refundedAmount: money("10.00"),
    });
    expect(totals).toEqual([money("40.00")]);
    expect(dealPaymentProgress(money("40.00"), totals).kind).toBe("reached");
  });

  it("adds a fully refunded payment (not counted at all) at its amount, other currencies untouched", () => {
    const totals = withPaymentInFull([money("5.00", "USD")], {
      amount: money("40.00"),
      refundedAmount: money("40.00"),
    });
    expect(totals).toEqual([money("5.00", "USD"), money("40.00")]);
  });

  it("changes nothing for a payment without refunds; other payments keep their refunds taken off", () => {
    expect(
      withPaymentInFull([money("90.00")], { amount: money("50.00"), refundedAmount: money("0.00") }),
    ).toEqual([money("90.00")]);
  });
});
