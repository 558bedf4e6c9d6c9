import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * The send job writes `send_started_at` when it claims a pending message, before it calls the provider. A
 * pending message that has it may already have reached the customer (the attempt crashed, or could not record
 * the provider's answer): no job sends it again, it fails for a person to check and retry. A nullable column
 * without a default is only a catalog change: the large messages table is not rewritten.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw("alter table messages add column send_started_at timestamptz").execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("alter table messages drop column send_started_at").execute(db);
}
