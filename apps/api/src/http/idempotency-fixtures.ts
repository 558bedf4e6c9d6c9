import { type FakeWhatsApp, startFakeWhatsApp } from "@crm/integrations/testing";
import { afterAll, beforeAll, expect } from "vitest";
import { fromJSONSchema } from "zod";
import { insertConversation } from "../routers/conversations/conversation-fixtures";
import { createDeal, firstPipeline, insertContact } from "../routers/deals/deal-fixtures";
import {
  connectProvider,
  type PaymentDto,
  type PaymentsTestbed,
  startPaymentsTestbed,
} from "../routers/payments/payment-fixtures";
import type { RestResponse, TestApi } from "../testing/harness";

export interface ErrorDto {
  message: string;
  code: string;
  data: { appCode: string | null; httpStatus: number; path: string };
}
export interface ContactDto {
  id: string;
  name: string;
}

export const keyed = (key: string) => ({ "idempotency-key": key });
export const replayedOf = (res: RestResponse) => res.headers.get("idempotent-replayed");

/**
 * For the file's tests: the API (with its worker) on fake WhatsApp and Stripe servers, an owner with WhatsApp and
 * Stripe connected, and what the idempotency tests do with them.
 */
export function useIdempotencyTestbed() {
  let whatsapp: FakeWhatsApp | undefined;
  let bed: PaymentsTestbed | undefined;
  let owner: Awaited<ReturnType<TestApi["register"]>> | undefined;
  let whatsappIntegration: string | undefined;
  beforeAll(async () => {
    whatsapp = await startFakeWhatsApp();
    bed = await startPaymentsTestbed({ WHATSAPP_API_BASE: whatsapp.apiBase });
    owner = await bed.api.register();
    const connected = await bed.api.rest<{ id: string }>("POST", "/integrations", {
      token: owner.token,
      body: { channel: "whatsapp", name: "WhatsApp vendas", config: whatsapp.config },
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    whatsappIntegration = connected.body.id;
    await connectProvider(bed.api, owner.token, "stripe", bed.stripe.config);
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await whatsapp?.close();
  });
  const current = () => {
    if (!whatsapp || !bed || !owner || !whatsappIntegration) {
      throw new Error("useIdempotencyTestbed: it starts in beforeAll; use it inside a test or hook");
    }
    return { whatsapp, bed, owner, whatsappIntegration };
  };
  const api = () => current().bed.api;

  const createContact = (token: string, key: string, body: Record<string, unknown>) =>
    api().rest<ContactDto & ErrorDto>("POST", "/contacts", { token, body, headers: keyed(key) });

  const contactsNamed = async (organizationId: string, name: string) =>
    api()
      .container.db.db.selectFrom("contacts")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("name", "=", name)
      .execute();

  /** The schema /openapi.json gives this operation's answer with this status, as zod reads it. */
  async function expectDocumented(method: string, path: string, answer: RestResponse, status: number) {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    const doc = (await (await fetch(`${api().baseUrl}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
      >;
      components: { schemas: Record<string, unknown> };
    };
    const schema =
      doc.paths[path]?.[method.toLowerCase()]?.responses[status]?.content?.["application/json"]?.schema;
    expect(schema, `${method} ${path} documents ${status}`).toBeDefined();
    const text = JSON.stringify({ ...schema, $defs: doc.components.schemas });
    const checked = fromJSONSchema(
      JSON.parse(text.replaceAll('"#/components/schemas/', '"#/$defs/')),
    ).safeParse(answer.body);
    expect(checked.error?.issues ?? [], JSON.stringify(answer.body)).toEqual([]);
  }

  /** A deal worth 1234.56 BRL whose contact wrote on WhatsApp 10 minutes ago from `phone`. */
  async function dealInConversation(phone: string) {
    const { owner, whatsappIntegration } = current();
    const contactId = await insertContact(api(), owner.organization.id);
    const pipeline = await firstPipeline(api(), owner.token);
    const stage = pipeline.stages[0];
    if (!stage) throw new Error("no stage");
    const deal = await createDeal(api(), owner.token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stage.id,
      title: "Plano anual",
      value: { amount: "1234.56", currency: "BRL" },
    });
    const conversationId = await insertConversation(api(), owner.organization.id, {
      contactId,
      integrationId: whatsappIntegration,
      threadId: phone,
      lastInboundMinutesAgo: 10,
    });
    return { deal, conversationId };
  }

  const sendLink = (key: string, body: Record<string, unknown>) =>
    api().rest<{ payment: PaymentDto; messageId: string } & ErrorDto>("POST", "/payments/send-link", {
      token: current().owner.token,
      body,
      headers: keyed(key),
    });

  const paymentsOf = async (dealId: string) =>
    (
      await api().rest<{ items: PaymentDto[] }>("GET", `/payments?dealId=${dealId}`, {
        token: current().owner.token,
      })
    ).body.items;

  return {
    get api() {
      return api();
    },
    get owner() {
      return current().owner;
    },
    get stripe() {
      return current().bed.stripe;
    },
    get whatsapp() {
      return current().whatsapp;
    },
    get whatsappIntegration() {
      return current().whatsappIntegration;
    },
    createContact,
    contactsNamed,
    expectDocumented,
    dealInConversation,
    sendLink,
    paymentsOf,
  };
}
