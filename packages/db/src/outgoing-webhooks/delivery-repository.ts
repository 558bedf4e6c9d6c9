import type { WebhookDeliveryRepository } from "@crm/domain/outgoing-webhooks/ports";
import { isUuid } from "@crm/domain/shared/ids";
import { pageSize } from "@crm/domain/shared/pagination";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { jsonbText } from "../shared/jsonb-text";
import { toDelivery } from "./rows";

export function createWebhookDeliveryRepository(db: Kysely<Database>): WebhookDeliveryRepository {
  return {
    async insertMany(organizationId, deliveries) {
      if (deliveries.length === 0) return [];
      const rows = await db
        .insertInto("outgoing_webhook_deliveries")
        .values(
          deliveries.map((delivery) => ({
            organization_id: organizationId,
            subscription_id: delivery.subscriptionId,
            event_id: delivery.eventId,
            event_type: delivery.eventType,
            payload: jsonbText(delivery.payload),
          })),
        )
        // the same event heard twice (another worker, a replay) is already there
        .onConflict((oc) => oc.constraint("outgoing_webhook_deliveries_event_unique").doNothing())
        .returning("id")
        .execute();
      return rows.map((row) => row.id);
    },

    async findById(organizationId, id) {
      if (!isUuid(id)) return undefined;
      const row = await db
        .selectFrom("outgoing_webhook_deliveries")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toDelivery(row) : undefined;
    },

    async findForJob(id) {
      if (!isUuid(id)) return undefined;
      const row = await db
        .selectFrom("outgoing_webhook_deliveries")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toDelivery(row) : undefined;
    },

    async list(organizationId, subscriptionId, filter, page) {
      const limit = pageSize(page.limit);
      // one subscription's deliveries of one status: a cursor of another subscription's or status' is refused
      const list = filteredList(`webhook-deliveries.${subscriptionId}`, { status: filter.status });
      const cursor = decodeCursor(page.cursor, list);
      if (!isUuid(subscriptionId)) return { items: [], nextCursor: null };
      let query = db
        .selectFrom("outgoing_webhook_deliveries")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .where("subscription_id", "=", subscriptionId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (filter.status) query = query.where("status", "=", filter.status);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      return toPage(await query.execute(), limit, toDelivery, list);
    },

    async recordAttempt(id, outcome) {
      await db
        .updateTable("outgoing_webhook_deliveries")
        .set({
          status: outcome.status,
          attempts: outcome.attempts,
          next_attempt_at: outcome.nextAttemptAt,
          last_status_code: outcome.statusCode,
          last_error: outcome.error,
          delivered_at: outcome.deliveredAt,
          updated_at: new Date(),
        })
        .where("id", "=", id)
        .execute();
    },

    async reset(organizationId, id, at) {
      if (!isUuid(id)) return undefined;
      const row = await db
        .updateTable("outgoing_webhook_deliveries")
        .set({ status: "pending", attempts: 0, next_attempt_at: at, delivered_at: null, updated_at: at })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row ? toDelivery(row) : undefined;
    },

    async due(before, limit) {
      return db
        .selectFrom("outgoing_webhook_deliveries")
        .select(["id", "attempts"])
        .where("status", "=", "pending")
        .where((eb) => eb.or([eb("next_attempt_at", "<", before), eb("next_attempt_at", "is", null)]))
        .where("created_at", "<", before)
        .orderBy("created_at")
        .limit(limit)
        .execute();
    },
  };
}
