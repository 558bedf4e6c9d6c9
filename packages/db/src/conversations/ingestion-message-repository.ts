import type {
  InboundConversationPatch,
  InboundMessageRepository,
} from "@crm/domain/conversations/ingestion-ports";
import { isUuid } from "@crm/domain/shared/ids";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { arrivalOrderedId } from "./arrival-order";

/**
 * A message of the same second that arrived later may have been stored first: it stays the thread's last
 * (ids of one second follow arrival), so its preview stays too. Read by the `recorded` CTE, which sees
 * `inserted`.
 */
const keptIfShownAfter = (preview: string | null) => sql<string | null>`case when exists (
    select 1 from messages m, inserted
    where m.conversation_id = conversations.id and m.sent_at = inserted.sent_at and m.id > inserted.id
      and m.deleted_at is null and not m.is_private
  ) then conversations.last_message_preview else ${preview}::text end`;

const conversationColumns = (patch: InboundConversationPatch, at: Date) => ({
  ...(patch.integrationId !== undefined && { integration_id: patch.integrationId }),
  ...(patch.status !== undefined && { status: patch.status }),
  ...(patch.snoozedUntil !== undefined && { snoozed_until: patch.snoozedUntil }),
  ...(patch.lastMessageAt !== undefined && { last_message_at: patch.lastMessageAt }),
  ...(patch.lastInboundAt !== undefined && { last_inbound_at: patch.lastInboundAt }),
  ...(patch.unreadCount !== undefined && { unread_count: patch.unreadCount }),
  ...(patch.lastMessagePreview !== undefined && {
    last_message_preview: keptIfShownAfter(patch.lastMessagePreview),
  }),
  updated_at: at,
});

const withId = (id: string | undefined) => (id === undefined ? {} : { id });

export function createIngestionMessageRepository(db: Kysely<Database>): InboundMessageRepository {
  return {
    async insertInbound(organizationId, draft, conversation) {
      // stored by an older release under its former id (a redelivery across the change of id form): the
      // same message, as its identical provider time says; a different one that happens to share the old id
      // (another bot's message of the same number) is stored. The conversation is locked by the caller.
      if (draft.formerChannelMessageId) {
        const former = await db
          .selectFrom("messages")
          .select("id")
          .where("conversation_id", "=", draft.conversationId)
          .where("channel_message_id", "=", draft.formerChannelMessageId)
          .where("sent_at", "=", draft.sentAt)
          .executeTakeFirst();
        if (former) return undefined;
      }
      const row = await db
        .with("inserted", (db) =>
          db
            .insertInto("messages")
            .values({
              ...withId(arrivalOrderedId(draft.arrival.webhookLogId, draft.arrival.position)),
              organization_id: organizationId,
              conversation_id: draft.conversationId,
              channel: draft.channel,
              sender_type: "contact",
              direction: "inbound",
              content: draft.content,
              content_type: draft.contentType,
              channel_message_id: draft.channelMessageId,
              sent_at: draft.sentAt,
              reply_to_channel_message_id: draft.replyToChannelMessageId,
              ...(draft.media && {
                media_status: "pending" as const,
                media_provider_id: draft.media.providerMediaId,
                media_mime_type: draft.media.mimeType,
                media_file_name: draft.media.fileName,
              }),
            })
            .onConflict((oc) => oc.constraint("messages_conversation_message_unique").doNothing())
            .returning(["id", "sent_at"]),
        )
        .with("recorded", (db) =>
          db
            .updateTable("conversations")
            .set(conversationColumns(conversation.patch, conversation.at))
            .where("organization_id", "=", organizationId)
            .where("id", "=", draft.conversationId)
            .where((eb) => eb.exists(eb.selectFrom("inserted").select("inserted.id")))
            .returning("conversations.id"),
        )
        .selectFrom("inserted")
        .select("inserted.id")
        .executeTakeFirst();
      return row?.id;
    },

    async lockDelivery(organizationId, channel, channelMessageId) {
      const row = await db
        .selectFrom("messages")
        .select(["id", "conversation_id", "status"])
        .where("organization_id", "=", organizationId)
        .where("channel", "=", channel)
        .where("channel_message_id", "=", channelMessageId)
        .forUpdate()
        .executeTakeFirst();
      return row && { id: row.id, conversationId: row.conversation_id, status: row.status };
    },

    async updateDelivery(organizationId, id, delivery) {
      await db
        .updateTable("messages")
        .set({ status: delivery.status, status_at: delivery.at, error_message: delivery.error })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .execute();
    },

    async findMedia(messageId) {
      if (!isUuid(messageId)) return undefined;
      const row = await db
        .selectFrom("messages as m")
        .innerJoin("conversations as c", "c.id", "m.conversation_id")
        .select([
          "m.id",
          "m.organization_id",
          "m.conversation_id",
          "c.integration_id",
          "m.media_provider_id",
          "m.media_mime_type",
          "m.media_file_name",
          "m.media_status",
        ])
        .where("m.id", "=", messageId)
        .where("m.deleted_at", "is", null)
        .executeTakeFirst();
      if (!row?.media_status || !row.media_provider_id) return undefined;
      return {
        messageId: row.id,
        organizationId: row.organization_id,
        conversationId: row.conversation_id,
        integrationId: row.integration_id,
        providerMediaId: row.media_provider_id,
        mimeType: row.media_mime_type,
        fileName: row.media_file_name,
        status: row.media_status,
      };
    },

    async markMediaStored(organizationId, messageId, stored) {
      const result = await db
        .updateTable("messages")
        .set({ media_status: "stored", media_url: stored.url, media_mime_type: stored.mimeType })
        .where("organization_id", "=", organizationId)
        .where("id", "=", messageId)
        .where("media_status", "=", "pending")
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async markMediaFailed(organizationId, messageId, error) {
      const result = await db
        .updateTable("messages")
        .set({
          media_status: "failed",
          metadata: sql`metadata || jsonb_build_object('mediaError', ${error}::text)`,
        })
        .where("organization_id", "=", organizationId)
        .where("id", "=", messageId)
        .where("media_status", "=", "pending")
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async findStalePendingMedia(before, limit) {
      const rows = await db
        .selectFrom("messages")
        .select("id")
        .where("media_status", "=", "pending")
        .where("created_at", "<", before)
        .orderBy("created_at")
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },
  };
}
