import { describe, expect, it } from "vitest";
import {
  currencyChoices,
  linkMessageText,
  paymentLinkDefaults,
  paymentLinkRefusal,
  providerChoices,
  readyProviders,
  toCreatePaymentInput,
  withCurrency,
  withProvider,
} from "./payment-link-input";

describe("payment link input", () => {
  it("defaults to the deal's value, written as the deal form writes it", () => {
    expect(paymentLinkDefaults({ amount: "1500.50", currency: "BRL" }, "pt-BR")).toEqual({
      amount: "1.500,50",
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

  const stripe = { provider: "stripe" as const, currencies: ["BRL", "USD", "EUR"], ready: true };
  const mercadopago = { provider: "mercadopago" as const, currencies: ["BRL"], ready: true };

  it("offers each connected provider once, and picks it when it is the only one", () => {
    expect(providerChoices([mercadopago, stripe, mercadopago])).toEqual(["mercadopago", "stripe"]);
    expect(providerChoices([])).toEqual([]);
    const value = { amount: "10", currency: "BRL" };
    expect(paymentLinkDefaults(value, "en", [mercadopago]).provider).toBe("mercadopago");
    expect(paymentLinkDefaults(value, "en", [stripe, mercadopago]).provider).toBe("");
  });

  it("offers only the currencies the chosen provider charges in: Mercado Pago its account's own", () => {
    expect(currencyChoices([stripe, mercadopago], "mercadopago")).toEqual(["BRL"]);
    expect(currencyChoices([stripe, mercadopago], "stripe")).toEqual(["BRL", "USD", "EUR"]);
    expect(currencyChoices([mercadopago, stripe], "")).toEqual(["BRL", "USD", "EUR"]);
    // a USD deal charged through Mercado Pago: its currency, and no amount the deal's number would mislead
    expect(paymentLinkDefaults({ amount: "99.00", currency: "USD" }, "en", [mercadopago])).toEqual({
      amount: "",
      currency: "BRL",
      provider: "mercadopago",
    });
    expect(paymentLinkDefaults({ amount: "99.00", currency: "USD" }, "en", [stripe])).toMatchObject({
      amount: "99.00",
      currency: "USD",
    });
  });

  it("clears the deal's number when Mercado Pago switches a dollar deal's link to reais, and says so", () => {
    const deal = { amount: "1999.99", currency: "USD" };
    const opened = paymentLinkDefaults(deal, "pt-BR", [stripe, mercadopago]);
    expect(opened).toEqual({ amount: "1.999,99", currency: "USD", provider: "" });
    const next = withProvider(opened, "mercadopago", [stripe, mercadopago], deal, "pt-BR");
    expect(next.values).toEqual({ amount: "", currency: "BRL", provider: "mercadopago" });
    expect(next.cleared).toEqual({ from: "USD", to: "BRL" });
    // nothing to create until an amount in reais is typed
    expect(toCreatePaymentInput("d", next.values, "pt-BR")).toBeNull();
    // back to Stripe, which charges in reais too: the currency stays and the amount is still to be typed
    const back = withProvider(next.values, "stripe", [stripe, mercadopago], deal, "pt-BR");
    expect(back.values).toEqual({ amount: "", currency: "BRL", provider: "stripe" });
  });

  it("keeps the amount when the provider charges in the currency already chosen", () => {
    const deal = { amount: "1500.00", currency: "BRL" };
    const opened = { amount: "1500,00", currency: "BRL", provider: "" };
    expect(withProvider(opened, "mercadopago", [stripe, mercadopago], deal, "pt-BR")).toEqual({
      values: { amount: "1500,00", currency: "BRL", provider: "mercadopago" },
      cleared: null,
    });
  });

  it("never keeps a number across a currency chosen by hand, and gives the deal's value back in its currency", () => {
    const deal = { amount: "1999.99", currency: "USD" };
    const typed = { amount: "500", currency: "USD", provider: "stripe" };
    const inEuros = withCurrency(typed, "EUR", deal, "en");
    expect(inEuros).toEqual({
      values: { amount: "", currency: "EUR", provider: "stripe" },
      cleared: { from: "USD", to: "EUR" },
    });
    expect(withCurrency(inEuros.values, "USD", deal, "en")).toEqual({
      values: { amount: "1,999.99", currency: "USD", provider: "stripe" },
      cleared: null,
    });
    // an empty amount has nothing to clear, so there is nothing to say
    expect(withCurrency(inEuros.values, "BRL", deal, "en").cleared).toBeNull();
  });

  it("offers a provider whose webhook secret is missing disabled, and picks the only ready one", () => {
    const waiting = { ...mercadopago, ready: false };
    expect(providerChoices([stripe, waiting])).toEqual(["stripe", "mercadopago"]);
    expect(readyProviders([stripe, waiting])).toEqual(["stripe"]);
    expect(paymentLinkDefaults({ amount: "10", currency: "BRL" }, "en", [waiting, stripe]).provider).toBe(
      "stripe",
    );
    expect(paymentLinkDefaults({ amount: "10", currency: "BRL" }, "en", [waiting]).provider).toBe("");
    // a link with a provider goes through its oldest integration: a newer ready one does not make it ready
    expect(readyProviders([waiting, mercadopago])).toEqual([]);
    // before a provider is chosen, only the ready ones' currencies are offered
    expect(currencyChoices([{ ...stripe, ready: false }, mercadopago], "")).toEqual(["BRL"]);
  });

  it("says under the provider that its webhook secret is missing when the API refuses a link for it", () => {
    const refusal = (fieldErrors: Record<string, string[]>, appCode = "UNPROCESSABLE") =>
      paymentLinkRefusal({ data: { code: "UNPROCESSABLE_CONTENT", appCode, fieldErrors } });
    const missing = refusal({
      provider: ["Paste the webhook secret of Stripe in Settings -> Integrations first"],
    });
    expect(missing).toEqual({
      overrides: { UNPROCESSABLE: "payments.create.webhookMissing" },
      fieldMessages: { provider: "payments.create.webhookMissing" },
    });
    const general = { overrides: { UNPROCESSABLE: "payments.create.refused" }, fieldMessages: {} };
    expect(refusal({ currency: ["Mercado Pago does not charge in USD"] })).toEqual(general);
    expect(refusal({})).toEqual(general);
    // "choose one of several providers" is a validation error about the same field, not this refusal
    expect(refusal({ provider: ["choose one"] }, "VALIDATION_FAILED")).toEqual(general);
    expect(paymentLinkRefusal(null)).toEqual(general);
  });

  it("prefills the customer's message with the amount in the organization's language until the agent writes one", () => {
    const amount = { amount: "1234.56", currency: "BRL" };
    expect(linkMessageText(null, amount, "pt-BR")).toBe("Segue o link para pagamento de R$\u00a01.234,56:");
    expect(linkMessageText(null, { amount: "2500", currency: "BRL" }, "pt-BR")).toBe(
      "Segue o link para pagamento de R$\u00a02.500,00:",
    );
    expect(linkMessageText(null, amount, "en")).toBe("Here is the link to pay R$1,234.56:");
    expect(linkMessageText("Oi Bruno, o sinal:", amount, "pt-BR")).toBe("Oi Bruno, o sinal:");
    expect(linkMessageText("", amount, "pt-BR")).toBe("");
    expect(linkMessageText(null, null, "pt-BR")).toBe("");
  });

  it("sends the message only with a conversation to send the link to", () => {
    const values = { amount: "10", currency: "BRL", provider: "" };
    expect(toCreatePaymentInput("deal-1", values, "pt-BR", "conv-1", "  Segue o link:  ")).toEqual({
      dealId: "deal-1",
      amount: "10",
      currency: "BRL",
      sendToConversationId: "conv-1",
      message: "Segue o link:",
    });
    expect(toCreatePaymentInput("deal-1", values, "pt-BR", undefined, "Segue o link:")).not.toHaveProperty(
      "message",
    );
  });
});
