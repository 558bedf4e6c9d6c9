import { describe, expect, it } from "vitest";
import {
  amountToCharge,
  dealBalance,
  paymentLinkDefaults,
  pendingLinks,
  withCurrency,
} from "./payment-link-input";

const brl = (amount: string) => ({ amount, currency: "BRL" });
const payment = (
  amount: string,
  status: "paid" | "pending" | "refunded" | "failed" | "expired" = "paid",
  refundedAmount = "0.00",
  currency = "BRL",
) => ({ amount, status, refundedAmount, currency });

describe("what a new link charges after a deposit", () => {
  it("is the deal's value less what its paid links brought in: R$ 50,00 of R$ 89,90 leaves R$ 39,90", () => {
    const balance = dealBalance(brl("89.90"), [payment("50.00"), payment("89.90", "pending")]);
    expect(balance).toEqual({ paid: brl("50.00"), remaining: brl("39.90") });
    expect(paymentLinkDefaults(amountToCharge(brl("89.90"), balance), "pt-BR")).toEqual({
      amount: "39,90",
      currency: "BRL",
      provider: "",
    });
  });

  it("takes refunds off what was paid, and a fully refunded link adds nothing", () => {
    const balance = dealBalance(brl("100.00"), [
      payment("60.00", "paid", "20.00"),
      payment("30.00", "refunded", "30.00"),
    ]);
    expect(balance).toEqual({ paid: brl("40.00"), remaining: brl("60.00") });
  });

  it("counts only the deal's currency, as the server does to win it", () => {
    expect(dealBalance(brl("100.00"), [payment("500.00", "paid", "0.00", "USD")])).toBeNull();
  });

  it("never goes below zero: a deal paid in full (or more) leaves nothing, and the amount is left empty", () => {
    const balance = dealBalance(brl("89.90"), [payment("50.00"), payment("50.00")]);
    expect(balance).toEqual({ paid: brl("100.00"), remaining: brl("0.00") });
    const charge = amountToCharge(brl("89.90"), balance);
    expect(paymentLinkDefaults(charge, "pt-BR").amount).toBe("");
    expect(
      withCurrency({ amount: "10", currency: "USD", provider: "" }, "BRL", charge, "pt-BR").values.amount,
    ).toBe("");
  });

  it("is the whole value when nothing was paid yet, or when the deal has no value", () => {
    expect(dealBalance(brl("89.90"), [])).toBeNull();
    expect(dealBalance(brl("0.00"), [payment("10.00")])).toBeNull();
    expect(amountToCharge(brl("89.90"), null)).toEqual(brl("89.90"));
  });
});

describe("what a new link charges beside links not paid yet", () => {
  it("leaves out a pending link: R$ 1.250,00 pending of R$ 2.450,00 suggests R$ 1.200,00", () => {
    const pending = pendingLinks(brl("2450.00"), [
      payment("1250.00", "pending"),
      payment("99.00", "expired"),
    ]);
    expect(pending).toEqual({ count: 1, total: brl("1250.00") });
    expect(paymentLinkDefaults(amountToCharge(brl("2450.00"), null, pending), "pt-BR").amount).toBe(
      "1.200,00",
    );
  });

  it("leaves out pending links after a deposit too, and never suggests less than nothing", () => {
    const balance = dealBalance(brl("100.00"), [payment("40.00")]);
    const pending = pendingLinks(brl("100.00"), [payment("30.00", "pending"), payment("50.00", "pending")]);
    expect(pending).toEqual({ count: 2, total: brl("80.00") });
    expect(amountToCharge(brl("100.00"), balance, pending)).toEqual(brl("0.00"));
    expect(
      amountToCharge(brl("100.00"), balance, pendingLinks(brl("100.00"), [payment("25.00", "pending")])),
    ).toEqual(brl("35.00"));
  });

  it("has none when no link in the deal's currency waits to be paid", () => {
    expect(
      pendingLinks(brl("100.00"), [payment("20.00", "pending", "0.00", "USD"), payment("10.00")]),
    ).toBeNull();
  });
});
