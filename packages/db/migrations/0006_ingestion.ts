import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * The sweeper's queries: webhook logs still to process (failed ones stay unprocessed forever, so the
 * `processed_at is null` index of 0001 would fill with them) and media still to download.
 */

const statements = [
  `create index idx_webhook_logs_to_process on webhook_logs (created_at)
    where status in ('pending', 'retrying')`,
  "create index idx_messages_media_pending on messages (created_at) where media_status = 'pending'",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index idx_messages_media_pending").execute(db);
  await sql.raw("drop index idx_webhook_logs_to_process").execute(db);
}
