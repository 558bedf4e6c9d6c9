import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { ptBR } from "../../i18n/pt-br";
import { toAlertView } from "../../lib/errors";
import {
  canRefund,
  heldOf,
  isLostAnswer,
  isUnconfirmedRefund,
  refundAmountOf,
  refundableNowOf,
  refundableOf,
  refundErrorMessages,
} from "./refund";

const paid = { status: "paid" as const, amount: "1234.56", refundedAmount: "0", providerPaymentId: "pi_1" };

describe("refunds", () => {
  it("counts what is left after earlier partial refunds, exactly", () => {
    expect(refundableOf({ amount: "1234.56", refundedAmount: "0" })).toBe("1234.56");
    expect(refundableOf({ amount: "0.30", refundedAmount: "0.10" })).toBe("0.20");
  });

  it("offers at most what refunds in flight or awaiting the provider leave, and says what they hold", () => {
    const payment = { amount: "1234.56", refundedAmount: "100.00", refundableAmount: "934.56" };
    expect(refundableNowOf(payment)).toBe("934.56");
    expect(heldOf(payment)).toBe("200.00");
    expect(heldOf({ ...payment, refundableAmount: "1134.56" })).toBe("0.00");
  });

  it("offers a refund only for a paid payment the provider identified, with something left", () => {
    expect(canRefund(paid)).toBe(true);
    expect(canRefund({ ...paid, refundedAmount: "1000" })).toBe(true);
    expect(canRefund({ ...paid, refundedAmount: "1234.56" })).toBe(false);
    expect(canRefund({ ...paid, providerPaymentId: null })).toBe(false);
    for (const status of ["pending", "failed", "refunded", "expired"] as const) {
      expect(canRefund({ ...paid, status })).toBe(false);
    }
  });

  it("sends no amount for a full refund, so the API refunds all that is left", () => {
    expect(refundAmountOf("full", "whatever", "10.00", "en")).toEqual({ ok: true, amount: undefined });
  });

  it("reads a partial amount as typed in the user's locale", () => {
    expect(refundAmountOf("partial", "200,50", "1234.56", "pt-BR")).toEqual({ ok: true, amount: "200.50" });
    expect(refundAmountOf("partial", "1,000.5", "1234.56", "en")).toEqual({ ok: true, amount: "1000.5" });
  });

  it("turns a partial amount equal to what is left into a full refund", () => {
    expect(refundAmountOf("partial", "1234.56", "1234.56", "en")).toEqual({ ok: true, amount: undefined });
  });

  it("refuses zero, more than what is left, and text that is not an amount", () => {
    expect(refundAmountOf("partial", "0", "10", "en")).toEqual({ ok: false, error: "payments.refund.zero" });
    expect(refundAmountOf("partial", "10.01", "10", "en")).toEqual({
      ok: false,
      error: "payments.refund.tooMuch",
    });
    expect(refundAmountOf("partial", "ten", "10", "en")).toEqual({ ok: false, error: "errors.field.amount" });
    expect(refundAmountOf("partial", "-1", "10", "en")).toEqual({
      ok: false,
      error: "errors.field.amountNegative",
    });
    expect(refundAmountOf("partial", "1.555", "10", "en")).toEqual({
      ok: false,
      error: "errors.field.amountDecimals",
    });
    expect(refundAmountOf("partial", "10.000.000.000.000", "10", "pt-BR")).toEqual({
      ok: false,
      error: "payments.refund.tooMuch",
    });
  });
});

describe("a refund the provider did not confirm", () => {
  const apiError = (data: Record<string, unknown>) =>
    Object.assign(new Error("server message"), { name: "TRPCClientError", data });
  const unconfirmed = apiError({ code: "BAD_GATEWAY", httpStatus: 502, appCode: "PROVIDER_UNCONFIRMED" });
  const refused = apiError({ code: "BAD_GATEWAY", httpStatus: 502, appCode: "PROVIDER_ERROR" });

  it("says it may have been made, is settled automatically, and must not be asked again", () => {
    expect(toAlertView(unconfirmed, refundErrorMessages).message).toBe("payments.refund.unconfirmed");
    expect(ptBR["payments.refund.unconfirmed"]).toMatch(
      /não confirmou o estorno.*automaticamente.*Não estorne de novo/,
    );
    expect(en["payments.refund.unconfirmed"]).toMatch(
      /did not confirm the refund.*automatically.*Do not refund/,
    );
  });

  it("tells a lost answer (no answer from the API) from the API's own refusals", () => {
    expect(isLostAnswer(Object.assign(new Error("Failed to fetch"), { name: "TRPCClientError" }))).toBe(true);
    expect(isLostAnswer(unconfirmed)).toBe(false);
    expect(isLostAnswer(refused)).toBe(false);
    expect(isLostAnswer(null)).toBe(false);
  });

  it("is told apart from a refusal, which may be tried again", () => {
    expect(isUnconfirmedRefund(unconfirmed)).toBe(true);
    expect(isUnconfirmedRefund(refused)).toBe(false);
    expect(toAlertView(refused, refundErrorMessages).message).toBe("errors.providerError");
  });
});

describe("a refund refused while an earlier one awaits the provider's confirmation", () => {
  const earlier = Object.assign(new Error("server message"), {
    name: "TRPCClientError",
    data: { code: "CONFLICT", httpStatus: 409, appCode: "REFUND_UNCONFIRMED" },
  });

  it("says an earlier refund awaits the provider and is settled automatically, in Portuguese", () => {
    expect(toAlertView(earlier, refundErrorMessages).message).toBe("payments.refund.earlierUnconfirmed");
    expect(ptBR["payments.refund.earlierUnconfirmed"]).toMatch(
      /estorno anterior.*aguarda a confirmação do provedor.*automaticamente/,
    );
    expect(en["payments.refund.earlierUnconfirmed"]).toMatch(
      /earlier refund.*awaits the provider's confirmation.*automatically/,
    );
    expect(toAlertView(earlier).message).toBe("errors.refundUnconfirmed");
  });

  it("offers no refund until it is settled", () => {
    expect(isUnconfirmedRefund(earlier)).toBe(true);
  });
});
