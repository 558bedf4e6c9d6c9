import type {
  InboundConversation,
  InboundConversationRepository,
} from "@crm/domain/conversations/ingestion-ports";
import type { Kysely, Selectable } from "kysely";
import type { Database } from "../database.gen";
import { preferredThread } from "./thread-order";

const columns = [
  "id",
  "status",
  "assigned_to",
  "snoozed_until",
  "last_message_at",
  "last_inbound_at",
  "unread_count",
  "last_message_preview",
] as const;

type Row = Pick<Selectable<Database["conversations"]>, (typeof columns)[number]>;

const toInboundConversation = (row: Row): InboundConversation => ({
  id: row.id,
  status: row.status,
  assignedTo: row.assigned_to,
  snoozedUntil: row.snoozed_until,
  lastMessageAt: row.last_message_at,
  lastInboundAt: row.last_inbound_at,
  unreadCount: row.unread_count,
  lastMessagePreview: row.last_message_preview,
});

export function createIngestionConversationRepository(db: Kysely<Database>): InboundConversationRepository {
  return {
    async lockByThread(organizationId, channel, threadIds) {
      if (threadIds.length === 0) return undefined;
      const row = await db
        .selectFrom("conversations")
        .select(columns)
        .where("organization_id", "=", organizationId)
        .where("channel", "=", channel)
        .where("channel_thread_id", "in", threadIds)
        .orderBy(preferredThread(threadIds))
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      return row && toInboundConversation(row);
    },

    async open(organizationId, thread) {
      // DO NOTHING keeps the transaction usable when a concurrent one opened the thread first
      const row = await db
        .insertInto("conversations")
        .values({
          organization_id: organizationId,
          contact_id: thread.contactId,
          channel: thread.channel,
          channel_thread_id: thread.threadId,
          integration_id: thread.integrationId,
        })
        .onConflict((oc) => oc.constraint("conversations_channel_thread_unique").doNothing())
        .returning(columns)
        .executeTakeFirst();
      return row && toInboundConversation(row);
    },
  };
}
