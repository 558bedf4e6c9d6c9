import { describe, expect, it } from "vitest";
import { parseMoney } from "../shared/money";
import type { Payment } from "./model";
import {
  defaultPaymentDescription,
  defaultPaymentLinkText,
  maxPaymentLinkTextLength,
  parsePaymentLinkText,
} from "./payment-link-message";
import { paymentLinkMessage } from "./send-payment-link";

const link = "https://checkout.example/pay/cs_1";

function payment(amount: string, currency: string, description: string | null): Payment {
  const money = parseMoney(amount, currency);
  return {
    id: "p1",
    organizationId: "o1",
    dealId: "d1",
    integrationId: "i1",
    provider: "stripe",
    amount: money,
    refundedAmount: parseMoney("0", currency),
    refundsInFlight: parseMoney("0", currency),
    status: "pending",
    description,
    providerPaymentId: null,
    providerReference: "cs_1",
    paymentLink: link,
    createdBy: null,
    expiresAt: null,
    paidAt: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

describe("the payment link message", () => {
  it("writes the amount as money is written in Brazil, and never the deal's title (the payment's description)", () => {
    const message = paymentLinkMessage(payment("1234.56", "BRL", "Bolo casamento Bruno - Belém"), "pt-BR");
    expect(message).toBe(`Segue o link para pagamento de R$\u00a01.234,56:\n${link}`);
    expect(message).not.toContain("Bruno");
  });

  it("writes it the English way for an English organization", () => {
    expect(paymentLinkMessage(payment("1234.56", "USD", "Plano anual"), "en")).toBe(
      `Here is the link to pay $1,234.56:\n${link}`,
    );
  });

  it("keeps every digit of a large amount (no float on the way)", () => {
    expect(paymentLinkMessage(payment("90071992547409.93", "BRL", "Lote"), "pt-BR")).toBe(
      `Segue o link para pagamento de R$\u00a090.071.992.547.409,93:\n${link}`,
    );
  });

  it("sends the agent's text with the link added on a line of its own", () => {
    expect(paymentLinkMessage(payment("50", "BRL", null), "pt-BR", "Oi Bruno! O sinal do bolo:")).toBe(
      `Oi Bruno! O sinal do bolo:\n${link}`,
    );
  });

  it("does not add the link twice to a text that already has it", () => {
    const text = `Pague aqui ${link} até sexta`;
    expect(paymentLinkMessage(payment("50", "BRL", null), "pt-BR", text)).toBe(text);
  });
});

describe("the agent's text for a payment link", () => {
  it("is kept as written, without the spaces around it", () => {
    expect(parsePaymentLinkText("  Segue o link:\n ")).toBe("Segue o link:");
  });

  it("refuses a blank text and one over the limit, naming the field", () => {
    expect(() => parsePaymentLinkText(" \n ")).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: { fieldErrors: { message: [expect.any(String)] } },
      }),
    );
    expect(parsePaymentLinkText("a".repeat(maxPaymentLinkTextLength))).toHaveLength(maxPaymentLinkTextLength);
    expect(() => parsePaymentLinkText("a".repeat(maxPaymentLinkTextLength + 1))).toThrow(/at most 1000/);
  });

  it("starts from the amount in the organization's language", () => {
    expect(defaultPaymentLinkText({ amount: "2500.00", currency: "BRL" }, "pt-BR")).toBe(
      "Segue o link para pagamento de R$\u00a02.500,00:",
    );
  });
});

describe("a link's default description (the provider's checkout page shows it)", () => {
  it("names the amount in the organization's language, as the link's message does", () => {
    expect(defaultPaymentDescription({ amount: "2500.00", currency: "BRL" }, "pt-BR")).toBe(
      "Pagamento de R$\u00a02.500,00",
    );
    expect(defaultPaymentDescription({ amount: "1234.56", currency: "USD" }, "en")).toBe(
      "Payment of $1,234.56",
    );
  });
});
