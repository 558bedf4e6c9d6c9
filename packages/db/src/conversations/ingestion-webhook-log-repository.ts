import type { IngestionWebhookLogRepository, StoredWebhook } from "@crm/domain/conversations/ingestion-ports";
import { isUuid } from "@crm/domain/shared/ids";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

const columns = [
  "id",
  "organization_id",
  "integration_id",
  "channel",
  "source",
  "event_id",
  "payload",
  "status",
  "attempts",
] as const;

const toStoredWebhook = (row: {
  id: string;
  organization_id: string;
  integration_id: string | null;
  channel: string;
  source: StoredWebhook["source"];
  event_id: string | null;
  payload: unknown;
  status: StoredWebhook["status"];
  attempts: number;
}): StoredWebhook => ({
  id: row.id,
  organizationId: row.organization_id,
  integrationId: row.integration_id,
  channel: row.channel,
  source: row.source,
  eventId: row.event_id,
  payload: row.payload,
  status: row.status,
  attempts: row.attempts,
});

export function createIngestionWebhookLogRepository(db: Kysely<Database>): IngestionWebhookLogRepository {
  const select = (id: string) => db.selectFrom("webhook_logs").select(columns).where("id", "=", id);

  return {
    async findById(id) {
      if (!isUuid(id)) return undefined;
      const row = await select(id).executeTakeFirst();
      return row && toStoredWebhook(row);
    },

    async lock(id) {
      if (!isUuid(id)) return undefined;
      const row = await select(id).forUpdate().executeTakeFirst();
      return row && toStoredWebhook(row);
    },

    async markProcessed(id, at) {
      await db
        .updateTable("webhook_logs")
        // the successful run counts as an attempt too: processed at the first try reads 1, not 0
        .set({
          status: "success",
          attempts: sql<number>`attempts + 1`,
          processed_at: at,
          last_attempt_at: at,
          error_message: null,
        })
        .where("id", "=", id)
        .execute();
    },

    async recordFailure(id, failure) {
      if (!isUuid(id)) return undefined;
      const attempts = sql<number>`attempts + 1`;
      const row = await db
        .updateTable("webhook_logs")
        .set({
          attempts,
          status: failure.permanent
            ? "failed"
            : sql<
                "failed" | "retrying"
              >`case when ${attempts} >= ${failure.maxAttempts} then 'failed' else 'retrying' end`,
          error_message: failure.error,
          last_attempt_at: failure.at,
        })
        .where("id", "=", id)
        .where("status", "!=", "success")
        .returning(["status", "attempts"])
        .executeTakeFirst();
      return row;
    },

    async findStale(before, limit) {
      const rows = await db
        .selectFrom("webhook_logs")
        .select("id")
        .where("status", "in", ["pending", "retrying"])
        .where(sql<Date>`coalesce(last_attempt_at, created_at)`, "<", before)
        .orderBy("created_at")
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },
  };
}
