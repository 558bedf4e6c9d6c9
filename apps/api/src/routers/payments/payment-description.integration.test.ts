import type { PaymentProviderName } from "@crm/domain";
import { describe, expect, it } from "vitest";
import { createDeal } from "../deals/deal-fixtures";
import { createPaymentOk, type PaymentDto, paymentWorkspace, usePaymentsTestbed } from "./payment-fixtures";

/*
 * A link's description is what the provider's checkout page shows the customer as what they pay for: by default
 * words naming the amount in the organization's language, never the deal's title (the team's own name for it).
 */

const bed = usePaymentsTestbed();

/** What the provider was asked to show the customer on its checkout page. */
function shownAtCheckout(provider: PaymentProviderName, payment: PaymentDto): string | undefined {
  if (provider === "stripe") {
    return bed.stripe.sessions.get(payment.providerReference ?? "")?.form[
      "line_items[0][price_data][product_data][name]"
    ];
  }
  const items = bed.mp.preferences.get(payment.providerReference ?? "")?.items as
    | Array<{ title?: string }>
    | undefined;
  return items?.[0]?.title;
}

async function dealTitled(provider: PaymentProviderName, title: string) {
  const config = provider === "stripe" ? bed.stripe.config : bed.mp.config;
  const { token, contactId, pipeline } = await paymentWorkspace(bed.api, provider, config);
  const stage = pipeline.stages[0];
  if (!stage) throw new Error("no stage");
  const deal = await createDeal(bed.api, token, {
    contactId,
    pipelineId: pipeline.id,
    stage: stage.id,
    title,
    value: { amount: "1234.56", currency: "BRL" },
  });
  return { token, deal };
}

describe.each(["stripe", "mercadopago"] as const)("a %s link's description", (provider) => {
  it("names the amount in Portuguese by default, never the deal's internal title", async () => {
    const { token, deal } = await dealTitled(provider, "Renovação ACME - cliente difícil");

    const payment = await createPaymentOk(bed.api, token, { dealId: deal.id });

    expect(payment.description).toBe("Pagamento de R$\u00a01.234,56");
    expect(shownAtCheckout(provider, payment)).toBe("Pagamento de R$\u00a01.234,56");
    expect(JSON.stringify(payment)).not.toContain("ACME");
  });

  it("names the amount charged, not the deal's value, when an amount is given", async () => {
    const { token, deal } = await dealTitled(provider, "Renovação ACME - cliente difícil");

    const payment = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "500" });

    expect(shownAtCheckout(provider, payment)).toBe("Pagamento de R$\u00a0500,00");
  });

  it("is written the English way for an English organization", async () => {
    const { token, deal } = await dealTitled(provider, "ACME renewal - difficult client");
    const locale = await bed.api.rest("PATCH", "/organizations/current", { token, body: { locale: "en" } });
    expect(locale.status, JSON.stringify(locale.body)).toBe(200);

    const payment = await createPaymentOk(bed.api, token, { dealId: deal.id });

    expect(shownAtCheckout(provider, payment)).toBe("Payment of R$1,234.56");
  });

  it("is the caller's own when one is given", async () => {
    const { token, deal } = await dealTitled(provider, "Renovação ACME - cliente difícil");

    const payment = await createPaymentOk(bed.api, token, {
      dealId: deal.id,
      description: "  Plano anual  ",
    });

    expect(payment.description).toBe("Plano anual");
    expect(shownAtCheckout(provider, payment)).toBe("Plano anual");
  });
});
