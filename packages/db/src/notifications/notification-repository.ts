import type { NotificationRepository } from "@crm/domain/notifications/ports";
import { pageSize } from "@crm/domain/shared/pagination";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { selectNamedNotifications } from "./named-notifications";
import { toNotification } from "./rows";

export function createNotificationRepository(db: Kysely<Database>): NotificationRepository {
  return {
    async createOnce(organizationId, userId, sourceKey, notification) {
      const row = await db
        .insertInto("notifications")
        .values({
          organization_id: organizationId,
          user_id: userId,
          type: notification.type,
          data: JSON.stringify(notification.data),
          source_key: sourceKey,
        })
        .onConflict((oc) => oc.constraint("notifications_source_unique").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!row) return undefined;
      const named = await selectNamedNotifications(db, organizationId, userId)
        .where("n.id", "=", row.id)
        .executeTakeFirstOrThrow();
      return toNotification(named);
    },

    async list(organizationId, userId, filter, page) {
      const limit = pageSize(page.limit);
      // unreadOnly=false lists every notification, as no filter does
      const list = filteredList("notifications", { unreadOnly: filter.unreadOnly || undefined });
      const cursor = decodeCursor(page.cursor, list);
      let query = selectNamedNotifications(db, organizationId, userId)
        .orderBy("n.created_at", "desc")
        .orderBy("n.id", "desc")
        .limit(limit + 1);
      if (filter.unreadOnly) query = query.where("n.read_at", "is", null);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("n.created_at", "n.id"), "<", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      return toPage(await query.execute(), limit, toNotification, list);
    },

    async markRead(organizationId, userId, ids, at) {
      let query = db
        .updateTable("notifications")
        .set({ read_at: at })
        .where("organization_id", "=", organizationId)
        .where("user_id", "=", userId)
        .where("read_at", "is", null);
      if (ids !== "all") query = query.where("id", "in", ids);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async countUnread(organizationId, userId) {
      const row = await db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .where("organization_id", "=", organizationId)
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}
