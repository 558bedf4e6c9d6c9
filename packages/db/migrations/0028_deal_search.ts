import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Deals searched by text ("Padaria" among 50,000 deals): the title without accents or letter case, stored as
 * `title_key` for the same reason 0019 stores contacts' `name_key` (crm_unaccent is never inlined, so an
 * expression would call it once per row read), with a trigram index a `like '%fragment%'` can use. The index
 * holds every organization's titles; queries always add organization_id, which the planner combines with it.
 * Statistics and analyze as in 0019: a fragment is estimated from the column's histogram.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "alter table deals add column title_key text generated always as (lower(crm_unaccent(title))) stored not null",
    "alter table deals alter column title_key set statistics 300",
  ]) {
    await sql.raw(statement).execute(db);
  }
  const { rows: trigram } = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(
    db,
  );
  if (trigram.length > 0) {
    await sql.raw("create extension if not exists pg_trgm").execute(db);
    await sql
      .raw("create index idx_deals_title_trgm on deals using gin (title_key gin_trgm_ops)")
      .execute(db);
  }
  await sql.raw("analyze deals").execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  // takes its index with it
  await sql.raw("alter table deals drop column title_key").execute(db);
}
