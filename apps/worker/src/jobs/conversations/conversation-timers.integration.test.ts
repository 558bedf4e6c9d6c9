import { createSnoozeRepository } from "@crm/db/conversations/snooze-repository";
import { deliverMessage } from "@crm/domain";
import { sweepLostJobs } from "@crm/domain/conversations/ingest-sweep";
import { createInProcessQueue } from "@crm/runtime";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { registerProcessors } from "../../processors";
import { createIngestionDeps } from "./ingestion-deps";
import { postWhatsApp, whatsAppMessagesWebhook } from "./ingestion-test-kit";
import { sweepSendsJob } from "./sweep-sends";
import { scheduleSnoozeWake } from "./wake-snoozed";
import { useWhatsAppApi } from "./whatsapp-api-fixture";

/*
 * The inbox's timed jobs through the real API and its processors (in-process, or BullMQ when REDIS_URL is
 * set): snoozes that end, sends whose job was lost, webhooks whose job the queue still keeps as finished.
 */

const inbox = useWhatsAppApi({ dataDirPrefix: "crm-timers-", integrationName: "WhatsApp" });
const { events } = inbox;
const db = () => inbox.db;
const minutesFromNow = (minutes: number) => sql<Date>`now() + make_interval(mins => ${minutes})`;
let threads = 0;

async function conversation(status: "open" | "snoozed", snoozedMinutesFromNow?: number) {
  threads += 1;
  const row = await db()
    .insertInto("conversations")
    .values({
      organization_id: inbox.organizationId,
      channel: "whatsapp",
      channel_thread_id: `55119${60_000_000 + threads}`,
      integration_id: inbox.integrationId,
      status,
      snoozed_until: snoozedMinutesFromNow === undefined ? null : minutesFromNow(snoozedMinutesFromNow),
      last_inbound_at: minutesFromNow(-10),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const statusOf = async (id: string) =>
  (await db().selectFrom("conversations").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;

describe("snoozes", () => {
  it("reopens, from its schedule, the conversations whose snooze ended and announces each", async () => {
    const ended = await conversation("snoozed", -1);
    const endedLongAgo = await conversation("snoozed", -600);
    const later = await conversation("snoozed", 60);
    // embedded mode's scheduler: an `everyMs` schedule runs at once, then on every interval
    const queue = createInProcessQueue();
    registerProcessors(queue, {
      mailer: { send: async () => ({ messageId: "unused" }) },
      logger: inbox.api.container.logger,
      snoozes: {
        snoozes: createSnoozeRepository(db()),
        clock: { now: () => new Date() },
        events: inbox.api.container.events,
      },
    });
    const updated = () =>
      events
        .filter((event) => event.type === "conversation_updated")
        .map((e) => e.payload as { conversationId: string; status: string });
    const reopened = () =>
      updated()
        .filter((p) => p.status === "open")
        .map((p) => p.conversationId);
    await scheduleSnoozeWake(queue);
    // the events follow the wake's commit: once both are heard, the rows read below are final
    await inbox.eventsUntil(() => reopened().includes(ended) && reopened().includes(endedLongAgo));
    await queue.close();

    expect(await statusOf(ended)).toBe("open");
    expect(await statusOf(endedLongAgo)).toBe("open");
    expect(await statusOf(later)).toBe("snoozed");
    const woken = await db()
      .selectFrom("conversations")
      .select("snoozed_until")
      .where("id", "in", [ended, endedLongAgo])
      .execute();
    expect(woken).toEqual([{ snoozed_until: null }, { snoozed_until: null }]);
    expect(updated()).not.toContainEqual(expect.objectContaining({ conversationId: later }));
  });
});

async function pendingMessage(conversationId: string, text: string, pendingForMinutes: number) {
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
      status_at: minutesFromNow(-pendingForMinutes),
      created_at: minutesFromNow(-pendingForMinutes),
      sent_at: minutesFromNow(-pendingForMinutes),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const sentTexts = (text: string) => inbox.whatsapp.sent.filter((message) => message.text === text);
const deliveryOf = (id: string) =>
  db()
    .selectFrom("messages")
    .select(["status", "channel_message_id"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

describe("outbound messages whose send job was lost", () => {
  it("sends a message pending for over a minute once, and leaves a fresh one to its own job", async () => {
    const conversationId = await conversation("open");
    const lost = await pendingMessage(conversationId, "Seu pedido saiu para entrega", 2);
    const fresh = await pendingMessage(conversationId, "Ainda na fila", 0);
    const deps = { ...inbox.api.container.conversations, logger: inbox.api.container.logger };

    await sweepSendsJob(deps);
    await vi.waitFor(async () => expect((await deliveryOf(lost)).status).toBe("sent"));
    await sweepSendsJob(deps);
    await inbox.api.container.queue.enqueue("message-send", { messageId: lost }, { jobId: `${lost}-again` });

    await vi.waitFor(() => expect(sentTexts("Seu pedido saiu para entrega")).toHaveLength(1));
    expect((await deliveryOf(lost)).channel_message_id).toBe(
      sentTexts("Seu pedido saiu para entrega")[0]?.id,
    );
    expect(sentTexts("Ainda na fila")).toEqual([]);
    expect((await deliveryOf(fresh)).status).toBe("pending");
  });

  it("fails a message, with the reason, when its integration's credentials cannot be read on the last attempt", async () => {
    const conversationId = await conversation("open");
    const messageId = await pendingMessage(conversationId, "Segue o contrato", 0);
    const { conversations, channels } = inbox.api.container;
    const deps = {
      ...conversations,
      channels: {
        ...channels,
        credentials: {
          get: async () => {
            throw new Error("Unsupported state or unable to authenticate data");
          },
        },
      },
    };

    await expect(deliverMessage(deps, messageId, { number: 1, max: 3 })).rejects.toThrow("authenticate");
    expect((await deliveryOf(messageId)).status).toBe("pending");
    expect(await deliverMessage(deps, messageId, { number: 3, max: 3 })).toBe("failed");

    const stored = await db()
      .selectFrom("messages")
      .select(["status", "error_message"])
      .where("id", "=", messageId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      status: "failed",
      error_message:
        "The whatsapp integration's credentials could not be read: Unsupported state or unable to authenticate data",
    });
    expect(sentTexts("Segue o contrato")).toEqual([]);
  });

  it("sends once when two send jobs for one message run at the same time", async () => {
    const conversationId = await conversation("open");
    const messageId = await pendingMessage(conversationId, "Boleto em anexo", 0);
    const deps = { ...inbox.api.container.conversations, channels: inbox.api.container.channels };
    const attempt = { number: 1, max: 3 };

    const outcomes = await Promise.all([
      deliverMessage(deps, messageId, attempt),
      deliverMessage(deps, messageId, attempt),
    ]);

    expect(outcomes.sort()).toEqual(["sent", "skipped"]);
    expect(sentTexts("Boleto em anexo")).toHaveLength(1);
  });
});

describe("webhook sweeper", () => {
  it("processes a stale webhook log again although the queue still keeps its finished job", async () => {
    const text = "Quero rastrear meu pedido";
    const payload = whatsAppMessagesWebhook(inbox.whatsapp.config.phoneNumberId, [
      { from: "5511955554444", text },
    ]);
    expect(await postWhatsApp(inbox.api.baseUrl, inbox.whatsapp.config, payload)).toBe(200);
    const stored = () =>
      db()
        .selectFrom("messages")
        .select("id")
        .where("content", "=", text)
        .where("organization_id", "=", inbox.organizationId);
    await vi.waitFor(async () => expect(await stored().execute()).toHaveLength(1));
    // as if its job had ended without the work being done: the job (id = the log's id) stays kept as
    // completed by BullMQ, so a plain re-add under that id would be ignored
    await db().deleteFrom("messages").where("content", "=", text).execute();
    const log = await db()
      .updateTable("webhook_logs")
      .set({ status: "pending", processed_at: null, last_attempt_at: minutesFromNow(-5) })
      .where("organization_id", "=", inbox.organizationId)
      .where("status", "=", "success")
      .returning("id")
      .executeTakeFirstOrThrow();

    const deps = createIngestionDeps({
      db: db(),
      channels: inbox.api.container.channels,
      dataDir: inbox.dataDir,
      queue: inbox.api.container.queue,
      events: inbox.api.container.events,
      logger: inbox.api.container.logger,
    });
    await sweepLostJobs(deps);

    await vi.waitFor(async () => expect(await stored().execute()).toHaveLength(1), { timeout: 10_000 });
    const after = await db()
      .selectFrom("webhook_logs")
      .select("status")
      .where("id", "=", log.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("success");
  });
});
