import { describe, expect, it } from "vitest";
import { createIntegration } from "./ingestion-fixtures";
import { useIngestionTenant } from "./ingestion-queries";
import { createThreadCursorRepository } from "./thread-cursor-repository";

const tenant = useIngestionTenant();
const before = new Date("2030-01-01T12:00:00Z");
const earlier = new Date("2030-01-01T11:00:00Z");
const later = new Date("2030-01-01T12:00:01Z");

interface StoredMessage {
  id: string;
  direction?: "inbound" | "outbound";
  sentAt?: Date;
}

async function conversation(
  threadId: string,
  messages: StoredMessage[],
  integrationId = tenant.integrationId,
) {
  const { id } = await tenant.db
    .insertInto("conversations")
    .values({
      organization_id: tenant.organizationId,
      channel: "discord",
      channel_thread_id: threadId,
      integration_id: integrationId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const message of messages) {
    const direction = message.direction ?? "inbound";
    await tenant.db
      .insertInto("messages")
      .values({
        organization_id: tenant.organizationId,
        conversation_id: id,
        channel: "discord",
        channel_message_id: message.id,
        direction,
        sender_type: direction === "inbound" ? "contact" : "agent",
        content: message.id,
        sent_at: message.sentAt ?? earlier,
      })
      .execute();
  }
}

const cursorsOf = (integrationId = tenant.integrationId) =>
  createThreadCursorRepository(tenant.db).listByIntegration(
    tenant.organizationId,
    integrationId,
    "discord",
    before,
  );

describe("thread cursors", () => {
  it("answer the newest inbound snowflake by number, not by text, ignoring replies and later messages", async () => {
    await conversation("100", [
      { id: "999" },
      { id: "1000" },
      { id: "1001", direction: "outbound" },
      { id: "1002", sentAt: later },
    ]);
    expect(await cursorsOf()).toEqual([{ threadId: "100", afterMessageId: "1000" }]);
  });

  it("fall back to the oldest message, and leave out threads without one and other integrations", async () => {
    await conversation("200", [
      { id: "10", direction: "outbound" },
      { id: "9", direction: "outbound" },
    ]);
    await conversation("300", [
      { id: "50", sentAt: later },
      { id: "40", direction: "outbound" },
    ]);
    await conversation("400", []);
    const other = await createIntegration(tenant.db, tenant.organizationId, "discord");
    await conversation("500", [{ id: "7" }], other);

    const cursors = await cursorsOf();
    expect(cursors.toSorted((a, b) => a.threadId.localeCompare(b.threadId))).toEqual([
      { threadId: "200", afterMessageId: "9" },
      { threadId: "300", afterMessageId: "40" },
    ]);
    expect(await cursorsOf(other)).toEqual([{ threadId: "500", afterMessageId: "7" }]);
  });
});
