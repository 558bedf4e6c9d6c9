import { type FakeWhatsApp, startFakeWhatsApp } from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestApi } from "../../testing/harness";
import { insertConversation, type MessageDto } from "../conversations/conversation-fixtures";
import { activitiesOf, createDeal, type DealDto, firstPipeline, insertContact } from "../deals/deal-fixtures";
import {
  connectProvider,
  type PaymentDto,
  type PaymentsTestbed,
  startPaymentsTestbed,
} from "./payment-fixtures";

interface SentDto {
  payment: PaymentDto;
  messageId: string;
}
interface ErrorDto {
  message: string;
  data: { fieldErrors: Record<string, string[]> | null };
}

let bed: PaymentsTestbed;
let whatsapp: FakeWhatsApp;
let api: TestApi;
let owner: Awaited<ReturnType<TestApi["register"]>>;
let whatsappIntegration: string;

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  bed = await startPaymentsTestbed({ WHATSAPP_API_BASE: whatsapp.apiBase });
  api = bed.api;
  owner = await api.register();
  const res = await api.rest<{ id: string }>("POST", "/integrations", {
    token: owner.token,
    body: { channel: "whatsapp", name: "WhatsApp vendas", config: whatsapp.config },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  whatsappIntegration = res.body.id;
  await connectProvider(api, owner.token, "stripe", bed.stripe.config);
}, 60_000);
afterAll(async () => {
  await bed?.close();
  await whatsapp?.close();
});

/** A deal worth 1234.56 BRL with a contact who wrote on WhatsApp 10 minutes ago from `phone`. */
async function dealInConversation(
  phone: string,
  seed: { lastInboundMinutesAgo?: number | null; title?: string } = {},
) {
  const organizationId = owner.organization.id;
  const contactId = await insertContact(api, organizationId);
  const pipeline = await firstPipeline(api, owner.token);
  const stage = pipeline.stages[0];
  if (!stage) throw new Error("no stage");
  const deal: DealDto = await createDeal(api, owner.token, {
    contactId,
    pipelineId: pipeline.id,
    stage: stage.id,
    title: seed.title ?? "Plano anual",
    value: { amount: "1234.56", currency: "BRL" },
  });
  const conversationId = await insertConversation(api, organizationId, {
    contactId,
    integrationId: whatsappIntegration,
    threadId: phone,
    lastInboundMinutesAgo: seed.lastInboundMinutesAgo === undefined ? 10 : seed.lastInboundMinutesAgo,
  });
  return { deal, contactId, conversationId };
}

const sendLink = (token: string, body: Record<string, unknown>) =>
  api.rest<SentDto & ErrorDto>("POST", "/payments/send-link", { token, body });

const paymentsOf = async (dealId: string) =>
  (await api.rest<{ items: PaymentDto[] }>("GET", `/payments?dealId=${dealId}`, { token: owner.token })).body
    .items;

describe("send payment link", () => {
  it("creates the link and sends it to the deal's contact as a normal outbound WhatsApp message", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654001");
    const res = await sendLink(owner.token, { dealId: deal.id, conversationId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { payment, messageId } = res.body;
    expect(payment).toMatchObject({ status: "pending", amount: "1234.56", currency: "BRL", dealId: deal.id });
    expect(payment.paymentLink).toBe(bed.stripe.sessions.get(payment.providerReference ?? "")?.url);

    const stored = await api.rest<MessageDto>("GET", `/messages/${messageId}`, { token: owner.token });
    expect(stored.body).toMatchObject({ conversationId, direction: "outbound", isPrivate: false });
    expect(stored.body.content).toContain(payment.paymentLink ?? "missing");

    await vi.waitFor(
      async () => {
        const message = await api.rest<MessageDto>("GET", `/messages/${messageId}`, { token: owner.token });
        expect(message.body.status).toBe("sent");
      },
      { timeout: 15_000, interval: 50 },
    );
    const delivered = whatsapp.sent.find((m) => m.to === "5511987654001");
    expect(delivered?.text).toBe(`Segue o link para pagamento de R$\u00a01.234,56:\n${payment.paymentLink}`);
  });

  it("an agent may send it; a viewer may not", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654002");
    const agent = await api.member(owner.token, "agent");
    const viewer = await api.member(owner.token, "viewer");
    expect((await sendLink(viewer.token, { dealId: deal.id, conversationId })).status).toBe(403);
    const res = await sendLink(agent.token, { dealId: deal.id, conversationId, amount: "100.00" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.payment.amount).toBe("100.00");
  });

  it("refuses a conversation with someone else before making a link", async () => {
    const { deal } = await dealInConversation("5511987654003");
    const other = await dealInConversation("5511987654004");
    const sessions = bed.stripe.sessions.size;
    const res = await sendLink(owner.token, { dealId: deal.id, conversationId: other.conversationId });
    expect(res.status).toBe(422);
    expect(res.body.data.fieldErrors).toHaveProperty(["conversationId"]);
    expect(bed.stripe.sessions.size).toBe(sessions);
    expect(await paymentsOf(deal.id)).toEqual([]);
  });

  it("refuses a conversation the message cannot go to now (WhatsApp's 24 hours) before making a link", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654005", {
      lastInboundMinutesAgo: 25 * 60,
    });
    const res = await sendLink(owner.token, { dealId: deal.id, conversationId });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain("24 hours");
    expect(await paymentsOf(deal.id)).toEqual([]);
    expect(whatsapp.sent.find((m) => m.to === "5511987654005")).toBeUndefined();
  });

  it("answers 404 for a conversation an agent may not see", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654006");
    const admin = await api.member(owner.token, "admin");
    const assigned = await api.rest("PATCH", `/conversations/${conversationId}`, {
      token: owner.token,
      body: { assignedTo: admin.user.id },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const agent = await api.member(owner.token, "agent");
    expect((await sendLink(agent.token, { dealId: deal.id, conversationId })).status).toBe(404);
  });

  it("sends an existing pending link again with POST /payments/{id}/send", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654007");
    const first = await sendLink(owner.token, { dealId: deal.id, conversationId });
    expect(first.status).toBe(201);
    const again = await api.rest<SentDto>("POST", `/payments/${first.body.payment.id}/send`, {
      token: owner.token,
      body: { conversationId },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.messageId).not.toBe(first.body.messageId);
    expect(await paymentsOf(deal.id)).toHaveLength(1);
  });

  it("refuses to send a link again once it has expired", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654008");
    const first = await sendLink(owner.token, { dealId: deal.id, conversationId });
    expect(first.status).toBe(201);
    await api.container.db.db
      .updateTable("payments")
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where("id", "=", first.body.payment.id)
      .execute();

    const again = await api.rest<ErrorDto>("POST", `/payments/${first.body.payment.id}/send`, {
      token: owner.token,
      body: { conversationId },
    });

    expect(again.status).toBe(422);
    expect(again.body.message).toContain("expired");
  });

  it("refuses to send a link whose provider integration was deleted: its payment would never reach us", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654009");
    const first = await sendLink(owner.token, { dealId: deal.id, conversationId });
    expect(first.status).toBe(201);
    // what deleting the integration leaves (integration_id on delete set null)
    await api.container.db.db
      .updateTable("payments")
      .set({ integration_id: null })
      .where("id", "=", first.body.payment.id)
      .execute();

    const again = await api.rest<ErrorDto>("POST", `/payments/${first.body.payment.id}/send`, {
      token: owner.token,
      body: { conversationId },
    });

    expect(again.status).toBe(422);
    expect(again.body.message).toBe(
      "This link's payment provider was disconnected, so its payment would not reach the CRM: create a new link",
    );
  });
});

/** What the fake WhatsApp got for `phone`, once the worker sent it. */
async function deliveredTo(phone: string): Promise<string | undefined> {
  await vi.waitFor(() => expect(whatsapp.sent.find((m) => m.to === phone)).toBeDefined(), {
    timeout: 15_000,
    interval: 50,
  });
  return whatsapp.sent.find((m) => m.to === phone)?.text;
}

describe("the message the customer receives", () => {
  it("by default names the amount and never the deal's internal title", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654101", {
      title: "Bolo casamento Bruno - Belém",
    });
    const res = await sendLink(owner.token, { dealId: deal.id, conversationId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const text = await deliveredTo("5511987654101");
    expect(text).toBe(`Segue o link para pagamento de R$\u00a01.234,56:\n${res.body.payment.paymentLink}`);
    expect(text).not.toContain("Bruno");
  });

  it("sends the agent's text with the link added by the server, on every way of sending", async () => {
    const created = await dealInConversation("5511987654102");
    const res = await sendLink(owner.token, {
      dealId: created.deal.id,
      conversationId: created.conversationId,
      message: "  Oi! Aqui está o sinal do pedido:  ",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await deliveredTo("5511987654102")).toBe(
      `Oi! Aqui está o sinal do pedido:\n${res.body.payment.paymentLink}`,
    );

    const viaCreate = await dealInConversation("5511987654103");
    const made = await api.rest<PaymentDto>("POST", "/payments", {
      token: owner.token,
      body: {
        dealId: viaCreate.deal.id,
        sendToConversationId: viaCreate.conversationId,
        message: "Pagamento do pedido",
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(await deliveredTo("5511987654103")).toBe(`Pagamento do pedido\n${made.body.paymentLink}`);

    const again = await api.rest<SentDto>("POST", `/payments/${made.body.id}/send`, {
      token: owner.token,
      body: { conversationId: viaCreate.conversationId, message: "Lembrete: o link ainda vale hoje" },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const stored = await api.rest<MessageDto>("GET", `/messages/${again.body.messageId}`, {
      token: owner.token,
    });
    expect(stored.body.content).toBe(`Lembrete: o link ainda vale hoje\n${made.body.paymentLink}`);
  });

  it("refuses a blank text or one over 1000 characters with 400, before any link is made", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654104");
    const sessions = bed.stripe.sessions.size;
    for (const message of ["   ", "a".repeat(1001)]) {
      const res = await sendLink(owner.token, { dealId: deal.id, conversationId, message });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(JSON.stringify(res.body)).toContain("message");
    }
    const viaCreate = await api.rest<ErrorDto>("POST", "/payments", {
      token: owner.token,
      body: { dealId: deal.id, message: "Sem conversa" },
    });
    expect(viaCreate.status, JSON.stringify(viaCreate.body)).toBe(400);
    expect(bed.stripe.sessions.size).toBe(sessions);
    expect(await paymentsOf(deal.id)).toEqual([]);
  });

  it("writes to the deal's timeline that the link was created, and each time it was sent", async () => {
    const { deal, conversationId } = await dealInConversation("5511987654105");
    const res = await sendLink(owner.token, { dealId: deal.id, conversationId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const again = await api.rest<SentDto>("POST", `/payments/${res.body.payment.id}/send`, {
      token: owner.token,
      body: { conversationId },
    });
    expect(again.status).toBe(200);

    const facts = { paymentId: res.body.payment.id, provider: "stripe", amount: "1234.56", currency: "BRL" };
    const links = (await activitiesOf(api, owner.token, deal.id))
      .filter((a) => a.type.startsWith("payment_link"))
      .reverse();
    expect(links.map((a) => [a.type, a.data, a.actorId])).toEqual([
      ["payment_link_created", facts, owner.user.id],
      ["payment_link_sent", { ...facts, conversationId, messageId: res.body.messageId }, owner.user.id],
      ["payment_link_sent", { ...facts, conversationId, messageId: again.body.messageId }, owner.user.id],
    ]);
  });
});
