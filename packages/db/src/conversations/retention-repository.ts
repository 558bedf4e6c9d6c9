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
      const rows = await db
        .deleteFrom("messages")
        .where("id", "in", (qb) =>
          qb
            .selectFrom("messages")
            .select("id")
            .where("organization_id", "=", organizationId)
            .where("sent_at", "<", cutoff)
            .limit(limit),
        )
        .returning("media_url")
        .execute();
      return {
        count: rows.length,
        mediaUrls: rows.flatMap((row) => (row.media_url ? [row.media_url] : [])),
      };
    },

    async liveMessageIds(owners) {
      if (owners.length === 0) return [];
      // by primary key; the organization is compared here rather than in a tuple the planner may not index
      const rows = await db
        .selectFrom("messages")
        .select(["id", "organization_id"])
        .where(
          "id",
          "in",
          owners.map((owner) => owner.messageId),
        )
        .where("deleted_at", "is", null)
        .execute();
      const organizationOf = new Map(owners.map((owner) => [owner.messageId, owner.organizationId]));
      return rows.filter((row) => organizationOf.get(row.id) === row.organization_id).map((row) => row.id);
    },

    async deleteDeletionsBefore(organizationId, cutoff, limit) {
      const result = await db
        .deleteFrom("deletions")
        .where("id", "in", (qb) =>
          qb
            .selectFrom("deletions")
            .select("id")
            .where("organization_id", "=", organizationId)
            .where("deleted_at", "<", cutoff)
            .limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async clearPreviewsBefore(organizationId, cutoff) {
      // not by last_message_at: after a deletion the preview quotes an older message than that time says
      const result = await db
        .updateTable("conversations")
        .set({ last_message_preview: null })
        .where("organization_id", "=", organizationId)
        .where("last_message_preview", "is not", null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("messages")
                .select("messages.id")
                .where("messages.organization_id", "=", organizationId)
                .whereRef("messages.conversation_id", "=", "conversations.id")
                .where("messages.deleted_at", "is", null)
                .where("messages.is_private", "=", false)
                .where("messages.sent_at", ">=", cutoff),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async deleteWebhookLogsBefore(cutoff, limit) {
      const result = await db
        .deleteFrom("webhook_logs")
        .where("id", "in", (qb) =>
          qb
            .selectFrom("webhook_logs")
            .select("id")
            .where("created_at", "<", cutoff)
            // a delivery held for a switched-off integration is still to be processed: never dropped unseen
            .where("status", "!=", "held")
            .limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteOutgoingWebhookDeliveriesBefore(cutoff, limit) {
      const result = await db
        .deleteFrom("outgoing_webhook_deliveries")
        .where("id", "in", (qb) =>
          qb
            .selectFrom("outgoing_webhook_deliveries")
            .select("id")
            .where("created_at", "<", cutoff)
            .limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteIdempotencyKeysBefore(cutoff, limit) {
      const result = await db
        .deleteFrom("idempotency_keys")
        .where("id", "in", (qb) =>
          qb.selectFrom("idempotency_keys").select("id").where("created_at", "<", cutoff).limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
