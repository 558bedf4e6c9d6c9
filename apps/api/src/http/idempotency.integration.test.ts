import { randomUUID } from "node:crypto";
import { readEnv } from "@crm/db/cli/env";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { insertConversation, type MessageDto } from "../routers/conversations/conversation-fixtures";
import type { RestResponse } from "../testing/harness";
import { waitForLockWaiter } from "../testing/lock-waiter";
import {
  type ContactDto,
  type ErrorDto,
  keyed,
  replayedOf,
  useIdempotencyTestbed,
} from "./idempotency-fixtures";

const tb = useIdempotencyTestbed();
const { createContact, contactsNamed, expectDocumented, dealInConversation, sendLink, paymentsOf } = tb;

describe("Idempotency-Key on /api/v1", () => {
  it("a message sent twice with one key is delivered once; the retry gets the first answer, marked replayed", async () => {
    const phone = "5511987659001";
    const conversationId = await insertConversation(tb.api, tb.owner.organization.id, {
      integrationId: tb.whatsappIntegration,
      threadId: phone,
      lastInboundMinutesAgo: 10,
    });
    const key = randomUUID();
    const send = () =>
      tb.api.rest<MessageDto>("POST", `/conversations/${conversationId}/messages`, {
        token: tb.owner.token,
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
        const message = await tb.api.rest<MessageDto>("GET", `/messages/${first.body.id}`, {
          token: tb.owner.token,
        });
        expect(message.body.status).toBe("sent");
      },
      { timeout: 15_000, interval: 50 },
    );
    const stored = await tb.api.container.db.db
      .selectFrom("messages")
      .select("id")
      .where("conversation_id", "=", conversationId)
      .execute();
    expect(stored).toEqual([{ id: first.body.id }]);
    expect(tb.whatsapp.sent.filter((message) => message.to === phone)).toHaveLength(1);
  });

  it("a payment link sent twice with one key makes one payment", async () => {
    const { deal, conversationId } = await dealInConversation("5511987659002");
    const sessions = tb.stripe.sessions.size;
    const key = randomUUID();
    const first = await sendLink(key, { dealId: deal.id, conversationId });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await sendLink(key, { dealId: deal.id, conversationId });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(replayedOf(retry)).toBe("true");
    expect((await paymentsOf(deal.id)).map((payment) => payment.id)).toEqual([first.body.payment.id]);
    expect(tb.stripe.sessions.size).toBe(sessions + 1);
  });

  it("the same key for another body, path or method is a documented 422 and runs nothing", async () => {
    const key = randomUUID();
    const first = await createContact(tb.owner.token, key, { name: "Ana Idempotente" });
    expect(first.status, JSON.stringify(first.body)).toBe(201);

    const otherBody = await createContact(tb.owner.token, key, { name: "Bia Idempotente" });
    expect(otherBody.body).toMatchObject({
      message: "This Idempotency-Key was used for a different request",
      code: "UNPROCESSABLE_CONTENT",
      data: { appCode: "UNPROCESSABLE", httpStatus: 422, path: "contacts.create" },
    });
    await expectDocumented("POST", "/contacts", otherBody, 422);
    expect(await contactsNamed(tb.owner.organization.id, "Bia Idempotente")).toEqual([]);

    const otherPath = await tb.api.rest<ErrorDto>("POST", "/tags", {
      token: tb.owner.token,
      body: { name: "Ana Idempotente" },
      headers: keyed(key),
    });
    expect(otherPath.status).toBe(422);
    const otherMethod = await tb.api.rest<ErrorDto>("PATCH", `/contacts/${first.body.id}`, {
      token: tb.owner.token,
      body: { name: "Ana Idempotente" },
      headers: keyed(key),
    });
    expect(otherMethod.status).toBe(422);
    expect(
      (await tb.api.rest<ContactDto>("GET", `/contacts/${first.body.id}`, { token: tb.owner.token })).status,
    ).toBe(200);
  });

  it("the same input serialized with its keys in another order is the same request", async () => {
    const key = randomUUID();
    const post = (body: string) =>
      fetch(`${tb.api.baseUrl}/api/v1/contacts`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${tb.owner.token}`,
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
    expect(await contactsNamed(tb.owner.organization.id, "Caio Ordem")).toHaveLength(1);
  });

  it("two concurrent first requests with one key run it once: the other gets 409 or the replay", async () => {
    const key = randomUUID();
    const answers = await Promise.all([
      createContact(tb.owner.token, key, { name: "Duda Concorrente" }),
      createContact(tb.owner.token, key, { name: "Duda Concorrente" }),
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
    expect(await contactsNamed(tb.owner.organization.id, "Duda Concorrente")).toHaveLength(1);
  });

  // PGlite runs one transaction at a time: a request held by a lock holds every other
  it.skipIf(!readEnv().databaseUrl)(
    "a retry while the first request still runs is a documented 409; once it is done, its answer (Postgres)",
    async () => {
      const key = randomUUID();
      const { first, retry } = await tb.api.container.db.db.transaction().execute(async (trx) => {
        await sql`lock table contacts in share mode`.execute(trx);
        const first = createContact(tb.owner.token, key, { name: "Edu Esperando" });
        await waitForLockWaiter(tb.api, "contacts");
        // bounded: a retry that waited on the lock as well would hold the transaction (and the table) forever
        const retry = await fetch(`${tb.api.baseUrl}/api/v1/contacts`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${tb.owner.token}`,
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
      const later = await createContact(tb.owner.token, key, { name: "Edu Esperando" });
      expect(replayedOf(later)).toBe("true");
      expect(later.body).toEqual(done.body);
      expect(await contactsNamed(tb.owner.organization.id, "Edu Esperando")).toHaveLength(1);
    },
  );

  it("a 5xx answer releases the key: the retry runs the request", async () => {
    const { deal, conversationId } = await dealInConversation("5511987659003");
    const key = randomUUID();
    tb.stripe.failAlways(500);
    const failed = await sendLink(key, { dealId: deal.id, conversationId });
    tb.stripe.recover();
    expect(failed.status, JSON.stringify(failed.body)).toBe(502);
    expect(await paymentsOf(deal.id)).toEqual([]);
    const retry = await sendLink(key, { dealId: deal.id, conversationId });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(replayedOf(retry)).toBeNull();
    expect((await paymentsOf(deal.id)).map((payment) => payment.id)).toEqual([retry.body.payment.id]);
  });
});
