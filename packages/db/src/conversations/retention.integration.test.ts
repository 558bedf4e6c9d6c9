import { randomUUID } from "node:crypto";
import { purgeExpiredData } from "@crm/domain";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import type { Database } from "../database.gen";
import { createMemoryFileStorage } from "../testing/memory-file-storage";
import { createTestDatabase } from "../testing/test-database";
import { daysAgo, insertOrganization } from "./retention-fixtures";
import { createRetentionRepository } from "./retention-repository";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** A conversation whose messages were sent the given numbers of days ago; its preview quotes the newest. */
async function conversationWithMessages(db: Kysely<Database>, organizationId: string, ages: number[]) {
  const newest = Math.min(...ages);
  const conversation = await db
    .insertInto("conversations")
    .values({
      organization_id: organizationId,
      channel: "telegram",
      channel_thread_id: randomUUID(),
      last_message_at: daysAgo(newest),
      last_message_preview: `sent ${newest} days ago`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const age of ages) {
    await db
      .insertInto("messages")
      .values({
        organization_id: organizationId,
        conversation_id: conversation.id,
        channel: "telegram",
        direction: "inbound",
        sender_type: "contact",
        content: `sent ${age} days ago`,
        sent_at: daysAgo(age),
      })
      .execute();
  }
  return conversation.id;
}

const contents = async (db: Kysely<Database>, conversationId: string) =>
  (
    await db
      .selectFrom("messages")
      .select("content")
      .where("conversation_id", "=", conversationId)
      .orderBy("sent_at", "desc")
      .execute()
  ).map((row) => row.content);

describe("data retention", () => {
  it("deletes each organization's messages older than its retention, in batches, and old webhook logs but held ones", async () => {
    const { db } = handle;
    const shortLived = await insertOrganization(db, 30);
    const longLived = await insertOrganization(db, 730);
    const expiring = await conversationWithMessages(db, shortLived, [1, 29, 31, 45, 60, 90, 400]);
    const expired = await conversationWithMessages(db, shortLived, [40, 50]);
    const kept = await conversationWithMessages(db, longLived, [1, 31, 400, 729]);
    const beyond = await conversationWithMessages(db, longLived, [731]);
    for (const [age, organizationId] of [
      [29, shortLived],
      [31, shortLived],
      [45, longLived],
    ] as const) {
      await db
        .insertInto("webhook_logs")
        .values({
          organization_id: organizationId,
          channel: "telegram",
          event_id: randomUUID(),
          payload: JSON.stringify({ age }),
          created_at: daysAgo(age),
        })
        .execute();
    }
    // received while its integration was switched off: kept until it is switched on (or deleted)
    await db
      .insertInto("webhook_logs")
      .values({
        organization_id: shortLived,
        channel: "telegram",
        event_id: randomUUID(),
        payload: JSON.stringify({ age: 60, held: true }),
        status: "held",
        created_at: daysAgo(60),
      })
      .execute();

    const report = await purgeExpiredData(
      {
        retention: createRetentionRepository(db),
        clock: { now: () => new Date() },
        files: createMemoryFileStorage(),
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      },
      2,
    );

    expect(await contents(db, expiring)).toEqual(["sent 1 days ago", "sent 29 days ago"]);
    expect(await contents(db, expired)).toEqual([]);
    expect(await contents(db, kept)).toEqual([
      "sent 1 days ago",
      "sent 31 days ago",
      "sent 400 days ago",
      "sent 729 days ago",
    ]);
    expect(await contents(db, beyond)).toEqual([]);
    const previews = await db
      .selectFrom("conversations")
      .select(["id", "last_message_preview"])
      .where("id", "in", [expiring, expired, kept, beyond])
      .execute();
    expect(Object.fromEntries(previews.map((row) => [row.id, row.last_message_preview]))).toEqual({
      [expiring]: "sent 1 days ago",
      [expired]: null,
      [kept]: "sent 1 days ago",
      [beyond]: null,
    });
    const logs = await db.selectFrom("webhook_logs").select("payload").execute();
    expect(logs.map((row) => row.payload)).toEqual(
      expect.arrayContaining([{ age: 29 }, { age: 60, held: true }]),
    );
    expect(logs).toHaveLength(2);
    expect(report).toMatchObject({ messagesDeleted: 8, previewsCleared: 2, webhookLogsDeleted: 2 });
    expect(report.organizations).toBeGreaterThanOrEqual(2);
  });

  it("deletes Idempotency-Key claims older than a day, answered or not, and keeps younger ones", async () => {
    const { db } = handle;
    const organizationId = await insertOrganization(db, 30);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60 * 1000);
    for (const [key, hours] of [
      ["fresh", 1],
      ["almost a day", 23],
      ["a day and more", 25],
      ["old", 48],
      ["older", 72],
    ] as const) {
      await db
        .insertInto("idempotency_keys")
        .values({
          organization_id: organizationId,
          caller: "apiKey:retention",
          key,
          request_method: "POST",
          request_path: "/deals",
          request_hash: "hash",
          created_at: hoursAgo(hours),
        })
        .execute();
    }

    const report = await purgeExpiredData(
      {
        retention: createRetentionRepository(db),
        clock: { now: () => new Date() },
        files: createMemoryFileStorage(),
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      },
      2,
    );

    const left = await db
      .selectFrom("idempotency_keys")
      .select("key")
      .where("organization_id", "=", organizationId)
      .orderBy("created_at", "desc")
      .execute();
    expect(left.map((row) => row.key)).toEqual(["fresh", "almost a day"]);
    expect(report.idempotencyKeysDeleted).toBe(3);
  });

  it("forgets a preview that fell back to an expired message when the newest one was deleted", async () => {
    const { db } = handle;
    const organizationId = await insertOrganization(db, 30);
    const conversation = await conversationWithMessages(db, organizationId, [10, 45]);
    // what deleting the newest message leaves: its time, and the preview of the one before it
    await db
      .updateTable("messages")
      .set({ deleted_at: new Date(), content: "" })
      .where("conversation_id", "=", conversation)
      .where("content", "=", "sent 10 days ago")
      .execute();
    await db
      .updateTable("conversations")
      .set({ last_message_preview: "sent 45 days ago" })
      .where("id", "=", conversation)
      .execute();

    await purgeExpiredData(
      {
        retention: createRetentionRepository(db),
        clock: { now: () => new Date() },
        files: createMemoryFileStorage(),
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      },
      2,
    );

    const { last_message_preview } = await db
      .selectFrom("conversations")
      .select("last_message_preview")
      .where("id", "=", conversation)
      .executeTakeFirstOrThrow();
    expect(last_message_preview).toBeNull();
  });
});
