import type { MentionSources } from "@crm/domain/notifications/ports";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";

/** Reads the note and the team for the mention rule; never writes to the inbox or the users. */
export function createMentionSources(db: Kysely<Database>): MentionSources {
  return {
    async findPrivateNote(organizationId, messageId) {
      const row = await db
        .selectFrom("messages as m")
        .innerJoin("conversations as c", (join) =>
          join.onRef("c.id", "=", "m.conversation_id").onRef("c.organization_id", "=", "m.organization_id"),
        )
        .select(["m.conversation_id", "m.content", "m.sender_id", "c.assigned_to"])
        .where("m.organization_id", "=", organizationId)
        .where("m.id", "=", messageId)
        .where("m.is_private", "=", true)
        .where("m.deleted_at", "is", null)
        .executeTakeFirst();
      return row
        ? {
            conversationId: row.conversation_id,
            assignedTo: row.assigned_to,
            content: row.content,
            senderId: row.sender_id,
          }
        : undefined;
    },

    async listMembers(organizationId) {
      return db
        .selectFrom("users")
        .select(["id", "name", "email", "role"])
        .where("organization_id", "=", organizationId)
        .execute();
    },
  };
}
