import { describe, expect, it } from "vitest";
import { paymentLinkDefaults, providerChoices, toCreatePaymentInput } from "./payment-link-input";

describe("payment link input", () => {
  it("defaults to the deal's value, written as the user types amounts", () => {
    expect(paymentLinkDefaults({ amount: "1500.50", currency: "BRL" }, "pt-BR")).toEqual({
      amount: "1500,50",
      currency: "BRL",
      provider: "",
    });
    expect(paymentLinkDefaults({ amount: "99", currency: "USD" }, "en").amount).toBe("99");
  });

  it("sends the amount as a decimal string and leaves the provider to the API unless one was chosen", () => {
    expect(
      toCreatePaymentInput("deal-1", { amount: "1.500,50", currency: "BRL", provider: "" }, "pt-BR"),
    ).toEqual({ dealId: "deal-1", amount: "1500.50", currency: "BRL" });
    expect(
      toCreatePaymentInput("deal-1", { amount: "10", currency: "USD", provider: "stripe" }, "en", "conv-1"),
    ).toEqual({
      dealId: "deal-1",
      amount: "10",
      currency: "USD",
      provider: "stripe",
      sendToConversationId: "conv-1",
    });
  });

  it("answers null for an amount that cannot be read, and ignores an unknown provider", () => {
    expect(toCreatePaymentInput("d", { amount: "abc", currency: "BRL", provider: "" }, "en")).toBeNull();
    expect(toCreatePaymentInput("d", { amount: "5", currency: "BRL", provider: "paypal" }, "en")).toEqual({
      dealId: "d",
      amount: "5",
      currency: "BRL",
    });
  });

  it("offers only the providers with an active integration", () => {
    const integration = (channel: string, isActive = true) => ({ channel, isActive });
    expect(providerChoices([integration("whatsapp"), integration("stripe")])).toEqual(["stripe"]);
    expect(providerChoices([integration("stripe", false), integration("mercadopago")])).toEqual([
      "mercadopago",
    ]);
    expect(providerChoices([integration("telegram")])).toEqual([]);
    // who may not see the integrations still gets every provider to choose from
    expect(providerChoices(undefined)).toEqual(["stripe", "mercadopago"]);
  });
});
