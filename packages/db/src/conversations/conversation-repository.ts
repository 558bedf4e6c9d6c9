import { type ConversationPatch, type ConversationRepository, DomainError } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { recordDeletions } from "../deletions/tombstones";
import { isUniqueViolation } from "../errors";
import { conversationViews, countInbox, listInbox } from "./conversation-list";
import { conversationColumns, toConversation, toConversationView } from "./rows";
import { preferredThread } from "./thread-order";

export function createConversationRepository(db: Kysely<Database>): ConversationRepository {
  const byId = (organizationId: string, id: string) =>
    db
      .selectFrom("conversations")
      .select(conversationColumns)
      .where("organization_id", "=", organizationId)
      .where("id", "=", id);

  return {
    list: (organizationId, scope, filter, page, readerId) =>
      listInbox(db, organizationId, scope, filter, page, readerId),

    counts: (organizationId, scope, filter, readerId) =>
      countInbox(db, organizationId, scope, filter, readerId),

    async findById(organizationId, id, lock) {
      const query = byId(organizationId, id);
      const row = await (lock === "update" ? query.forUpdate() : query).executeTakeFirst();
      return row ? toConversation(row) : undefined;
    },

    async findView(organizationId, id) {
      const row = await conversationViews(db)
        .where("conversations.organization_id", "=", organizationId)
        .where("conversations.id", "=", id)
        .executeTakeFirst();
      return row ? toConversationView(row) : undefined;
    },

    async findByThread(organizationId, channel, integrationId, threadIds) {
      if (threadIds.length === 0) return undefined;
      const row = await db
        .selectFrom("conversations")
        .select(conversationColumns)
        .where("organization_id", "=", organizationId)
        .where("channel", "=", channel)
        .where("integration_id", "=", integrationId)
        .where("channel_thread_id", "in", threadIds)
        .orderBy(preferredThread(threadIds))
        .limit(1)
        .executeTakeFirst();
      return row ? toConversation(row) : undefined;
    },

    async create(organizationId, input, at) {
      try {
        const row = await db
          .insertInto("conversations")
          .values({
            organization_id: organizationId,
            contact_id: input.contactId,
            channel: input.channel,
            channel_thread_id: input.channelThreadId,
            integration_id: input.integrationId,
            assigned_to: input.assignedTo,
            status: "open",
            created_at: at,
            updated_at: at,
          })
          .returning(conversationColumns)
          .executeTakeFirstOrThrow();
        return toConversation(row);
      } catch (error) {
        // a concurrent start won the race; the transaction is aborted, so the winner cannot be read here
        if (isUniqueViolation(error)) {
          throw new DomainError("CONFLICT", "This contact already has a conversation on that channel");
        }
        throw error;
      }
    },

    async update(organizationId, id, patch, at) {
      const row = await db
        .updateTable("conversations")
        .set({ ...patchColumns(patch), updated_at: at })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(conversationColumns)
        .executeTakeFirstOrThrow();
      return toConversation(row);
    },

    // the WHERE is read again on the newest row once a concurrent update commits: one claim wins, not both
    async reassign(organizationId, id, change, at) {
      const row = await db
        .updateTable("conversations")
        .set({ assigned_to: change.to, updated_at: at })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .where("assigned_to", change.from === null ? "is" : "=", change.from)
        .returning(conversationColumns)
        .executeTakeFirst();
      return row ? toConversation(row) : undefined;
    },

    async remove(organizationId, id) {
      // read before the delete: its messages go with it (on delete cascade)
      const media = await db
        .selectFrom("messages")
        .select("media_url")
        .where("organization_id", "=", organizationId)
        .where("conversation_id", "=", id)
        .where("media_url", "is not", null)
        .execute();
      const removed = await db
        .deleteFrom("conversations")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning("id")
        .execute();
      if (removed.length === 0) return undefined;
      await recordDeletions(
        db,
        organizationId,
        "conversation",
        removed.map((row) => row.id),
      );
      return { mediaUrls: media.flatMap((row) => (row.media_url ? [row.media_url] : [])) };
    },
  };
}

function patchColumns(patch: ConversationPatch) {
  return {
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.snoozedUntil !== undefined && { snoozed_until: patch.snoozedUntil }),
    ...(patch.assignedTo !== undefined && { assigned_to: patch.assignedTo }),
    ...(patch.lastMessageAt !== undefined && { last_message_at: patch.lastMessageAt }),
    ...(patch.lastMessagePreview !== undefined && { last_message_preview: patch.lastMessagePreview }),
    ...(patch.unreadCount !== undefined && { unread_count: patch.unreadCount }),
  };
}
