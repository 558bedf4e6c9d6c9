import {
  type ChannelAdapters,
  type DeliveryDeps,
  deliverMessage,
  interruptedSendError,
  type MessageRepository,
  messageSendAttempts,
  unconfirmedSendError,
} from "@crm/domain";
import type { Logger } from "@crm/domain/shared/logger";
import { createChannelAdapters, defaultChannelApiBases } from "@crm/integrations";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { sweepSendsJob } from "./sweep-sends";
import { useWhatsAppApi } from "./whatsapp-api-fixture";

/*
 * A message the provider may have accepted is never sent again by the send job: not when recording the
 * provider's answer fails, not when an attempt died after claiming it, not when the provider never answered.
 * Through the real API and database, on the fake WhatsApp; the queue's attempts are replayed here
 * (`runSendJob`) so each one can be watched.
 */

const inbox = useWhatsAppApi({ dataDirPrefix: "crm-send-once-", integrationName: "WhatsApp" });
const db = () => inbox.db;
const minutesFromNow = (minutes: number) => sql<Date>`now() + make_interval(mins => ${minutes})`;
let threads = 0;

async function conversation() {
  threads += 1;
  const row = await db()
    .insertInto("conversations")
    .values({
      organization_id: inbox.organizationId,
      channel: "whatsapp",
      channel_thread_id: `55118${70_000_000 + threads}`,
      integration_id: inbox.integrationId,
      status: "open",
      last_inbound_at: minutesFromNow(-10),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function pendingMessage(conversationId: string, text: string) {
  const row = await db()
    .insertInto("messages")
    .values({
      organization_id: inbox.organizationId,
      conversation_id: conversationId,
      channel: "whatsapp",
      direction: "outbound",
      sender_type: "agent",
      content: text,
      status: "pending",
      status_at: minutesFromNow(0),
      created_at: minutesFromNow(0),
      sent_at: minutesFromNow(0),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const stored = (id: string) =>
  db()
    .selectFrom("messages")
    .select(["status", "channel_message_id", "error_message", "send_started_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

/** What the fake WhatsApp received with this text: what reached the customer. */
const received = (text: string) => inbox.whatsapp.sent.filter((message) => message.text === text);

/** The requests that reached the fake WhatsApp with this text, answered or not. */
const requestsWith = (text: string) =>
  inbox.whatsapp.requests.filter(
    (request) => (request.json as { text?: { body?: string } } | undefined)?.text?.body === text,
  );

/** The adapters, counting the sends they are asked for; `answer` may rewrite the provider's answer. */
function countingAdapters(
  adapters: ChannelAdapters,
  answer?: (result: { ok: true; channelMessageId: string }) => { ok: true; channelMessageId: string },
) {
  const calls = { send: 0 };
  const counting: ChannelAdapters = {
    get(channel) {
      const adapter = adapters.get(channel);
      return {
        ...adapter,
        async send(config, message) {
          calls.send += 1;
          const result = await adapter.send(config, message);
          return result.ok && answer ? answer(result) : result;
        },
      };
    },
  };
  return { adapters: counting, calls };
}

/**
 * The send job's deps, with `setDelivery` failing `failures` times (a database error while recording), and
 * with adapters that give up on a request after `timeoutMs` when it is set.
 */
function sendDeps(options: {
  answer?: Parameters<typeof countingAdapters>[1];
  setDeliveryFailures?: number;
  logger?: Logger;
  timeoutMs?: number;
}) {
  const { conversations, channels } = inbox.api.container;
  const base =
    options.timeoutMs === undefined
      ? channels.adapters
      : createChannelAdapters(
          { ...defaultChannelApiBases, whatsapp: inbox.whatsapp.apiBase },
          { timeoutMs: options.timeoutMs },
        );
  const { adapters, calls } = countingAdapters(base, options.answer);
  let failures = options.setDeliveryFailures ?? 0;
  const failing = (messages: MessageRepository): MessageRepository => ({
    ...messages,
    async setDelivery(...args) {
      if (failures > 0) {
        failures -= 1;
        throw new Error("Connection terminated unexpectedly");
      }
      return messages.setDelivery(...args);
    },
  });
  const store = conversations.store;
  const deps: DeliveryDeps & { logger?: Logger } = {
    ...conversations,
    store: {
      ...store,
      messages: failing(store.messages),
      transaction: (work) =>
        store.transaction((repos) => work({ ...repos, messages: failing(repos.messages) })),
    },
    channels: { ...channels, adapters },
    ...(options.logger && { logger: options.logger }),
  };
  return { deps, calls };
}

/** The queue's attempts at one `message-send` job: each error thrown is retried, up to the last attempt. */
async function runSendJob(deps: DeliveryDeps, messageId: string) {
  for (let number = 1; ; number++) {
    try {
      return await deliverMessage(deps, messageId, { number, max: messageSendAttempts });
    } catch (error) {
      if (number >= messageSendAttempts) throw error;
    }
  }
}

describe("a message the provider accepted", () => {
  it("is recorded sent, without a second send, when the first write of the result fails", async () => {
    const text = "Seu pedido foi aprovado";
    const messageId = await pendingMessage(await conversation(), text);
    const { deps, calls } = sendDeps({ setDeliveryFailures: 1 });

    expect(await runSendJob(deps, messageId)).toBe("sent");

    expect(calls.send).toBe(1);
    expect(received(text)).toHaveLength(1);
    expect(await stored(messageId)).toMatchObject({
      status: "sent",
      channel_message_id: received(text)[0]?.id,
      error_message: null,
    });
  });

  it("is recorded sent without the provider's id when another message of the conversation has that id", async () => {
    const conversationId = await conversation();
    const inbound = await db()
      .insertInto("messages")
      .values({
        organization_id: inbox.organizationId,
        conversation_id: conversationId,
        channel: "whatsapp",
        direction: "inbound",
        sender_type: "contact",
        content: "Quando chega?",
        channel_message_id: `wamid.inbound-${conversationId}`,
      })
      .returning(["id", "channel_message_id"])
      .executeTakeFirstOrThrow();
    const text = "Chega amanhã";
    const messageId = await pendingMessage(conversationId, text);
    const warnings: object[] = [];
    const logger: Logger = { debug() {}, info() {}, error() {}, warn: (obj) => warnings.push(obj) };
    const { deps, calls } = sendDeps({
      // a provider that reuses an id of the conversation, as the fake Telegram once did
      answer: () => ({ ok: true, channelMessageId: inbound.channel_message_id ?? "" }),
      logger,
    });

    expect(await runSendJob(deps, messageId)).toBe("sent");

    expect(calls.send).toBe(1);
    expect(received(text)).toHaveLength(1);
    expect(await stored(messageId)).toMatchObject({ status: "sent", channel_message_id: null });
    expect(warnings).toEqual([
      expect.objectContaining({ messageId, channelMessageId: inbound.channel_message_id }),
    ]);
    // the customer's message keeps its id, so their later messages are not taken for duplicates of the reply
    const kept = await db()
      .selectFrom("messages")
      .select("channel_message_id")
      .where("id", "=", inbound.id)
      .executeTakeFirstOrThrow();
    expect(kept.channel_message_id).toBe(inbound.channel_message_id);
  });
});

describe("a message whose send was interrupted after the claim", () => {
  it("is failed by the next job without a send, and sent once by a person's retry", async () => {
    const text = "Segue a nota fiscal";
    const messageId = await pendingMessage(await conversation(), text);
    // an attempt that claimed it, then died (before or after the provider took it: nobody knows)
    const before = await inbox.api.container.conversations.store.messages.findDeliveryTarget(messageId);
    const claimed = await inbox.api.container.conversations.store.messages.claimPendingSend(
      messageId,
      before?.message.statusAt ?? null,
      new Date(),
    );
    expect(claimed).toBe(true);
    const { deps, calls } = sendDeps({});

    expect(await runSendJob(deps, messageId)).toBe("failed");

    expect(calls.send).toBe(0);
    expect(received(text)).toEqual([]);
    expect(await stored(messageId)).toMatchObject({ status: "failed", error_message: interruptedSendError });
    await vi.waitFor(() =>
      expect(inbox.events).toContainEqual(
        expect.objectContaining({
          type: "message_status",
          payload: expect.objectContaining({ messageId, status: "failed", error: interruptedSendError }),
        }),
      ),
    );

    const retried = await inbox.api.rest("POST", `/messages/${messageId}/retry`, { token: inbox.token });
    expect(retried.status).toBe(200);
    await vi.waitFor(async () => expect((await stored(messageId)).status).toBe("sent"));
    expect(received(text)).toHaveLength(1);
    expect(await stored(messageId)).toMatchObject({
      channel_message_id: received(text)[0]?.id,
      error_message: null,
    });
  });

  it("is failed, not sent, when the sweeper finds it pending a minute after the claim", async () => {
    const text = "Seu boleto vence hoje";
    const messageId = await pendingMessage(await conversation(), text);
    await db()
      .updateTable("messages")
      .set({ status_at: minutesFromNow(-2), send_started_at: minutesFromNow(-2) })
      .where("id", "=", messageId)
      .execute();

    await sweepSendsJob({ ...inbox.api.container.conversations, logger: inbox.api.container.logger });

    await vi.waitFor(async () => expect((await stored(messageId)).status).toBe("failed"), {
      timeout: 10_000,
    });
    expect(await stored(messageId)).toMatchObject({ error_message: interruptedSendError });
    expect(received(text)).toEqual([]);
  });
});

describe("a message the provider refused with a temporary error", () => {
  it("is sent once by the next attempt", async () => {
    const text = "Pagamento confirmado";
    const messageId = await pendingMessage(await conversation(), text);
    const { deps, calls } = sendDeps({});
    inbox.whatsapp.failNext(500);

    await expect(deliverMessage(deps, messageId, { number: 1, max: messageSendAttempts })).rejects.toThrow(
      "refused the message",
    );
    // the refusal undid the claim: nothing reached the customer
    expect(await stored(messageId)).toMatchObject({ status: "pending", send_started_at: null });
    expect(await deliverMessage(deps, messageId, { number: 2, max: messageSendAttempts })).toBe("sent");

    expect(calls.send).toBe(2);
    expect(received(text)).toHaveLength(1);
    expect(await stored(messageId)).toMatchObject({
      status: "sent",
      channel_message_id: received(text)[0]?.id,
    });
  });
});

describe("a message whose send got no answer", () => {
  it("fails for a person to check when the provider took the request, without a second send", async () => {
    const text = "Seu pedido saiu para entrega";
    const messageId = await pendingMessage(await conversation(), text);
    const { deps, calls } = sendDeps({ timeoutMs: 2000 });
    // every attempt's request would be taken and left unanswered
    inbox.whatsapp.hangNext(messageSendAttempts);

    try {
      expect(await runSendJob(deps, messageId)).toBe("failed");
    } finally {
      inbox.whatsapp.recover();
    }

    expect(calls.send).toBe(1);
    expect(requestsWith(text)).toHaveLength(1);
    expect(received(text)).toHaveLength(1);
    expect(await stored(messageId)).toMatchObject({ status: "failed", error_message: unconfirmedSendError });
    await vi.waitFor(() =>
      expect(inbox.events).toContainEqual(
        expect.objectContaining({
          type: "message_status",
          payload: expect.objectContaining({ messageId, status: "failed", error: unconfirmedSendError }),
        }),
      ),
    );
  });

  it("is sent once by the next attempt when the connection was refused, unlike when it was cut", async () => {
    const cutText = "Sua assinatura foi renovada";
    const cutId = await pendingMessage(await conversation(), cutText);
    const { deps, calls } = sendDeps({});
    inbox.whatsapp.cutNext(messageSendAttempts);
    try {
      expect(await runSendJob(deps, cutId)).toBe("failed");
    } finally {
      inbox.whatsapp.recover();
    }
    expect(requestsWith(cutText)).toHaveLength(1);
    expect(await stored(cutId)).toMatchObject({ status: "failed", error_message: unconfirmedSendError });

    const text = "Seu boleto foi gerado";
    const messageId = await pendingMessage(await conversation(), text);
    await inbox.whatsapp.stopListening();
    try {
      await expect(deliverMessage(deps, messageId, { number: 1, max: messageSendAttempts })).rejects.toThrow(
        "ECONNREFUSED",
      );
    } finally {
      await inbox.whatsapp.listenAgain();
    }
    // no connection, so nothing can have reached the customer: the claim was undone
    expect(await stored(messageId)).toMatchObject({ status: "pending", send_started_at: null });
    expect(await deliverMessage(deps, messageId, { number: 2, max: messageSendAttempts })).toBe("sent");

    expect(calls.send).toBe(3);
    expect(requestsWith(text)).toHaveLength(1);
    expect(received(text)).toHaveLength(1);
    expect(await stored(messageId)).toMatchObject({
      status: "sent",
      channel_message_id: received(text)[0]?.id,
    });
  });
});
