import type { Kysely } from "kysely";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DatabaseHandle } from "../client";
import type { Database } from "../database.gen";
import { createTestDatabase } from "../testing/test-database";
import { createIntegration, createOrganization, storeWebhook, type TestPayload } from "./ingestion-fixtures";

/* What the ingestion tests read back: one organization's messages, conversations, contacts, a log's state. */

export const messagesOf = (db: Kysely<Database>, organizationId: string) =>
  db
    .selectFrom("messages")
    .select(["id", "channel_message_id", "content", "conversation_id", "sent_at", "status", "media_status"])
    .where("organization_id", "=", organizationId)
    .orderBy("sent_at")
    .execute();

export const conversationsOf = (db: Kysely<Database>, organizationId: string) =>
  db
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

export const contactsOf = (db: Kysely<Database>, organizationId: string) =>
  db
    .selectFrom("contacts")
    .select(["id", "name", "phone"])
    .where("organization_id", "=", organizationId)
    .orderBy("name")
    .execute();

export const logOf = (db: Kysely<Database>, id: string) =>
  db
    .selectFrom("webhook_logs")
    .select(["status", "attempts", "error_message", "processed_at", "last_attempt_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

/**
 * One test database per file and a fresh organization with a WhatsApp integration before each test, with
 * the queries above bound to them. Call at the top of a test file.
 */
export function useIngestionTenant() {
  let handle: DatabaseHandle | undefined;
  let organizationId = "";
  let integrationId = "";
  const db = () => {
    if (!handle) throw new Error("useIngestionTenant: the database is not open yet");
    return handle.db;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
  }, 60_000);
  afterAll(() => handle?.close());
  beforeEach(async () => {
    organizationId = await createOrganization(db());
    integrationId = await createIntegration(db(), organizationId);
  });

  return {
    get db() {
      return db();
    },
    get organizationId() {
      return organizationId;
    },
    get integrationId() {
      return integrationId;
    },
    store: (payload: TestPayload | null, createdAt?: Date) =>
      storeWebhook(db(), { organizationId, integrationId, payload, ...(createdAt && { createdAt }) }),
    messagesOf: () => messagesOf(db(), organizationId),
    conversationsOf: () => conversationsOf(db(), organizationId),
    contactsOf: () => contactsOf(db(), organizationId),
    logOf: (id: string) => logOf(db(), id),
  };
}
