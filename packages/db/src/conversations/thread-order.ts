import { sql } from "kysely";

/** Orders conversations by where their thread id stands in `threadIds` (the forms of one thread, preferred first). */
export const preferredThread = (threadIds: readonly string[]) =>
  sql`array_position(${sql.val([...threadIds])}::text[], channel_thread_id)`;
