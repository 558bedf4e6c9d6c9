import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * An import keeps the header's columns it did not know and left out (`ignored_columns`, a JSON array of the
 * names as written), and a row the values it was imported without (`warnings`, a JSON array of
 * `{ field, reason }`: an optional custom field whose cell did not fit). Both are null for imports and rows
 * made before, which read as none.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_imports add column ignored_columns jsonb`.execute(db);
  await sql`alter table contact_import_rows add column warnings jsonb`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_import_rows drop column warnings`.execute(db);
  await sql`alter table contact_imports drop column ignored_columns`.execute(db);
}
