import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import { describe, expect, it } from "vitest";
import { createIntegration, createTestIngestionDeps, storeWebhook, whatsappText } from "./ingestion-fixtures";
import { useIngestionTenant } from "./ingestion-queries";

const tenant = useIngestionTenant();
const { store, messagesOf, conversationsOf, contactsOf, logOf } = tenant;

describe("webhook ingestion", () => {
  it("stores one message however many times the same webhook is processed", async () => {
    const { deps, events } = createTestIngestionDeps(tenant.db);
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
    // the one processing that stored it is its one attempt; the four that found it done count none
    expect(await logOf(logId)).toMatchObject({ status: "success", attempts: 1, error_message: null });
    expect((await logOf(logId)).processed_at).toBeInstanceOf(Date);
    expect(events.published.map((e) => e.type)).toEqual([
      "contact_updated",
      "conversation_updated",
      "new_message",
    ]);
  });

  it("stores a message delivered in five webhooks once, and publishes only for the first", async () => {
    const { deps, events } = createTestIngestionDeps(tenant.db);
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
    const { deps, queue } = createTestIngestionDeps(tenant.db);
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
        integration_id: tenant.integrationId,
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
    const { deps } = createTestIngestionDeps(tenant.db);
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
    const { deps, events } = createTestIngestionDeps(tenant.db);
    const existing = await tenant.db
      .insertInto("contacts")
      .values({ organization_id: tenant.organizationId, name: "Maria Silva", phone: "+5511987654321" })
      .returning("id")
      .executeTakeFirstOrThrow();

    const message = whatsappText("551187654321", "oi", {
      sender: { channelUserId: "551187654321", name: "Maria", phone: "+551187654321" },
    });
    await processWebhook(deps, await store({ messages: [message] }));

    expect(await contactsOf()).toEqual([{ id: existing.id, name: "Maria Silva", phone: "+5511987654321" }]);
    expect((await conversationsOf())[0]?.contact_id).toBe(existing.id);
    const identities = await tenant.db
      .selectFrom("channel_identities")
      .select(["contact_id", "channel_user_id", "display_name"])
      .where("organization_id", "=", tenant.organizationId)
      .execute();
    expect(identities).toEqual([
      { contact_id: existing.id, channel_user_id: "551187654321", display_name: "Maria" },
    ]);
    expect(events.published.map((e) => e.type)).not.toContain("contact_updated");
  });

  it("matches a contact stored without the ninth digit to a number that has it", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const existing = await tenant.db
      .insertInto("contacts")
      .values({ organization_id: tenant.organizationId, name: "Importado", phone: "+551187654321" })
      .returning("id")
      .executeTakeFirstOrThrow();

    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "oi")] }));

    expect((await contactsOf()).map((c) => c.id)).toEqual([existing.id]);
  });

  it("keeps a customer's threads with two numbers of one organization apart, each answered from its own", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const support = await createIntegration(tenant.db, tenant.organizationId);
    const toSales = whatsappText("5511987654321", "Quero comprar");
    // the same provider message id under two integrations (two Telegram bots' chats number alike)
    const toSupport = whatsappText("5511987654321", "Meu pedido atrasou", {
      channelMessageId: toSales.channelMessageId,
    });

    await processWebhook(deps, await store({ messages: [toSales] }));
    const supportLog = await storeWebhook(tenant.db, {
      organizationId: tenant.organizationId,
      integrationId: support,
      payload: { messages: [toSupport] },
    });
    await processWebhook(deps, supportLog);

    const conversations = await conversationsOf();
    expect(conversations.map((c) => c.integration_id).sort()).toEqual([tenant.integrationId, support].sort());
    expect((await messagesOf()).map((m) => m.content).sort()).toEqual([
      "Meu pedido atrasou",
      "Quero comprar",
    ]);
    expect(new Set(conversations.map((c) => c.contact_id)).size).toBe(1);
  });

  it("lets the integration that hears a thread take over its conversation when the old one was deleted", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const orphan = await tenant.db
      .insertInto("conversations")
      .values({
        organization_id: tenant.organizationId,
        channel: "whatsapp",
        channel_thread_id: "5511987654321",
        integration_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "Voltei")] }));

    expect(await conversationsOf()).toEqual([
      expect.objectContaining({ id: orphan.id, integration_id: tenant.integrationId, unread_count: 1 }),
    ]);
  });

  it("brings a reply without the ninth digit into the conversation an agent started with it", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const contact = await tenant.db
      .insertInto("contacts")
      .values({ organization_id: tenant.organizationId, name: "Ana", phone: "+5511987654321" })
      .returning("id")
      .executeTakeFirstOrThrow();
    // what starting a WhatsApp conversation from the contact's phone stores: the number without "+"
    const started = await tenant.db
      .insertInto("conversations")
      .values({
        organization_id: tenant.organizationId,
        contact_id: contact.id,
        channel: "whatsapp",
        channel_thread_id: "5511987654321",
        integration_id: tenant.integrationId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    await processWebhook(deps, await store({ messages: [whatsappText("551187654321", "Oi, recebi")] }));

    expect(await conversationsOf()).toEqual([
      expect.objectContaining({
        id: started.id,
        channel_thread_id: "5511987654321",
        unread_count: 1,
        last_message_preview: "Oi, recebi",
      }),
    ]);
    expect((await messagesOf()).map((m) => m.content)).toEqual(["Oi, recebi"]);
  });
  it("resolves later messages through the channel identity, even after the contact's phone changed", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "um")] }));
    const [contact] = await contactsOf();
    await tenant.db
      .updateTable("contacts")
      .set({ phone: "+5511911112222" })
      .where("id", "=", contact?.id ?? "")
      .execute();

    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "dois")] }));

    expect((await contactsOf()).map((c) => c.id)).toEqual([contact?.id]);
    expect(await conversationsOf()).toHaveLength(1);
  });

  it("creates one contact and one conversation when a new sender's first messages race", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const logIds = await Promise.all(
      Array.from({ length: 6 }, (_, i) => store({ messages: [whatsappText("5531987654321", `msg ${i}`)] })),
    );

    await Promise.all(logIds.map((id) => processWebhook(deps, id)));

    expect(await contactsOf()).toHaveLength(1);
    expect(await conversationsOf()).toEqual([expect.objectContaining({ unread_count: 6 })]);
    expect(await messagesOf()).toHaveLength(6);
  });

  it("names a Telegram contact from its profile and keeps no phone", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const telegram = await createIntegration(tenant.db, tenant.organizationId, "telegram");
    const logId = await storeWebhook(tenant.db, {
      organizationId: tenant.organizationId,
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
    const { deps, events } = createTestIngestionDeps(tenant.db);
    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "um")] }));
    await tenant.db
      .updateTable("conversations")
      .set({ status, snoozed_until: snoozedUntil, unread_count: 0 })
      .where("organization_id", "=", tenant.organizationId)
      .execute();
    events.published.length = 0;

    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "voltei")] }));

    expect(await conversationsOf()).toEqual([
      expect.objectContaining({ status: "open", snoozed_until: null, unread_count: 1 }),
    ]);
    expect(events.published.map((event) => [event.type, event.payload])).toEqual([
      ["conversation_updated", expect.objectContaining({ status: "open" })],
      ["new_message", expect.objectContaining({ direction: "inbound" })],
    ]);
  });

  it("announces a message into an open conversation by its new_message alone, which carries the assignee", async () => {
    const { deps, events } = createTestIngestionDeps(tenant.db);
    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "um")] }));
    events.published.length = 0;

    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "dois")] }));

    const [message] = (await messagesOf()).filter((stored) => stored.content === "dois");
    expect(events.published).toEqual([
      expect.objectContaining({
        type: "new_message",
        payload: {
          conversationId: message?.conversation_id,
          messageId: message?.id,
          direction: "inbound",
          isPrivate: false,
          assignedTo: null,
        },
      }),
    ]);
  });

  it("does not reopen a closed conversation for a redelivered message", async () => {
    const { deps, events } = createTestIngestionDeps(tenant.db);
    const message = whatsappText("5511987654321", "um");
    await processWebhook(deps, await store({ messages: [message] }));
    await tenant.db
      .updateTable("conversations")
      .set({ status: "closed" })
      .where("organization_id", "=", tenant.organizationId)
      .execute();
    events.published.length = 0;

    await processWebhook(deps, await store({ messages: [message] }));

    expect((await conversationsOf())[0]?.status).toBe("closed");
    expect(events.published).toEqual([]);
  });

  it("stores a media message at once with its media pending and queues its download", async () => {
    const { deps, queue } = createTestIngestionDeps(tenant.db);
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
