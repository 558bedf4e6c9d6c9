import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { ptBR } from "../../i18n/pt-br";
import { type Translate, translate } from "../../i18n/translate";
import { contactChangeIds, describeContactChange, describeSystemActivity, isOverdue } from "./activity-view";

const t = ((key: keyof typeof en, params?: Record<string, string | number>) =>
  translate(en, key, params)) as Translate;

describe("the history of a deal's fields", () => {
  const pt = ((key: keyof typeof en, params?: Record<string, string | number>) =>
    translate(ptBR, key, params)) as Translate;
  const team = new Map([
    ["u-ana", "Ana"],
    ["u-joao", "João"],
  ]);
  const brl = (amount: string) => ({ amount, currency: "BRL" });

  it("says in Portuguese each field an edit changed, from what to what, with the owners' names", () => {
    const data = {
      changes: [
        { field: "value", from: brl("2000.00"), to: brl("7777.00") },
        { field: "expectedCloseDate", from: "2026-12-20", to: "2026-12-24" },
        { field: "assigneeId", from: "u-ana", to: "u-joao" },
        { field: "title", from: "Site", to: "Site e loja" },
      ],
    };
    expect(
      describeSystemActivity({ type: "fields_changed", data }, pt, "pt-BR", (id) => team.get(id))?.split(
        "\n",
      ),
    ).toEqual([
      "Valor alterado de R$\u00a02.000,00 para R$\u00a07.777,00",
      "Previsão de fechamento alterada de 20/12/2026 para 24/12/2026",
      "Responsável alterado de Ana para João",
      "Título alterado de “Site” para “Site e loja”",
    ]);
  });

  it("names the contacts a user's change of contact went from and to, and leaves merges and deletions alone", () => {
    const data = { fromContactId: "c-carla", toContactId: "c-diego" };
    expect(contactChangeIds({ type: "contact_changed", data })).toEqual({ from: "c-carla", to: "c-diego" });
    expect(contactChangeIds({ type: "contact_changed", data: { reason: "contact_deleted" } })).toBeNull();
    expect(describeContactChange("Carla", "Diego", pt)).toBe("Contato alterado de Carla para Diego");
    expect(describeContactChange(null, "Diego", pt)).toBe("Contato alterado para Diego");
    expect(describeContactChange(null, null, pt)).toBe("Contato alterado");
  });

  it("tells a date or an owner set or removed, names a removed member, and skips what it cannot read", () => {
    const data = {
      changes: [
        { field: "expectedCloseDate", from: null, to: "2026-12-24" },
        { field: "expectedCloseDate", from: "2026-12-20", to: null },
        { field: "assigneeId", from: null, to: "u-gone" },
        { field: "assigneeId", from: "u-ana", to: null },
        { field: "value", from: 12, to: brl("1.00") },
        { field: "stage", from: "a", to: "b" },
      ],
    };
    expect(
      describeSystemActivity({ type: "fields_changed", data }, pt, "pt-BR", (id) => team.get(id))?.split(
        "\n",
      ),
    ).toEqual([
      "Previsão de fechamento definida para 24/12/2026",
      "Previsão de fechamento 20/12/2026 removida",
      "Responsável definido: um ex-membro da equipe",
      "Responsável Ana removido; o negócio ficou sem responsável",
    ]);
  });
});

describe("describeSystemActivity", () => {
  it("tells where a deal started and where it moved, with the stage names of the time", () => {
    expect(describeSystemActivity({ type: "created", data: { stageName: "New lead" } }, t, "en")).toBe(
      "Deal created in New lead",
    );
    expect(
      describeSystemActivity(
        { type: "stage_changed", data: { from: { stageName: "New lead" }, to: { stageName: "Proposal" } } },
        t,
        "en",
      ),
    ).toBe("Moved from New lead to Proposal");
  });

  it("names both pipelines of a move between pipelines, in Portuguese too", () => {
    const data = {
      from: { pipelineId: "p-1", pipelineName: "Vendas", stageName: "Proposta" },
      to: { pipelineId: "p-2", pipelineName: "Pós-venda", stageName: "Onboarding" },
    };
    const pt = ((key: keyof typeof en, params?: Record<string, string | number>) =>
      translate(ptBR, key, params)) as Translate;
    expect(describeSystemActivity({ type: "stage_changed", data }, pt, "pt-BR")).toBe(
      "Movido de Vendas › Proposta para Pós-venda › Onboarding",
    );
    expect(
      describeSystemActivity(
        { type: "stage_changed", data: { ...data, reason: "pipeline_removed" } },
        t,
        "en",
      ),
    ).toBe("Moved from Vendas › Proposta to Pós-venda › Onboarding because its pipeline was deleted");
  });

  it("names stages alone for a move within a pipeline, and for old moves that kept no pipeline names", () => {
    const within = {
      from: { pipelineId: "p-1", pipelineName: "Vendas", stageName: "Lead" },
      to: { pipelineId: "p-1", pipelineName: "Vendas", stageName: "Proposta" },
    };
    expect(describeSystemActivity({ type: "stage_changed", data: within }, t, "en")).toBe(
      "Moved from Lead to Proposta",
    );
    const old = {
      from: { pipelineId: "p-1", stageName: "Proposta" },
      to: { pipelineId: "p-2", stageName: "Onboarding" },
    };
    expect(describeSystemActivity({ type: "stage_changed", data: old }, t, "en")).toBe(
      "Moved from Proposta to Onboarding",
    );
  });

  it("explains moves made by removing a stage", () => {
    const data = { from: { stageName: "Old" }, to: { stageName: "Proposal" }, reason: "stage_removed" };
    expect(describeSystemActivity({ type: "stage_changed", data }, t, "en")).toContain("was removed");
  });

  it("says won, lost with the reason, and reopened", () => {
    expect(describeSystemActivity({ type: "won", data: {} }, t, "en")).toBe("Marked as won");
    expect(describeSystemActivity({ type: "lost", data: { lostReason: "Too expensive" } }, t, "en")).toBe(
      "Marked as lost: Too expensive",
    );
    expect(describeSystemActivity({ type: "reopened", data: {} }, t, "en")).toBe("Reopened");
  });

  it("says a link expired because its payment integration was deleted", () => {
    const data = { provider: "stripe", amount: "20.00", currency: "USD", reason: "integration_deleted" };
    expect(describeSystemActivity({ type: "payment_expired", data }, t, "en")).toBe(
      "Payment link of $20.00 via Stripe expired: its Stripe integration was deleted",
    );
  });

  it("says in Portuguese that a payment link was created, and that it was sent to the customer", () => {
    const pt = ((key: keyof typeof en, params?: Record<string, string | number>) =>
      translate(ptBR, key, params)) as Translate;
    const data = { paymentId: "p1", provider: "stripe", amount: "1234.56", currency: "BRL" };
    expect(describeSystemActivity({ type: "payment_link_created", data }, pt, "pt-BR")).toBe(
      "Link de pagamento de R$\u00a01.234,56 via Stripe criado",
    );
    expect(
      describeSystemActivity(
        { type: "payment_link_sent", data: { ...data, conversationId: "c1" } },
        pt,
        "pt-BR",
      ),
    ).toBe("Link de pagamento de R$\u00a01.234,56 enviado ao cliente em uma conversa");
  });

  it("says a payment was declined, with the provider's reason when it gave one, and that the link stays payable", () => {
    const data = { provider: "stripe", amount: "20.00", currency: "USD" };
    expect(describeSystemActivity({ type: "payment_declined", data }, t, "en")).toBe(
      "Payment of $20.00 via Stripe declined; the link can still be paid",
    );
    const because = {
      ...data,
      declineCode: "insufficient_funds",
      declineMessage: "Your card has insufficient funds.",
    };
    expect(describeSystemActivity({ type: "payment_declined", data: because }, t, "en")).toBe(
      "Payment of $20.00 via Stripe declined (insufficient_funds); the link can still be paid",
    );
  });

  it("tells about payments received and refunded, in the payment's currency", () => {
    expect(
      describeSystemActivity(
        { type: "payment_paid", data: { provider: "mercadopago", amount: "1500.00", currency: "BRL" } },
        t,
        "en",
      ),
    ).toBe("Payment of R$1,500.00 received via Mercado Pago");
    expect(
      describeSystemActivity(
        { type: "payment_refunded", data: { provider: "stripe", amount: "20.00", currency: "USD" } },
        t,
        "en",
      ),
    ).toBe("$20.00 refunded via Stripe");
    expect(describeSystemActivity({ type: "won", data: { paymentId: "p1" } }, t, "en")).toBe(
      "Marked as won when the payment was received",
    );
  });

  it("says how much of the deal's value a payment that did not win it leaves paid", () => {
    const partial = {
      provider: "stripe",
      amount: "0.50",
      currency: "BRL",
      dealPaidTotal: "0.50",
      dealValue: "50000.00",
      dealCurrency: "BRL",
    };
    expect(describeSystemActivity({ type: "payment_paid", data: partial }, t, "en")).toBe(
      "Partial payment of R$0.50 received via Stripe: R$0.50 of R$50,000.00 paid. The deal is won once its value is paid.",
    );
    const dollars = {
      ...partial,
      amount: "20.00",
      currency: "USD",
      dealPaidTotal: "0.00",
      otherCurrency: true,
    };
    expect(describeSystemActivity({ type: "payment_paid", data: dollars }, t, "en")).toBe(
      "Payment of $20.00 received via Stripe, not in the deal's currency: it does not count toward its value (R$0.00 of R$50,000.00 paid), so the deal was not marked as won.",
    );
  });

  it("says when the customer paid a link already paid", () => {
    const data = { provider: "mercadopago", amount: "77.70", currency: "BRL", duplicate: true };
    expect(describeSystemActivity({ type: "payment_paid", data }, t, "en")).toBe(
      "The customer paid the same link again: R$77.70 more via Mercado Pago. Refund it there if it was a mistake.",
    );
  });

  it("says when a payment reopened a lost deal, with the reason it had been lost", () => {
    const data = { paymentId: "p1", reopenedFrom: "lost", lostReason: "Went with a competitor" };
    expect(describeSystemActivity({ type: "won", data }, t, "en")).toBe(
      "Reopened and marked as won when the payment was received; it had been lost: Went with a competitor",
    );
  });

  it("tells why a deal's contact changed", () => {
    expect(
      describeSystemActivity({ type: "contact_changed", data: { reason: "contact_merged" } }, t, "en"),
    ).toBe("Contact merged into another contact");
    expect(
      describeSystemActivity({ type: "contact_changed", data: { reason: "contact_deleted" } }, t, "en"),
    ).toBe("Contact deleted; the deal has no contact now");
    expect(describeSystemActivity({ type: "contact_changed", data: {} }, t, "en")).toBe("Contact changed");
  });

  it("survives data it does not recognize", () => {
    expect(describeSystemActivity({ type: "stage_changed", data: { from: 3 } }, t, "en")).toBe(
      "Moved from a removed stage to a removed stage",
    );
    expect(describeSystemActivity({ type: "note", data: {} }, t, "en")).toBeNull();
  });
});

describe("isOverdue", () => {
  const now = new Date("2025-06-10T12:00:00Z");
  it("flags open tasks past their due time only", () => {
    expect(isOverdue({ dueAt: "2025-06-10T11:00:00Z", done: false }, "open", now)).toBe(true);
    expect(isOverdue({ dueAt: "2025-06-10T11:00:00Z", done: true }, "open", now)).toBe(false);
    expect(isOverdue({ dueAt: "2025-06-11T11:00:00Z", done: false }, "open", now)).toBe(false);
    expect(isOverdue({ dueAt: null, done: false }, "open", now)).toBe(false);
  });

  it("never calls a task late once its deal is won or lost", () => {
    expect(isOverdue({ dueAt: "2025-06-10T11:00:00Z", done: false }, "won", now)).toBe(false);
    expect(isOverdue({ dueAt: "2025-06-10T11:00:00Z", done: false }, "lost", now)).toBe(false);
  });
});
