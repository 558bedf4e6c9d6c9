import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import { webhookProcessAttempts } from "@crm/domain/shared/jobs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestIngestionDeps, whatsappText } from "./ingestion-fixtures";
import { useIngestionTenant } from "./ingestion-queries";

const tenant = useIngestionTenant();
const { store, conversationsOf, messagesOf, logOf } = tenant;

describe("delivery statuses", () => {
  async function outboundMessage(channelMessageId: string) {
    const { deps } = createTestIngestionDeps(tenant.db);
    await processWebhook(deps, await store({ messages: [whatsappText("5511987654321", "oi")] }));
    const [conversation] = await conversationsOf();
    return tenant.db
      .insertInto("messages")
      .values({
        organization_id: tenant.organizationId,
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
    tenant.db
      .selectFrom("messages")
      .select(["status", "status_at", "error_message"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("ends at the highest status when callbacks arrive out of order and at the same time", async () => {
    const { deps, events } = createTestIngestionDeps(tenant.db);
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
    const { deps } = createTestIngestionDeps(tenant.db);
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
    const { deps } = createTestIngestionDeps(tenant.db);
    const logId = await store({
      statuses: [{ channelMessageId: "wamid.not-yet", status: "delivered", at: new Date().toISOString() }],
    });

    await expect(processWebhook(deps, logId)).rejects.toThrow(
      'No message wamid.not-yet yet for its "delivered" status',
    );
    expect(await logOf(logId)).toMatchObject({ status: "retrying", attempts: 1 });

    await tenant.db
      .updateTable("webhook_logs")
      .set({ attempts: webhookProcessAttempts - 1 })
      .where("id", "=", logId)
      .execute();
    expect(await processWebhook(deps, logId)).toBe("processed");
    expect(await logOf(logId)).toMatchObject({ status: "success", error_message: null });
  });

  it("stores a batch's messages at once while one of its statuses waits for its message", async () => {
    const { deps, events } = createTestIngestionDeps(tenant.db);
    const logId = await store({
      messages: [whatsappText("5511987654321", "Chegou o boleto?")],
      statuses: [{ channelMessageId: "wamid.in-flight", status: "sent", at: new Date().toISOString() }],
    });

    await expect(processWebhook(deps, logId)).rejects.toThrow("No message wamid.in-flight yet");

    expect(await messagesOf()).toEqual([expect.objectContaining({ content: "Chegou o boleto?" })]);
    expect(events.published.map((e) => e.type)).toContain("new_message");
    expect(await logOf(logId)).toMatchObject({ status: "retrying", attempts: 1 });

    const outbound = await outboundMessage("wamid.in-flight");
    events.published.length = 0;
    expect(await processWebhook(deps, logId)).toBe("processed");
    expect((await messagesOf()).filter((m) => m.content === "Chegou o boleto?")).toHaveLength(1);
    expect((await statusOf(outbound.id)).status).toBe("sent");
    expect(events.published.map((e) => e.type)).not.toContain("new_message");
    expect(await logOf(logId)).toMatchObject({ status: "success", error_message: null });
  });

  it("drops at once an old status for a message this CRM never sent", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const logId = await store({
      statuses: [{ channelMessageId: "wamid.from-phone", status: "read", at: "2020-01-01T00:00:00.000Z" }],
    });

    expect(await processWebhook(deps, logId)).toBe("processed");
  });
});

describe("indexes", () => {
  it("has the sweeper's partial indexes", async () => {
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes
      where indexname in ('idx_webhook_logs_to_process', 'idx_messages_media_pending') order by indexname`.execute(
      tenant.db,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      "idx_messages_media_pending",
      "idx_webhook_logs_to_process",
    ]);
  });
});
