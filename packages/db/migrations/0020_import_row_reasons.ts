import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * An import row's reasons as codes with their values (`[{ "code": "invalid_date", "params": { ... } }]`), so
 * the web app can word them in the reader's language; `reason` keeps the English text. Rows written before
 * have none.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_import_rows add column reasons jsonb check (jsonb_typeof(reasons) = 'array')`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_import_rows drop column reasons`.execute(db);
}
