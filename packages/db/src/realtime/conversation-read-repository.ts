import type { ConversationAccess, ConversationReadRepository } from "@crm/domain/realtime/ports";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { isUnreadMessage } from "./unread-rule";

/**
 * Per-user read positions. Unread = inbound messages (not deleted) stored after the user's last read; the
 * messages index (organization_id, conversation_id, created_at) answers it without touching other rows.
 */
export function createConversationReadRepository(db: Kysely<Database>): ConversationReadRepository {
  return {
    async findAccess(organizationId, conversationIds) {
      const found = new Map<string, ConversationAccess>();
      if (conversationIds.length === 0) return found;
      const rows = await db
        .selectFrom("conversations")
        .select(["id", "assigned_to"])
        .where("organization_id", "=", organizationId)
        .where("id", "in", conversationIds)
        .execute();
      for (const row of rows) found.set(row.id, { assignedTo: row.assigned_to });
      return found;
    },

    async markRead(organizationId, conversationId, userId, at) {
      await db
        .insertInto("conversation_reads")
        .values({
          organization_id: organizationId,
          conversation_id: conversationId,
          user_id: userId,
          last_read_at: at,
        })
        .onConflict((oc) =>
          oc.columns(["organization_id", "conversation_id", "user_id"]).doUpdateSet({
            last_read_at: sql`greatest(conversation_reads.last_read_at, excluded.last_read_at)`,
          }),
        )
        .execute();
    },

    // the ids are conversations of the organization the caller may see: messages alone answer, by their index,
    // without joining conversations again (planning that join cost more than running this query)
    async unreadCounts(organizationId, userId, conversationIds) {
      if (conversationIds.length === 0) return [];
      const rows = await db
        .selectFrom("messages as m")
        .leftJoin("conversation_reads as r", (join) =>
          join
            .onRef("r.conversation_id", "=", "m.conversation_id")
            .onRef("r.organization_id", "=", "m.organization_id")
            .on("r.user_id", "=", userId),
        )
        .where("m.organization_id", "=", organizationId)
        .where("m.conversation_id", "in", conversationIds)
        .where(isUnreadMessage)
        .select(["m.conversation_id as conversationId", (eb) => eb.fn.countAll<string>().as("unread")])
        .groupBy("m.conversation_id")
        .execute();
      const counts = new Map(rows.map((row) => [row.conversationId, Number(row.unread)]));
      return conversationIds.map((conversationId) => ({
        conversationId,
        unread: counts.get(conversationId) ?? 0,
      }));
    },

    async unreadByUser(organizationId, conversationId, userIds) {
      const counts = new Map<string, number>(userIds.map((userId) => [userId, 0]));
      if (userIds.length === 0) return counts;
      const rows = await db
        .selectFrom("users as u")
        .leftJoin("conversation_reads as r", (join) =>
          join
            .onRef("r.user_id", "=", "u.id")
            .on("r.organization_id", "=", organizationId)
            .on("r.conversation_id", "=", conversationId),
        )
        .innerJoin("messages as m", (join) =>
          join.on("m.organization_id", "=", organizationId).on("m.conversation_id", "=", conversationId),
        )
        .where("u.organization_id", "=", organizationId)
        .where("u.id", "in", userIds)
        .where(isUnreadMessage)
        .select(["u.id as userId", (eb) => eb.fn.countAll<string>().as("unread")])
        .groupBy("u.id")
        .execute();
      for (const row of rows) counts.set(row.userId, Number(row.unread));
      return counts;
    },
  };
}
