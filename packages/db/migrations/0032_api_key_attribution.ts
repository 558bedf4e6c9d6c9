import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Writes made with an API key name the key, as writes made by a user name the user: deal activities and
 * messages keep the acting key's id beside actor_id / sender_id. No foreign key: a deleted key's id stays, so
 * its past writes still say that a key (now gone) made them.
 */

const tables = ["deal_activities", "messages"];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of tables) await sql.raw(`alter table ${table} add column api_key_id uuid`).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await sql.raw(`alter table ${table} drop column api_key_id`).execute(db);
}
