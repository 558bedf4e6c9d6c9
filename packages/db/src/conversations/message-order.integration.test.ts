import { randomUUID } from "node:crypto";
import type { Message } from "@crm/domain";
import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import { describe, expect, it } from "vitest";
import { createBatchedWebhookLogRepository } from "../integrations/webhook-log-batch";
import {
  createIntegration,
  createTestIngestionDeps,
  storeWebhook,
  type TestPayload,
  whatsappText,
} from "./ingestion-fixtures";
import { useIngestionTenant } from "./ingestion-queries";
import { createMessageRepository } from "./message-repository";

/*
 * Telegram and WhatsApp date messages in whole seconds: those of one second must come in the order they were
 * stored, in the thread and in each of its pages, however they were inserted.
 */

const tenant = useIngestionTenant();
const sameSecond = "2030-01-01T12:00:00.000Z";
const texts = ["1 primeiro", "2 segundo", "3 terceiro", "4 quarto", "5 quinto", "6 sexto"];

/** The thread's pages of `limit` messages (newest first), each message as `show` gives it. */
async function pagesOf(conversationId: string, limit: number, show: (message: Message) => string) {
  const messages = createMessageRepository(tenant.db);
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await messages.listInConversation(tenant.organizationId, conversationId, { cursor, limit });
    pages.push(page.items.map(show));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
}

/** Every page size cuts the thread somewhere among the tied messages, and the pages still join in order. */
async function expectThread(conversationId: string, stored: string[], show = (m: Message) => m.content) {
  const newestFirst = stored.toReversed();
  expect(await pagesOf(conversationId, 100, show)).toEqual([newestFirst]);
  for (const limit of [1, 2, 4]) {
    const pages = await pagesOf(conversationId, limit, show);
    expect(pages[0]).toEqual(newestFirst.slice(0, limit));
    expect(pages.flat()).toEqual(newestFirst);
  }
}

async function onlyConversation(): Promise<string> {
  const [conversation, ...others] = await tenant.conversationsOf();
  expect(others).toEqual([]);
  if (!conversation) throw new Error("no conversation was opened");
  return conversation.id;
}

describe("messages sent in the same second", () => {
  it("come in the order their webhooks were stored, one message per webhook (Telegram)", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const integrationId = await createIntegration(tenant.db, tenant.organizationId, "telegram");
    for (const text of texts) {
      const message = whatsappText("777000111", text, { sentAt: sameSecond });
      const logId = await storeWebhook(tenant.db, {
        organizationId: tenant.organizationId,
        integrationId,
        channel: "telegram",
        payload: { messages: [message] },
      });
      expect(await processWebhook(deps, logId)).toBe("processed");
    }

    await expectThread(await onlyConversation(), texts);
  });

  it("come in their order in one webhook (WhatsApp): photo with caption, PDF, sticker, location, texts", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const at = { sentAt: sameSecond };
    const batch = [
      whatsappText("5511987654321", "foto do produto", {
        ...at,
        contentType: "image",
        media: { providerMediaId: "photo", mimeType: "image/jpeg" },
      }),
      whatsappText("5511987654321", "", {
        ...at,
        contentType: "file",
        media: { providerMediaId: "pdf", mimeType: "application/pdf", fileName: "orcamento.pdf" },
      }),
      whatsappText("5511987654321", "", {
        ...at,
        contentType: "sticker",
        media: { providerMediaId: "sticker", mimeType: "image/webp" },
      }),
      whatsappText("5511987654321", "-23.5505,-46.6333", { ...at, contentType: "location" }),
      whatsappText("5511987654321", "chega amanhã?", at),
      whatsappText("5511987654321", "obrigado", at),
    ];

    await processWebhook(deps, await tenant.store({ messages: batch }));

    const ids = batch.map((message) => message.channelMessageId);
    await expectThread(await onlyConversation(), ids, (message) => message.channelMessageId ?? "");
  });

  it("come in their order in one multi-row insert, however many the database's clock sees in one tick", async () => {
    const conversation = await tenant.db
      .insertInto("conversations")
      .values({
        organization_id: tenant.organizationId,
        channel: "whatsapp",
        channel_thread_id: "5511900000000",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const contents = Array.from({ length: 60 }, (_, index) => `mensagem ${index + 1}`);
    await tenant.db
      .insertInto("messages")
      .values(
        contents.map((content) => ({
          organization_id: tenant.organizationId,
          conversation_id: conversation.id,
          channel: "whatsapp" as const,
          direction: "inbound" as const,
          sender_type: "contact" as const,
          content,
          sent_at: new Date(sameSecond),
        })),
      )
      .execute();

    await expectThread(conversation.id, contents);
  });

  it("come in the order agents wrote them, replies and notes alike, and the latest visible is the last reply", async () => {
    const conversation = await tenant.db
      .insertInto("conversations")
      .values({
        organization_id: tenant.organizationId,
        channel: "whatsapp",
        channel_thread_id: "5511911111111",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const messages = createMessageRepository(tenant.db);
    const sentAt = new Date("2030-01-01T12:00:00.123Z");
    for (const [index, content] of texts.entries()) {
      await messages.create(tenant.organizationId, {
        conversationId: conversation.id,
        channel: "whatsapp",
        senderType: "agent",
        senderId: null,
        content,
        isPrivate: index === texts.length - 1,
        status: index === texts.length - 1 ? null : "pending",
        sentAt,
      });
    }

    await expectThread(conversation.id, texts);
    const latest = await messages.latestVisible(tenant.organizationId, conversation.id);
    expect(latest?.content).toBe("5 quinto");
  });

  it("are found by newest-first search in the reverse of the order they were stored", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const batch = texts.map((text) =>
      whatsappText("5511987654321", `${text} pedido`, { sentAt: sameSecond }),
    );
    await processWebhook(deps, await tenant.store({ messages: batch }));
    const messages = createMessageRepository(tenant.db);

    for (const conversationId of [undefined, await onlyConversation()]) {
      const found = await messages.search(
        tenant.organizationId,
        { kind: "all" },
        { query: "pedido", order: "recent", conversationId },
        { limit: 100 },
      );
      expect(found.items.map((hit) => hit.message.content)).toEqual(
        texts.toReversed().map((text) => `${text} pedido`),
      );
    }
  });
});

describe("messages sent in the same second whose jobs run in the reverse order of their webhooks", () => {
  const burst = ["Oi", "quero comprar", "quanto custa?"];

  /** Runs each stored webhook's job, last accepted first, as concurrent workers may. */
  async function processNewestFirst(logIds: string[]) {
    const { deps } = createTestIngestionDeps(tenant.db);
    for (const logId of logIds.toReversed()) expect(await processWebhook(deps, logId)).toBe("processed");
  }

  it("come in the order their webhooks arrived, and the inbox shows the last one's preview (Telegram)", async () => {
    const integrationId = await createIntegration(tenant.db, tenant.organizationId, "telegram");
    const payloads = burst.map((text) => ({
      messages: [whatsappText("777000222", text, { sentAt: sameSecond })],
    }));
    const logIds: string[] = [];
    for (const payload of payloads) {
      logIds.push(
        await storeWebhook(tenant.db, {
          organizationId: tenant.organizationId,
          integrationId,
          channel: "telegram",
          payload,
        }),
      );
    }

    await processNewestFirst(logIds);

    const conversationId = await onlyConversation();
    await expectThread(conversationId, burst);
    const [conversation] = await tenant.conversationsOf();
    expect(conversation?.last_message_preview).toBe("quanto custa?");
    expect(conversation?.unread_count).toBe(3);

    // the provider redelivers the first one: a new log, a later arrival, and still nothing new
    const { deps } = createTestIngestionDeps(tenant.db);
    const again = await storeWebhook(tenant.db, {
      organizationId: tenant.organizationId,
      integrationId,
      channel: "telegram",
      payload: payloads[0] ?? null,
    });
    expect(await processWebhook(deps, again)).toBe("processed");
    await expectThread(conversationId, burst);
    expect((await tenant.conversationsOf())[0]?.unread_count).toBe(3);
  });

  it("come in the order they arrived when one group-committed insert accepted their webhooks together", async () => {
    const sealedConfig = { v: 1, iv: randomUUID(), tag: "t", data: "d" } as const;
    const externalId = randomUUID();
    const integration = await tenant.db
      .insertInto("integrations")
      .values({
        organization_id: tenant.organizationId,
        channel: "telegram",
        config: JSON.stringify(sealedConfig),
        external_id: externalId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const logs = createBatchedWebhookLogRepository(tenant.db, { windowMs: 60_000 });
    const accepted = burst.map((text) => {
      const payload: TestPayload = { messages: [whatsappText("777000333", text, { sentAt: sameSecond })] };
      return logs.insertIfCurrent(
        {
          organizationId: tenant.organizationId,
          integrationId: integration.id,
          channel: "telegram",
          source: "webhook",
          eventId: randomUUID(),
          payload,
          rawBody: null,
          status: "pending",
          errorMessage: null,
        },
        { sealedConfig, externalId },
      );
    });
    await logs.flush();
    const logIds = (await Promise.all(accepted)).map((result) => {
      if (typeof result !== "object") throw new Error(`webhook not stored: ${result}`);
      return result.id;
    });

    await processNewestFirst(logIds);

    await expectThread(await onlyConversation(), burst);
  });

  it("keep their order within a WhatsApp webhook, before the messages of a later webhook", async () => {
    const earlier = [
      whatsappText("5511987650000", "Oi", { sentAt: sameSecond }),
      whatsappText("5511987650000", "quero comprar", { sentAt: sameSecond }),
    ];
    const later = [whatsappText("5511987650000", "quanto custa?", { sentAt: sameSecond })];
    const logIds = [await tenant.store({ messages: earlier }), await tenant.store({ messages: later })];

    await processNewestFirst(logIds);

    await expectThread(await onlyConversation(), burst);
  });
});

describe("new message ids", () => {
  it("are version 7 uuids (RFC 9562) carrying the time they were stored", async () => {
    const conversation = await tenant.db
      .insertInto("conversations")
      .values({
        organization_id: tenant.organizationId,
        channel: "whatsapp",
        channel_thread_id: "5511922222222",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const before = Date.now();
    const { id } = await createMessageRepository(tenant.db).create(tenant.organizationId, {
      conversationId: conversation.id,
      channel: "whatsapp",
      senderType: "agent",
      senderId: null,
      content: "olá",
      isPrivate: false,
      status: "pending",
      sentAt: new Date(),
    });

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const storedAt = Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    // the database's clock, not this process's: allow for a little skew
    expect(Math.abs(storedAt - before)).toBeLessThan(5_000);
  });
});
