import type { SealedSecret } from "@crm/domain/integrations/model";
import type { WebhookSubscriptionRepository } from "@crm/domain/outgoing-webhooks/ports";
import { isUuid } from "@crm/domain/shared/ids";
import { pageSize } from "@crm/domain/shared/pagination";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, toPage } from "../shared/cursor";
import { subscriptionColumns, toSubscription } from "./rows";

export function createWebhookSubscriptionRepository(db: Kysely<Database>): WebhookSubscriptionRepository {
  return {
    async create(organizationId, id, subscription, limit) {
      // the count and the insert in one statement under a lock on the organization row, so two concurrent
      // creates cannot both pass the limit
      return db.transaction().execute(async (trx) => {
        await trx
          .selectFrom("organizations")
          .select("id")
          .where("id", "=", organizationId)
          .forUpdate()
          .executeTakeFirst();
        const { count } = await trx
          .selectFrom("outgoing_webhook_subscriptions")
          .select((eb) => eb.fn.countAll<string>().as("count"))
          .where("organization_id", "=", organizationId)
          .executeTakeFirstOrThrow();
        if (Number(count) >= limit) return undefined;
        const row = await trx
          .insertInto("outgoing_webhook_subscriptions")
          .values({
            id,
            organization_id: organizationId,
            url: subscription.url,
            description: subscription.description,
            events: subscription.events,
            secret: JSON.stringify(subscription.secret),
            secret_hint: subscription.secretHint,
            is_active: subscription.isActive,
          })
          .returning(subscriptionColumns)
          .executeTakeFirstOrThrow();
        return toSubscription(row);
      });
    },

    async findById(organizationId, id) {
      if (!isUuid(id)) return undefined;
      const row = await db
        .selectFrom("outgoing_webhook_subscriptions")
        .select(subscriptionColumns)
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toSubscription(row) : undefined;
    },

    async findWithSecret(organizationId, id) {
      if (!isUuid(id)) return undefined;
      const row = await db
        .selectFrom("outgoing_webhook_subscriptions")
        .select([...subscriptionColumns, "secret"])
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row
        ? { subscription: toSubscription(row), secret: row.secret as unknown as SealedSecret }
        : undefined;
    },

    async list(organizationId, page) {
      const limit = pageSize(page.limit);
      const cursor = decodeCursor(page.cursor, "webhooks");
      let query = db
        .selectFrom("outgoing_webhook_subscriptions")
        .select(subscriptionColumns)
        .where("organization_id", "=", organizationId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      return toPage(await query.execute(), limit, toSubscription, "webhooks");
    },

    async update(organizationId, id, patch) {
      if (!isUuid(id)) return undefined;
      const switchOn = patch.isActive === true;
      const row = await db
        .updateTable("outgoing_webhook_subscriptions")
        .set({
          ...(patch.url === undefined ? {} : { url: patch.url }),
          ...(patch.description === undefined ? {} : { description: patch.description }),
          ...(patch.events === undefined ? {} : { events: patch.events }),
          ...(patch.isActive === undefined ? {} : { is_active: patch.isActive }),
          ...(switchOn ? { consecutive_failures: 0, disabled_reason: null } : {}),
          ...(patch.isActive === false ? { disabled_reason: null } : {}),
          updated_at: new Date(),
        })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(subscriptionColumns)
        .executeTakeFirst();
      return row ? toSubscription(row) : undefined;
    },

    async replaceSecret(organizationId, id, secret, secretHint) {
      if (!isUuid(id)) return undefined;
      const row = await db
        .updateTable("outgoing_webhook_subscriptions")
        .set({ secret: JSON.stringify(secret), secret_hint: secretHint, updated_at: new Date() })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(subscriptionColumns)
        .executeTakeFirst();
      return row ? toSubscription(row) : undefined;
    },

    async remove(organizationId, id) {
      if (!isUuid(id)) return false;
      const result = await db
        .deleteFrom("outgoing_webhook_subscriptions")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listActive(organizationId) {
      const rows = await db
        .selectFrom("outgoing_webhook_subscriptions")
        .select(subscriptionColumns)
        .where("organization_id", "=", organizationId)
        .where("is_active", "=", true)
        .execute();
      return rows.map(toSubscription);
    },

    async organizationsWithActive() {
      const rows = await db
        .selectFrom("outgoing_webhook_subscriptions")
        .select("organization_id")
        .distinct()
        .where("is_active", "=", true)
        .execute();
      return rows.map((row) => row.organization_id);
    },

    async recordSuccess(organizationId, id) {
      await db
        .updateTable("outgoing_webhook_subscriptions")
        .set({ consecutive_failures: 0 })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .where("consecutive_failures", ">", 0)
        .execute();
    },

    async recordFailure(organizationId, id, threshold, reason) {
      const row = await db
        .updateTable("outgoing_webhook_subscriptions")
        .set({
          consecutive_failures: sql`consecutive_failures + 1`,
          is_active: sql`is_active and consecutive_failures + 1 < ${threshold}`,
          disabled_reason: sql`case when is_active and consecutive_failures + 1 >= ${threshold} then ${reason} else disabled_reason end`,
        })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(["is_active", "consecutive_failures"])
        .executeTakeFirst();
      return row !== undefined && !row.is_active && row.consecutive_failures === threshold;
    },
  };
}
