import { randomUUID } from "node:crypto";
import { readEnv } from "@crm/db/cli/env";
import { type FakeWhatsApp, startFakeWhatsApp } from "@crm/integrations/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fromJSONSchema } from "zod";
import { insertConversation, type MessageDto } from "../routers/conversations/conversation-fixtures";
import { createDeal, firstPipeline, insertContact } from "../routers/deals/deal-fixtures";
import {
  connectProvider,
  type PaymentDto,
  type PaymentsTestbed,
  startPaymentsTestbed,
} from "../routers/payments/payment-fixtures";
import type { RestResponse, TestApi } from "../testing/harness";
import { waitForLockWaiter } from "../testing/lock-waiter";
import type { AppRouter } from "../trpc/root";

interface ErrorDto {
  message: string;
  code: string;
  data: { appCode: string | null; httpStatus: number; path: string };
}
interface ContactDto {
  id: string;
  name: string;
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
  const connected = await api.rest<{ id: string }>("POST", "/integrations", {
    token: owner.token,
    body: { channel: "whatsapp", name: "WhatsApp vendas", config: whatsapp.config },
  });
  expect(connected.status, JSON.stringify(connected.body)).toBe(201);
  whatsappIntegration = connected.body.id;
  await connectProvider(api, owner.token, "stripe", bed.stripe.config);
}, 60_000);
afterAll(async () => {
  await bed?.close();
  await whatsapp?.close();
});

const keyed = (key: string) => ({ "idempotency-key": key });
const replayedOf = (res: RestResponse) => res.headers.get("idempotent-replayed");

const createContact = (token: string, key: string, body: Record<string, unknown>) =>
  api.rest<ContactDto & ErrorDto>("POST", "/contacts", { token, body, headers: keyed(key) });

const contactsNamed = async (organizationId: string, name: string) =>
  api.container.db.db
    .selectFrom("contacts")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("name", "=", name)
    .execute();

/** The schema /openapi.json gives this operation's answer with this status, as zod reads it. */
async function expectDocumented(method: string, path: string, answer: RestResponse, status: number) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
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
  const contactId = await insertContact(api, owner.organization.id);
  const pipeline = await firstPipeline(api, owner.token);
  const stage = pipeline.stages[0];
  if (!stage) throw new Error("no stage");
  const deal = await createDeal(api, owner.token, {
    contactId,
    pipelineId: pipeline.id,
    stage: stage.id,
    title: "Plano anual",
    value: { amount: "1234.56", currency: "BRL" },
  });
  const conversationId = await insertConversation(api, owner.organization.id, {
    contactId,
    integrationId: whatsappIntegration,
    threadId: phone,
    lastInboundMinutesAgo: 10,
  });
  return { deal, conversationId };
}

const sendLink = (key: string, body: Record<string, unknown>) =>
  api.rest<{ payment: PaymentDto; messageId: string } & ErrorDto>("POST", "/payments/send-link", {
    token: owner.token,
    body,
    headers: keyed(key),
  });

const paymentsOf = async (dealId: string) =>
  (await api.rest<{ items: PaymentDto[] }>("GET", `/payments?dealId=${dealId}`, { token: owner.token })).body
    .items;

describe("Idempotency-Key on /api/v1", () => {
  it("a message sent twice with one key is delivered once; the retry gets the first answer, marked replayed", async () => {
    const phone = "5511987659001";
    const conversationId = await insertConversation(api, owner.organization.id, {
      integrationId: whatsappIntegration,
      threadId: phone,
      lastInboundMinutesAgo: 10,
    });
    const key = randomUUID();
    const send = () =>
      api.rest<MessageDto>("POST", `/conversations/${conversationId}/messages`, {
        token: owner.token,
        body: { text: "Seu pedido saiu para entrega" },
        headers: keyed(key),
      });
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(replayedOf(first)).toBeNull();
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(replayedOf(retry)).toBe("true");
    expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));

    await vi.waitFor(
      async () => {
        const message = await api.rest<MessageDto>("GET", `/messages/${first.body.id}`, {
          token: owner.token,
        });
        expect(message.body.status).toBe("sent");
      },
      { timeout: 15_000, interval: 50 },
    );
    const stored = await api.container.db.db
      .selectFrom("messages")
      .select("id")
      .where("conversation_id", "=", conversationId)
      .execute();
    expect(stored).toEqual([{ id: first.body.id }]);
    expect(whatsapp.sent.filter((message) => message.to === phone)).toHaveLength(1);
  });

  it("a payment link sent twice with one key makes one payment", async () => {
    const { deal, conversationId } = await dealInConversation("5511987659002");
    const sessions = bed.stripe.sessions.size;
    const key = randomUUID();
    const first = await sendLink(key, { dealId: deal.id, conversationId });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await sendLink(key, { dealId: deal.id, conversationId });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(replayedOf(retry)).toBe("true");
    expect((await paymentsOf(deal.id)).map((payment) => payment.id)).toEqual([first.body.payment.id]);
    expect(bed.stripe.sessions.size).toBe(sessions + 1);
  });

  it("the same key for another body, path or method is a documented 422 and runs nothing", async () => {
    const key = randomUUID();
    const first = await createContact(owner.token, key, { name: "Ana Idempotente" });
    expect(first.status, JSON.stringify(first.body)).toBe(201);

    const otherBody = await createContact(owner.token, key, { name: "Bia Idempotente" });
    expect(otherBody.body).toMatchObject({
      message: "This Idempotency-Key was used for a different request",
      code: "UNPROCESSABLE_CONTENT",
      data: { appCode: "UNPROCESSABLE", httpStatus: 422, path: "contacts.create" },
    });
    await expectDocumented("POST", "/contacts", otherBody, 422);
    expect(await contactsNamed(owner.organization.id, "Bia Idempotente")).toEqual([]);

    const otherPath = await api.rest<ErrorDto>("POST", "/tags", {
      token: owner.token,
      body: { name: "Ana Idempotente" },
      headers: keyed(key),
    });
    expect(otherPath.status).toBe(422);
    const otherMethod = await api.rest<ErrorDto>("PATCH", `/contacts/${first.body.id}`, {
      token: owner.token,
      body: { name: "Ana Idempotente" },
      headers: keyed(key),
    });
    expect(otherMethod.status).toBe(422);
    expect(
      (await api.rest<ContactDto>("GET", `/contacts/${first.body.id}`, { token: owner.token })).status,
    ).toBe(200);
  });

  it("the same input serialized with its keys in another order is the same request", async () => {
    const key = randomUUID();
    const post = (body: string) =>
      fetch(`${api.baseUrl}/api/v1/contacts`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${owner.token}`,
          "content-type": "application/json",
          ...keyed(key),
        },
        body,
      });
    const first = await post('{"name":"Caio Ordem","phone":null}');
    expect(first.status).toBe(201);
    const retry = await post('{ "phone": null, "name": "Caio Ordem" }');
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(await first.json());
    expect(await contactsNamed(owner.organization.id, "Caio Ordem")).toHaveLength(1);
  });

  it("two concurrent first requests with one key run it once: the other gets 409 or the replay", async () => {
    const key = randomUUID();
    const answers = await Promise.all([
      createContact(owner.token, key, { name: "Duda Concorrente" }),
      createContact(owner.token, key, { name: "Duda Concorrente" }),
    ]);
    const ran = answers.filter((res) => res.status === 201 && replayedOf(res) === null);
    expect(ran, JSON.stringify(answers.map((res) => res.body))).toHaveLength(1);
    const other = answers.find((res) => res !== ran[0]);
    if (other?.status === 409) {
      expect(other.body.message).toBe("A request with this Idempotency-Key is still in progress");
    } else {
      expect(other?.status).toBe(201);
      expect(replayedOf(other as RestResponse)).toBe("true");
      expect(other?.body).toEqual(ran[0]?.body);
    }
    expect(await contactsNamed(owner.organization.id, "Duda Concorrente")).toHaveLength(1);
  });

  // PGlite runs one transaction at a time: a request held by a lock holds every other
  it.skipIf(!readEnv().databaseUrl)(
    "a retry while the first request still runs is a documented 409; once it is done, its answer (Postgres)",
    async () => {
      const key = randomUUID();
      const { first, retry } = await api.container.db.db.transaction().execute(async (trx) => {
        await sql`lock table contacts in share mode`.execute(trx);
        const first = createContact(owner.token, key, { name: "Edu Esperando" });
        await waitForLockWaiter(api, "contacts");
        // bounded: a retry that waited on the lock as well would hold the transaction (and the table) forever
        const retry = await fetch(`${api.baseUrl}/api/v1/contacts`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${owner.token}`,
            "content-type": "application/json",
            ...keyed(key),
          },
          body: JSON.stringify({ name: "Edu Esperando" }),
          signal: AbortSignal.timeout(10_000),
        }).then(async (res) => ({ status: res.status, body: await res.json(), headers: res.headers }));
        return { first, retry };
      });
      expect(retry.body).toMatchObject({
        message: "A request with this Idempotency-Key is still in progress",
        data: { appCode: "CONFLICT", httpStatus: 409, path: "contacts.create" },
      });
      await expectDocumented("POST", "/contacts", retry, 409);
      const done = await first;
      expect(done.status, JSON.stringify(done.body)).toBe(201);
      const later = await createContact(owner.token, key, { name: "Edu Esperando" });
      expect(replayedOf(later)).toBe("true");
      expect(later.body).toEqual(done.body);
      expect(await contactsNamed(owner.organization.id, "Edu Esperando")).toHaveLength(1);
    },
  );

  it("a 5xx answer releases the key: the retry runs the request", async () => {
    const { deal, conversationId } = await dealInConversation("5511987659003");
    const key = randomUUID();
    bed.stripe.failAlways(500);
    const failed = await sendLink(key, { dealId: deal.id, conversationId });
    bed.stripe.recover();
    expect(failed.status, JSON.stringify(failed.body)).toBe(502);
    expect(await paymentsOf(deal.id)).toEqual([]);
    const retry = await sendLink(key, { dealId: deal.id, conversationId });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(replayedOf(retry)).toBeNull();
    expect((await paymentsOf(deal.id)).map((payment) => payment.id)).toEqual([retry.body.payment.id]);
  });

  it("keys are per credential: two API keys, or two users, of one organization never share answers", async () => {
    const integrators = [];
    for (const name of ["Zapier", "n8n"]) {
      const created = await api.rest<{ secret: string }>("POST", "/api-keys", {
        token: owner.token,
        body: { name, role: "admin" },
      });
      expect(created.status).toBe(201);
      integrators.push(created.body.secret);
    }
    const agent = await api.member(owner.token, "agent");
    const key = "order-42";
    const callers = [...integrators, owner.token, agent.token];
    const answers = [];
    for (const [index, token] of callers.entries()) {
      const res = await createContact(token, key, { name: `Fábio ${index}` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(replayedOf(res)).toBeNull();
      answers.push(res.body);
    }
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(callers.length);
    for (const [index, token] of callers.entries()) {
      const retry = await createContact(token, key, { name: `Fábio ${index}` });
      expect(replayedOf(retry)).toBe("true");
      expect(retry.body).toEqual(answers[index]);
    }
  });

  it("a key older than 24 hours is new again", async () => {
    const key = randomUUID();
    const first = await createContact(owner.token, key, { name: "Gil Expirado" });
    expect(first.status).toBe(201);
    await api.container.db.db
      .updateTable("idempotency_keys")
      .set({ created_at: sql<Date>`now() - interval '25 hours'` })
      .where("organization_id", "=", owner.organization.id)
      .where("key", "=", key)
      .execute();
    const again = await createContact(owner.token, key, { name: "Gil Expirado" });
    expect(again.status).toBe(201);
    expect(replayedOf(again)).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
  });

  it("a key longer than 255 characters is a documented 400 and runs nothing", async () => {
    const res = await createContact(owner.token, "k".repeat(256), { name: "Hugo Longo" });
    expect(res.body).toMatchObject({
      message: "Idempotency-Key must be 1 to 255 printable ASCII characters",
      data: { appCode: "VALIDATION_FAILED", httpStatus: 400 },
    });
    await expectDocumented("POST", "/contacts", res, 400);
    expect(await contactsNamed(owner.organization.id, "Hugo Longo")).toEqual([]);
  });

  it("without the header nothing is kept; without a credential the header changes nothing", async () => {
    const { token, organization, user } = await api.register();
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await api.rest("POST", "/contacts", { token, body: { name: "Ivo Sem Chave" } });
      expect(res.status).toBe(201);
    }
    expect(await contactsNamed(organization.id, "Ivo Sem Chave")).toHaveLength(2);
    const body = { email: user.email, password: "wrong password" };
    for (let attempt = 0; attempt < 2; attempt++) {
      const login = await api.rest("POST", "/auth/login", { body, headers: keyed("login-1") });
      expect(login.status).toBe(401);
      expect(replayedOf(login)).toBeNull();
    }
    const kept = await api.container.db.db
      .selectFrom("idempotency_keys")
      .select("id")
      .where("organization_id", "=", organization.id)
      .execute();
    expect(kept).toEqual([]);
  });

  it("keeps answers sealed: a new API key's secret is replayed but not stored readable", async () => {
    const key = randomUUID();
    const create = () =>
      api.rest<{ secret: string }>("POST", "/api-keys", {
        token: owner.token,
        body: { name: "Make", role: "viewer" },
        headers: keyed(key),
      });
    const first = await create();
    expect(first.status).toBe(201);
    const retry = await create();
    expect(retry.body.secret).toBe(first.body.secret);
    const row = await api.container.db.db
      .selectFrom("idempotency_keys")
      .select(sql<string>`response_body::text`.as("body"))
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    expect(row.body).not.toContain(first.body.secret);
  });

  it("CORS lets a browser send the header and read Idempotent-Replayed", async () => {
    const origin = "http://localhost:3000";
    const preflight = await fetch(`${api.baseUrl}/api/v1/contacts`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type,idempotency-key",
      },
    });
    expect(preflight.headers.get("access-control-allow-headers")?.split(",")).toContain("idempotency-key");
    const res = await api.rest("POST", "/contacts", {
      token: owner.token,
      body: { name: "Jade Cors" },
      headers: { origin, ...keyed(randomUUID()) },
    });
    expect(res.headers.get("access-control-expose-headers")).toContain("Idempotent-Replayed");
  });

  it("documents the optional header on every POST, PATCH and DELETE made with a credential", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ $ref?: string }>; security?: unknown[] }>>;
      components: { parameters: Record<string, { name: string; in: string; required: boolean }> };
    };
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({
      name: "Idempotency-Key",
      in: "header",
      required: false,
    });
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    const header = { $ref: "#/components/parameters/IdempotencyKey" };
    const writes = operations.filter(({ method }) => ["post", "patch", "delete"].includes(method));
    const signedIn = writes.filter(({ operation }) => operation.security?.length !== 0);
    expect(signedIn.length).toBeGreaterThan(20);
    for (const { path, method, operation } of signedIn) {
      expect(operation.parameters, `${method} ${path}`).toContainEqual(header);
    }
    // a read needs no key; signing in has no caller to keep one for
    for (const { operation } of operations.filter((op) => !signedIn.includes(op))) {
      expect(operation.parameters ?? []).not.toContainEqual(header);
    }
  });
});

describe("Idempotency-Key on /trpc", () => {
  it("a tRPC mutation sent again with the key gets the first answer", async () => {
    const key = randomUUID();
    const client = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${api.baseUrl}/trpc`,
          headers: () => ({ authorization: `Bearer ${owner.token}`, ...keyed(key) }),
        }),
      ],
    });
    const first = await client.contacts.create.mutate({ name: "Lia Trpc" });
    const again = await client.contacts.create.mutate({ name: "Lia Trpc" });
    expect(again).toEqual(first);
    expect(await contactsNamed(owner.organization.id, "Lia Trpc")).toHaveLength(1);
    await expect(client.contacts.create.mutate({ name: "Outra" })).rejects.toMatchObject({
      message: "This Idempotency-Key was used for a different request",
      data: { httpStatus: 422, path: "contacts.create" },
    });
  });

  it("a batch is one request: the key covers all its calls and its whole answer", async () => {
    const key = randomUUID();
    const post = () =>
      fetch(`${api.baseUrl}/trpc/contacts.create,tags.create?batch=1`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${owner.token}`,
          "content-type": "application/json",
          ...keyed(key),
        },
        body: JSON.stringify({ 0: { name: "Mel Lote" }, 1: { name: `Lote ${key}` } }),
      });
    const first = await post();
    expect(first.status).toBe(200);
    const firstText = await first.text();
    const retry = await post();
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.text()).toBe(firstText);
    expect(await contactsNamed(owner.organization.id, "Mel Lote")).toHaveLength(1);
  });

  it("refuses the key with a streamed answer, which could not be replayed whole", async () => {
    const res = await fetch(`${api.baseUrl}/trpc/contacts.create`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${owner.token}`,
        "content-type": "application/json",
        "trpc-accept": "application/jsonl",
        ...keyed(randomUUID()),
      },
      body: JSON.stringify({ name: "Nina Stream" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { data: { appCode: "VALIDATION_FAILED" } } });
    expect(await contactsNamed(owner.organization.id, "Nina Stream")).toEqual([]);
  });
});
