import { sql } from "kysely";

/**
 * What "unread" means, in one place: an inbound message, not deleted, created after the reader's last read
 * (or never read). It reads the messages as `m` and the reader's `conversation_reads` row as `r`, left-joined.
 */
export const isUnreadMessage = sql<boolean>`(m.direction = 'inbound' and m.deleted_at is null
  and (r.last_read_at is null or m.created_at > r.last_read_at))`;
