import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * An import can be a preview (dry run): its job decides every row as an import would and keeps the outcomes,
 * but writes no contact, tag, company or custom field. Every import made before was a real one.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_imports add column dry_run boolean not null default false`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  // a preview wrote nothing but its own report: going down, it would read as an import that did
  await sql`delete from contact_imports where dry_run`.execute(db);
  await sql`alter table contact_imports drop column dry_run`.execute(db);
}
