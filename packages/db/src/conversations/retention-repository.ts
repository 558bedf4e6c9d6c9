import type { RetentionRepository } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";

/** Batch deletes by primary key, each its own statement (and so its own short transaction). */
export function createRetentionRepository(db: Kysely<Database>): RetentionRepository {
  return {
    async policies(afterId, limit) {
      let query = db
        .selectFrom("organizations")
        .select(["id", "data_retention_days"])
        .orderBy("id")
        .limit(limit);
      if (afterId) query = query.where("id", ">", afterId);
      const rows = await query.execute();
      return rows.map((row) => ({ organizationId: row.id, dataRetentionDays: row.data_retention_days }));
    },

    async deleteMessagesBefore(organizationId, cutoff, limit) {
      const result = await db
        .deleteFrom("messages")
        .where("id", "in", (qb) =>
          qb
            .selectFrom("messages")
            .select("id")
            .where("organization_id", "=", organizationId)
            .where("sent_at", "<", cutoff)
            .limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async clearPreviewsBefore(organizationId, cutoff) {
      const result = await db
        .updateTable("conversations")
        .set({ last_message_preview: null })
        .where("organization_id", "=", organizationId)
        .where("last_message_at", "<", cutoff)
        .where("last_message_preview", "is not", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async deleteWebhookLogsBefore(cutoff, limit) {
      const result = await db
        .deleteFrom("webhook_logs")
        .where("id", "in", (qb) =>
          qb.selectFrom("webhook_logs").select("id").where("created_at", "<", cutoff).limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
