import { describe, expect, it } from "vitest";
import { parseMoney } from "../shared/money";
import type { Payment } from "./model";
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
  it("writes the amount as money is written in Brazil", () => {
    expect(paymentLinkMessage(payment("1234.56", "BRL", "Plano anual"), "pt-BR")).toBe(
      `Plano anual: R$\u00a01.234,56\n${link}`,
    );
  });

  it("writes it the English way for an English organization, and names the payment when it has no description", () => {
    expect(paymentLinkMessage(payment("1234.56", "USD", null), "en")).toBe(`Payment: $1,234.56\n${link}`);
    expect(paymentLinkMessage(payment("99.90", "BRL", null), "pt-BR")).toBe(
      `Pagamento: R$\u00a099,90\n${link}`,
    );
  });

  it("keeps every digit of a large amount (no float on the way)", () => {
    expect(paymentLinkMessage(payment("90071992547409.93", "BRL", "Lote"), "pt-BR")).toBe(
      `Lote: R$\u00a090.071.992.547.409,93\n${link}`,
    );
  });
});
