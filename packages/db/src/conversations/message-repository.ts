import { channelMessageIdTaken, DomainError, type MessageRepository, pageSize } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { uniqueViolationConstraint } from "../errors";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { jsonbText } from "../shared/jsonb-text";
import { searchMessages } from "./message-search";
import { conversationColumns, messageColumns, toConversation, toMessage } from "./rows";

export function createMessageRepository(db: Kysely<Database>): MessageRepository {
  return {
    async listInConversation(organizationId, conversationId, page) {
      const limit = pageSize(page.limit);
      // one conversation's thread: a cursor of another conversation's is refused, not read as a position here
      const list = `messages.${conversationId}`;
      const cursor = decodeCursor(page.cursor, list);
      let query = db
        .selectFrom("messages")
        .select(messageColumns)
        .where("organization_id", "=", organizationId)
        .where("conversation_id", "=", conversationId)
        .orderBy("sent_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        const at = new Date(cursor.at);
        query = query.where((eb) => eb(eb.refTuple("sent_at", "id"), "<", eb.tuple(at, cursor.id)));
      }
      const rows = await query.execute();
      const hasMore = rows.length > limit;
      const items = rows.slice(0, limit).map(toMessage);
      const last = items.at(-1);
      return { items, nextCursor: hasMore && last ? encodeCursor(last.sentAt, last.id, list) : null };
    },

    async findById(organizationId, id, lock) {
      const query = db
        .selectFrom("messages")
        .select(messageColumns)
        .where("organization_id", "=", organizationId)
        .where("id", "=", id);
      const row = await (lock === "update" ? query.forUpdate() : query).executeTakeFirst();
      return row ? toMessage(row) : undefined;
    },

    async findDeliveryTarget(id) {
      const message = await db
        .selectFrom("messages")
        .select([...messageColumns, "messages.send_started_at"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!message) return undefined;
      const conversation = await db
        .selectFrom("conversations")
        .select(conversationColumns)
        .where("organization_id", "=", message.organization_id)
        .where("id", "=", message.conversation_id)
        .executeTakeFirst();
      return (
        conversation && {
          message: toMessage(message),
          conversation: toConversation(conversation),
          sendStartedAt: message.send_started_at,
        }
      );
    },

    async claimPendingSend(id, readStatusAt, at) {
      const result = await db
        .updateTable("messages")
        .set({ status_at: at, send_started_at: at })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where("direction", "=", "outbound")
        .where("send_started_at", "is", null)
        .where((eb) =>
          readStatusAt === null ? eb("status_at", "is", null) : eb("status_at", "=", readStatusAt),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async releasePendingSend(id, claimedAt) {
      await db
        .updateTable("messages")
        .set({ send_started_at: null })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where("send_started_at", "=", claimedAt)
        .execute();
    },

    async failInterruptedSend(id, at, error) {
      const row = await db
        .updateTable("messages")
        .set({ status: "failed", status_at: at, error_message: error })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where("send_started_at", "is not", null)
        .returning(messageColumns)
        .executeTakeFirst();
      return row ? toMessage(row) : undefined;
    },

    async findStalePendingSends(before, limit) {
      // idx_messages_pending holds only pending rows: a short scan
      const rows = await db
        .selectFrom("messages")
        .select("id")
        .where("status", "=", "pending")
        .where("direction", "=", "outbound")
        .where("is_private", "=", false)
        .where(sql<Date>`coalesce(status_at, created_at)`, "<", before)
        .orderBy("created_at")
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    async create(organizationId, input) {
      const row = await db
        .insertInto("messages")
        .values({
          organization_id: organizationId,
          conversation_id: input.conversationId,
          channel: input.channel,
          direction: "outbound",
          sender_type: input.senderType,
          sender_id: input.senderId,
          api_key_id: input.apiKeyId ?? null,
          content: input.content,
          content_type: "text",
          ...(input.template && { metadata: jsonbText({ template: input.template }) }),
          is_private: input.isPrivate,
          status: input.status,
          status_at: input.status === null ? null : input.sentAt,
          sent_at: input.sentAt,
          created_at: input.sentAt,
        })
        .returning(messageColumns)
        .executeTakeFirstOrThrow();
      return toMessage(row);
    },

    async setDelivery(organizationId, id, update) {
      try {
        const row = await db
          .updateTable("messages")
          .set({
            status: update.status,
            status_at: update.at,
            ...(update.error !== undefined && { error_message: update.error }),
            ...(update.channelMessageId !== undefined && { channel_message_id: update.channelMessageId }),
            ...(update.sendStartedAt !== undefined && { send_started_at: update.sendStartedAt }),
          })
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .returning(messageColumns)
          .executeTakeFirstOrThrow();
        return toMessage(row);
      } catch (error) {
        if (uniqueViolationConstraint(error) === "messages_conversation_message_unique") {
          throw new DomainError(
            "CONFLICT",
            "Another message of the conversation has this channel message id",
            {
              reason: channelMessageIdTaken,
            },
          );
        }
        throw error;
      }
    },

    async redact(organizationId, id, at) {
      const row = await db
        .updateTable("messages")
        .set({
          content: "",
          metadata: "{}",
          media_url: null,
          media_status: null,
          media_mime_type: null,
          media_file_name: null,
          media_provider_id: null,
          deleted_at: at,
        })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(messageColumns)
        .executeTakeFirstOrThrow();
      return toMessage(row);
    },

    async latestVisible(organizationId, conversationId) {
      const row = await db
        .selectFrom("messages")
        .select(messageColumns)
        .where("organization_id", "=", organizationId)
        .where("conversation_id", "=", conversationId)
        .where("deleted_at", "is", null)
        .where("is_private", "=", false)
        .orderBy("sent_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ? toMessage(row) : undefined;
    },

    async countInboundAfter(organizationId, conversationId, message) {
      const row = await db
        .selectFrom("messages")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .where("organization_id", "=", organizationId)
        .where("conversation_id", "=", conversationId)
        .where("direction", "=", "inbound")
        .where("deleted_at", "is", null)
        // created_at keeps milliseconds: messages of one batch share it, and their ids are stored in order
        .where((eb) => eb(eb.refTuple("created_at", "id"), ">", eb.tuple(message.createdAt, message.id)))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    search: (organizationId, scope, search, page) => searchMessages(db, organizationId, scope, search, page),
  };
}
