import { sql } from "kysely";

/**
 * What "unread" means, in one place: an inbound message, not deleted, created after the reader's last read
 * (or never read). It reads the messages as `m` and the reader's `conversation_reads` row as `r`, left-joined.
 */
export const isUnreadMessage = sql<boolean>`(m.direction = 'inbound' and m.deleted_at is null
  and (r.last_read_at is null or m.created_at > r.last_read_at))`;

/**
 * The same rule as a condition on a row of `conversations`: the reader has an unread message in it. Their last
 * read is looked up first, so idx_messages_org_conversation_created answers with a range after it (empty once
 * read) instead of every message of the conversation being joined to the read.
 */
export const hasUnreadMessage = (readerId: string) => sql<boolean>`exists (select 1 from messages m
  where m.organization_id = conversations.organization_id and m.conversation_id = conversations.id
    and m.direction = 'inbound' and m.deleted_at is null
    and m.created_at > coalesce((select r.last_read_at from conversation_reads r
      where r.organization_id = conversations.organization_id and r.conversation_id = conversations.id
        and r.user_id = ${readerId}), '-infinity'))`;
