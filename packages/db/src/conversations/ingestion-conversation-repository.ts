import type {
  InboundConversation,
  InboundConversationRepository,
} from "@crm/domain/conversations/ingestion-ports";
import { type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../database.gen";
import { preferredThread } from "./thread-order";

const columns = [
  "id",
  "integration_id",
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
  integrationId: row.integration_id,
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
    async lockByThread(organizationId, channel, integrationId, threadIds) {
      if (threadIds.length === 0) return undefined;
      const row = await db
        .selectFrom("conversations")
        .select(columns)
        .where("organization_id", "=", organizationId)
        .where("channel", "=", channel)
        .where("channel_thread_id", "in", threadIds)
        .where((eb) =>
          integrationId === null
            ? eb("integration_id", "is", null)
            : eb.or([eb("integration_id", "=", integrationId), eb("integration_id", "is", null)]),
        )
        // the integration's own conversation before one left by a deleted integration
        .orderBy(sql`integration_id is null`)
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
        .onConflict((oc) => oc.constraint("conversations_integration_thread_unique").doNothing())
        .returning(columns)
        .executeTakeFirst();
      return row && toInboundConversation(row);
    },
  };
}
