import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * The contact search also finds the people working at a company whose name matches ("padaria" finds those at
 * "Padaria Pão Dourado"), and the companies list searches names the same way: without accents or letter
 * case. The key is stored, `name_key` = lower(crm_unaccent(name)), for the reason 0019 stores contacts' (the
 * wrapper is never inlined: an expression would call it once per row read, a trigram recheck included), with
 * a trigram index as contacts' idx_contacts_name_trgm: every organization's names, queries adding
 * organization_id. Analyzed at once, a new column having no statistics until then.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      "alter table companies add column name_key text generated always as (lower(crm_unaccent(name))) stored not null",
    )
    .execute(db);
  const { rows: trigram } = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(
    db,
  );
  if (trigram.length > 0) {
    await sql.raw("create extension if not exists pg_trgm").execute(db);
    await sql
      .raw("create index idx_companies_name_trgm on companies using gin (name_key gin_trgm_ops)")
      .execute(db);
  }
  await sql.raw("analyze companies").execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  // takes its index with it
  await sql.raw("alter table companies drop column name_key").execute(db);
}
