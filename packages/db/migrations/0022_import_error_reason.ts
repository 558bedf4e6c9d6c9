import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Why a whole import failed as a code with its values (`{ "code": "same_column", "params": { ... } }`), so the
 * web app can word it in the reader's language; `error` keeps the English text. Imports failed before have none.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_imports add column error_reason jsonb check (jsonb_typeof(error_reason) = 'object')`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_imports drop column error_reason`.execute(db);
}
