import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Messages of one second (Telegram, WhatsApp) are ordered by id, and an id made when the worker stores the
 * message follows the order jobs ran in, not the order the customer's webhooks came. Webhook log ids are now
 * UUIDv7 too (time_ordered_uuid(), migration 0018): they sort in the order webhooks were accepted, below the
 * millisecond and within one group-committed INSERT (whose rows share created_at), and an inbound message's
 * id takes its time part from its webhook's. Existing logs keep their random ids.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_logs alter column id set default time_ordered_uuid()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_logs alter column id set default gen_random_uuid()`.execute(db);
}
