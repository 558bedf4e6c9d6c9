import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import { webhookProcessAttempts } from "@crm/domain/shared/jobs";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import {
  createIntegration,
  createOrganization,
  createTestIngestionDeps,
  storeWebhook,
  type TestPayload,
  whatsappText,
} from "./ingestion-fixtures";

let handle: DatabaseHandle;
let organizationId: string;
let integrationId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(() => handle?.close());

beforeEach(async () => {
  organizationId = await createOrganization(handle.db);
  integrationId = await createIntegration(handle.db, organizationId);
});

const store = (payload: TestPayload | null, createdAt?: Date) =>
  storeWebhook(handle.db, { organizationId, integrationId, payload, ...(createdAt && { createdAt }) });

const messagesOf = () =>
  handle.db
    .selectFrom("messages")
    .select(["id", "channel_message_id", "content", "conversation_id", "sent_at", "status", "media_status"])
    .where("organization_id", "=", organizationId)
    .orderBy("sent_at")
    .execute();

const conversationsOf = () =>
  handle.db
    .selectFrom("conversations")
    .select([
      "id",
      "contact_id",
      "channel_thread_id",
      "status",
      "snoozed_until",
      "unread_count",
      "last_message_at",
      "last_inbound_at",
      "last_message_preview",
      "integration_id",
    ])
    .where("organization_id", "=", organizationId)
    .orderBy("channel_thread_id")
    .execute();

const contactsOf = () =>
  handle.db
    .selectFrom("contacts")
    .select(["id", "name", "phone"])
    .where("organization_id", "=", organizationId)
    .orderBy("name")
    .execute();

const logOf = (id: string) =>
  handle.db
    .selectFrom("webhook_logs")
    .select(["status", "attempts", "error_message", "processed_at", "last_attempt_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

describe("webhook ingestion", () => {
  it("stores one message however many times the same webhook is processed", async () => {
    const { deps, events } = createTestIngestionDeps(handle.db);
    const message = whatsappText("5511987654321", "Olá, quero um orçamento");
    const logId = await store({ messages: [message] });

    const outcomes = await Promise.all(Array.from({ length: 5 }, () => processWebhook(deps, logId)));

    expect(outcomes.toSorted()).toEqual(["processed", "skipped", "skipped", "skipped", "skipped"]);
    expect(await messagesOf()).toEqual([
      expect.objectContaining({
        channel_message_id: message.channelMessageId,
        content: "Olá, quero um orçamento",
      }),
    ]);
    expect(await logOf(logId)).toMatchObject({ status: "success", attempts: 0, error_message: null });
    expect((await logOf(logId)).processed_at).toBeInstanceOf(Date);
    expect(events.published.map((e) => e.type)).toEqual([
      "contact_updated",
      "conversation_updated",
      "new_message",
    ]);
  });

  it("stores a message delivered in five webhooks once, and publishes only for the first", async () => {
    const { deps, events } = createTestIngestionDeps(handle.db);
    const message = whatsappText("5511987654321", "repetida");
    const logIds = await Promise.all(Array.from({ length: 5 }, () => store({ messages: [message] })));

    await Promise.all(logIds.map((id) => processWebhook(deps, id)));

    expect(await messagesOf()).toHaveLength(1);
    const [conversation] = await conversationsOf();
    expect(conversation?.unread_count).toBe(1);
    for (const id of logIds) expect((await logOf(id)).status).toBe("success");
    expect(events.published.filter((e) => e.type === "new_message")).toHaveLength(1);
  });

  it("stores every message of a batch, ordered by the provider's time, whatever their order in it", async () => {
    const { deps, queue } = createTestIngestionDeps(handle.db);
    const first = whatsappText("5511987654321", "primeira", { sentAt: "2030-01-01T10:00:00.000Z" });
    const second = whatsappText("5511987654321", "segunda", { sentAt: "2030-01-01T10:00:05.000Z" });
    const other = whatsappText("5521998765432", "outra pessoa", { sentAt: "2030-01-01T09:00:00.000Z" });

    await processWebhook(deps, await store({ messages: [second, other, first] }));

    const messages = await messagesOf();
    expect(messages.map((m) => m.content)).toEqual(["outra pessoa", "primeira", "segunda"]);
    const conversations = await conversationsOf();
    expect(conversations).toEqual([
      expect.objectContaining({
        channel_thread_id: "5511987654321",
        unread_count: 2,
        last_message_preview: "segunda",
        last_message_at: new Date("2030-01-01T10:00:05.000Z"),
        last_inbound_at: new Date("2030-01-01T10:00:05.000Z"),
        integration_id: integrationId,
        status: "open",
      }),
      expect.objectContaining({ channel_thread_id: "5521998765432", unread_count: 1 }),
    ]);
    expect(await contactsOf()).toEqual([
      expect.objectContaining({ name: "Cliente 4321", phone: "+5511987654321" }),
      expect.objectContaining({ name: "Cliente 5432", phone: "+5521998765432" }),
    ]);
    expect(queue.jobs).toEqual([]);
  });

  it("keeps the newest message as the conversation's last when an older one arrives later", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const newer = whatsappText("5511987654321", "nova", { sentAt: "2030-01-01T10:00:05.000Z" });
    const older = whatsappText("5511987654321", "antiga", { sentAt: "2030-01-01T10:00:00.000Z" });

    await processWebhook(deps, await store({ messages: [newer] }));
    await processWebhook(deps, await store({ messages: [older] }));

    expect(await conversationsOf()).toEqual([
      expect.objectContaining({
        unread_count: 2,
        last_message_preview: "nova",
        last_message_at: new Date("2030-01-01T10:00:05.000Z"),
      }),
    ]);
  });

  it("matches a Brazilian number sent without its ninth digit to the contact stored with it", async () => {
    const { deps, events } = createTestIngestionDeps(handle.db);
    const existing = await handle.db
      .insertInto("contacts")
      .values({ organization_id: organizationId, name: "Maria Silva", phone: "+5511987654321" })
      .returning("id")
      .executeTakeFirstOrThrow();

    const message = whatsappText("551187654321", "oi", {
      sender: { channelUserId: "551187654321", name: "Maria", phone: "+551187654321" },
    });
    await processWebhook(deps, await store({ messages: [message] }));

    expect(await contactsOf()).toEqual([{ id: existing.id, name: "Maria Silva", phone: "+5511987654321" }]);
    expect((await conversationsOf())[0]?.contact_id).toBe(existing.id);
    const identities = await handle.db
      .selectFrom("channel_identities")
      .select(["contact_id", "channel_user_id", "display_name"])
      .where("organization_id", "=", organizationId)
      .execute();
    expect(identities).toEqual([
      { contact_id: existing.id, channel_user_id: "551187654321", display_name: "Maria" },
    ]);
    expect(events.published.map((e) => e.type)).not.toContain("contact_updated");
  });

  it("matches a contact stored without the ninth digit to a number that has it", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const existing = await handle.db
      .insertInto("contacts")
      .values({ organization_id: organizationId, name: "Importado", phone: "+551187654321" })
      .returning("id")
      .executeTakeFirstOrThrow();

    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "oi")] }));

    expect((await contactsOf()).map((c) => c.id)).toEqual([existing.id]);
  });

  it("resolves later messages through the channel identity, even after the contact's phone changed", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "um")] }));
    const [contact] = await contactsOf();
    await handle.db
      .updateTable("contacts")
      .set({ phone: "+5511911112222" })
      .where("id", "=", contact?.id ?? "")
      .execute();

    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "dois")] }));

    expect((await contactsOf()).map((c) => c.id)).toEqual([contact?.id]);
    expect(await conversationsOf()).toHaveLength(1);
  });

  it("creates one contact and one conversation when a new sender's first messages race", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const logIds = await Promise.all(
      Array.from({ length: 6 }, (_, i) => store({ messages: [whatsappText("5531987654321", `msg ${i}`)] })),
    );

    await Promise.all(logIds.map((id) => processWebhook(deps, id)));

    expect(await contactsOf()).toHaveLength(1);
    expect(await conversationsOf()).toEqual([expect.objectContaining({ unread_count: 6 })]);
    expect(await messagesOf()).toHaveLength(6);
  });

  it("names a Telegram contact from its profile and keeps no phone", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const telegram = await createIntegration(handle.db, organizationId, "telegram");
    const logId = await storeWebhook(handle.db, {
      organizationId,
      integrationId: telegram,
      channel: "telegram",
      payload: {
        messages: [
          {
            channelMessageId: "100:1",
            threadId: "100",
            sender: { channelUserId: "4242", username: "joana_s" },
            sentAt: "2030-01-01T10:00:00.000Z",
            contentType: "text",
            text: "oi",
          },
        ],
      },
    });

    await processWebhook(deps, logId);

    expect(await contactsOf()).toEqual([expect.objectContaining({ name: "joana_s", phone: null })]);
  });

  it.each([
    ["closed", null],
    ["snoozed", new Date("2030-02-01T00:00:00.000Z")],
  ] as const)("reopens a %s conversation when the customer writes again", async (status, snoozedUntil) => {
    const { deps, events } = createTestIngestionDeps(handle.db);
    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "um")] }));
    await handle.db
      .updateTable("conversations")
      .set({ status, snoozed_until: snoozedUntil, unread_count: 0 })
      .where("organization_id", "=", organizationId)
      .execute();
    events.published.length = 0;

    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "voltei")] }));

    expect(await conversationsOf()).toEqual([
      expect.objectContaining({ status: "open", snoozed_until: null, unread_count: 1 }),
    ]);
    expect(events.published).toContainEqual(
      expect.objectContaining({
        type: "conversation_updated",
        payload: expect.objectContaining({ status: "open" }),
      }),
    );
  });

  it("does not reopen a closed conversation for a redelivered message", async () => {
    const { deps, events } = createTestIngestionDeps(handle.db);
    const message = whatsappText("5511987654321", "um");
    await processWebhook(deps, await store({ messages: [message] }));
    await handle.db
      .updateTable("conversations")
      .set({ status: "closed" })
      .where("organization_id", "=", organizationId)
      .execute();
    events.published.length = 0;

    await processWebhook(deps, await store({ messages: [message] }));

    expect((await conversationsOf())[0]?.status).toBe("closed");
    expect(events.published).toEqual([]);
  });

  it("stores a media message at once with its media pending and queues its download", async () => {
    const { deps, queue } = createTestIngestionDeps(handle.db);
    const photo = whatsappText("5511987654321", "", {
      contentType: "image",
      media: { providerMediaId: "media-123", mimeType: "image/jpeg" },
    });

    await processWebhook(deps, await store({ messages: [photo] }));

    const [message] = await messagesOf();
    expect(message?.media_status).toBe("pending");
    expect((await conversationsOf())[0]?.last_message_preview).toBe("[image]");
    expect(queue.jobs).toEqual([
      {
        queue: "media-download",
        payload: { messageId: message?.id },
        options: { jobId: `media-${message?.id}`, attempts: 5 },
      },
    ]);
  });
});

describe("delivery statuses", () => {
  async function outboundMessage(channelMessageId: string) {
    const { deps } = createTestIngestionDeps(handle.db);
    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "oi")] }));
    const [conversation] = await conversationsOf();
    return handle.db
      .insertInto("messages")
      .values({
        organization_id: organizationId,
        conversation_id: conversation?.id ?? "",
        channel: "whatsapp",
        sender_type: "agent",
        direction: "outbound",
        content: "Olá! Como posso ajudar?",
        channel_message_id: channelMessageId,
        status: "pending",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  const statusOf = (id: string) =>
    handle.db
      .selectFrom("messages")
      .select(["status", "status_at", "error_message"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("ends at the highest status when callbacks arrive out of order and at the same time", async () => {
    const { deps, events } = createTestIngestionDeps(handle.db);
    const message = await outboundMessage("wamid.out-1");
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
    const logIds = await Promise.all(
      (["read", "sent", "delivered", "sent", "read"] as const).map((status, i) =>
        store({ statuses: [{ channelMessageId: "wamid.out-1", status, at: at(i) }] }),
      ),
    );

    await Promise.all(logIds.map((id) => processWebhook(deps, id)));

    expect((await statusOf(message.id)).status).toBe("read");
    const published = events.published.filter((e) => e.type === "message_status");
    expect(published.length).toBeGreaterThanOrEqual(1);
    expect(published.at(-1)?.payload).toMatchObject({ messageId: message.id, status: "read", error: null });
  });

  it("records a failure with its error, but never after the message was delivered", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const failed = await outboundMessage("wamid.out-2");
    const delivered = await outboundMessage("wamid.out-3");
    const now = new Date().toISOString();

    await processWebhook(
      deps,
      await store({
        statuses: [
          {
            channelMessageId: "wamid.out-2",
            status: "failed",
            at: now,
            error: "Re-engagement message (131047)",
          },
          { channelMessageId: "wamid.out-3", status: "delivered", at: now },
          { channelMessageId: "wamid.out-3", status: "failed", at: now, error: "late" },
        ],
      }),
    );

    expect(await statusOf(failed.id)).toMatchObject({
      status: "failed",
      error_message: "Re-engagement message (131047)",
    });
    expect(await statusOf(delivered.id)).toMatchObject({ status: "delivered", error_message: null });
  });

  it("retries a recent status whose message is not stored yet, and drops it on the last attempt", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const logId = await store({
      statuses: [{ channelMessageId: "wamid.not-yet", status: "delivered", at: new Date().toISOString() }],
    });

    await expect(processWebhook(deps, logId)).rejects.toThrow(
      'No message wamid.not-yet yet for its "delivered" status',
    );
    expect(await logOf(logId)).toMatchObject({ status: "retrying", attempts: 1 });

    await handle.db
      .updateTable("webhook_logs")
      .set({ attempts: webhookProcessAttempts - 1 })
      .where("id", "=", logId)
      .execute();
    expect(await processWebhook(deps, logId)).toBe("processed");
    expect(await logOf(logId)).toMatchObject({ status: "success", error_message: null });
  });

  it("drops at once an old status for a message this CRM never sent", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const logId = await store({
      statuses: [{ channelMessageId: "wamid.from-phone", status: "read", at: "2020-01-01T00:00:00.000Z" }],
    });

    expect(await processWebhook(deps, logId)).toBe("processed");
  });
});

describe("failures", () => {
  it("marks an unreadable webhook failed at once, with the reason", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const notJson = await store(null);
    const unreadable = await storeWebhook(handle.db, {
      organizationId,
      integrationId,
      payload: { nonsense: true } as unknown as TestPayload,
    });

    expect(await processWebhook(deps, notJson)).toBe("failed");
    expect(await processWebhook(deps, unreadable)).toBe("failed");

    expect(await logOf(notJson)).toMatchObject({
      status: "failed",
      attempts: 1,
      error_message: "The body is not JSON",
    });
    expect(await logOf(unreadable)).toMatchObject({
      status: "failed",
      error_message: "Unreadable whatsapp payload: not a test payload",
    });
  });

  it("counts each failed attempt, rolls back the batch, and fails the log after the last one", async () => {
    const base = createTestIngestionDeps(handle.db).deps;
    let calls = 0;
    const failing = createTestIngestionDeps(handle.db, {
      store: {
        ...base.store,
        transaction: (work) =>
          base.store.transaction((repos) =>
            work({
              ...repos,
              messages: {
                ...repos.messages,
                insertInbound: async (organization, draft) => {
                  calls += 1;
                  // the first message of the batch is written, then the second fails
                  if (calls % 2 === 0) throw new Error("disk full");
                  return repos.messages.insertInbound(organization, draft);
                },
              },
            }),
          ),
      },
    }).deps;
    const logId = await store({
      messages: [whatsappText("5511987654321", "a"), whatsappText("5511987654321", "b")],
    });

    for (let attempt = 1; attempt < webhookProcessAttempts; attempt += 1) {
      await expect(processWebhook(failing, logId)).rejects.toThrow("disk full");
      expect(await logOf(logId)).toMatchObject({
        status: "retrying",
        attempts: attempt,
        error_message: "disk full",
      });
    }
    await expect(processWebhook(failing, logId)).rejects.toThrow("disk full");

    expect(await logOf(logId)).toMatchObject({
      status: "failed",
      attempts: webhookProcessAttempts,
      error_message: "disk full",
    });
    expect(await messagesOf()).toEqual([]);
    expect(await contactsOf()).toEqual([]);
    expect(await processWebhook(base, logId)).toBe("skipped");
  });

  it("recovers on a later attempt without doubling anything", async () => {
    const base = createTestIngestionDeps(handle.db).deps;
    let fail = true;
    const flaky = createTestIngestionDeps(handle.db, {
      store: {
        ...base.store,
        transaction: (work) =>
          base.store.transaction(async (repos) => {
            const result = await work(repos);
            if (fail) throw new Error("connection reset");
            return result;
          }),
      },
    });
    const logId = await store({
      messages: [whatsappText("5511987654321", "a"), whatsappText("5511987654321", "b")],
    });

    await expect(processWebhook(flaky.deps, logId)).rejects.toThrow("connection reset");
    fail = false;
    expect(await processWebhook(flaky.deps, logId)).toBe("processed");

    expect(await messagesOf()).toHaveLength(2);
    expect(await logOf(logId)).toMatchObject({ status: "success", attempts: 1, error_message: null });
    expect(flaky.events.published.filter((e) => e.type === "new_message")).toHaveLength(2);
  });

  it("skips a log id that does not exist or is not a UUID", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    expect(await processWebhook(deps, "00000000-0000-4000-8000-000000000000")).toBe("skipped");
    expect(await processWebhook(deps, "not-a-uuid")).toBe("skipped");
  });

  it("refuses a log of a payment provider", async () => {
    const { deps } = createTestIngestionDeps(handle.db);
    const row = await handle.db
      .insertInto("webhook_logs")
      .values({
        organization_id: organizationId,
        channel: "stripe",
        payload: JSON.stringify({ id: "evt_1" }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    expect(await processWebhook(deps, row.id)).toBe("failed");
    expect(await logOf(row.id)).toMatchObject({
      status: "failed",
      error_message: '"stripe" is not a messaging channel',
    });
  });
});

describe("indexes", () => {
  it("has the sweeper's partial indexes", async () => {
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes
      where indexname in ('idx_webhook_logs_to_process', 'idx_messages_media_pending') order by indexname`.execute(
      handle.db,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      "idx_messages_media_pending",
      "idx_webhook_logs_to_process",
    ]);
  });
});
