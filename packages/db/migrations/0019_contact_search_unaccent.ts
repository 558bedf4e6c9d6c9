import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Contact names without their accents, for people who type "Joao" for "João" and expect "Érica" among the
 * E's. `unaccent()` is only STABLE (it reads a dictionary chosen by search_path), so no index or generated
 * column can hold it: crm_unaccent names the dictionary by its schema and is declared IMMUTABLE, the usual
 * wrapper. Postgres never inlines such a wrapper, so an expression calls it once per row a query reads
 * (a search for "silva" filters rows newest first: 1.2-1.7x slower on the bench's 100,000 contacts). The key
 * is stored instead, `name_key`, and both the name sort's keyset index and the name's trigram index are
 * built on it; queries compare it with `lower(crm_unaccent(<pattern or cursor>))`, computed once.
 * A fragment is estimated from the column's histogram: 0014's 300 values, for the same reason, and the table
 * is analyzed at once, as a new column has no statistics until then and a fragment would be guessed at 0.5 %
 * of the rows (the walk newest first then looks right for a rare name).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw("create extension if not exists unaccent").execute(db);
  // wherever the extension lives (public here, its own schema on some hosted servers)
  const { rows } = await sql<{ schema: string }>`
    select quote_ident(n.nspname) as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'unaccent'`.execute(db);
  const schema = rows[0]?.schema ?? "public";
  await sql
    .raw(
      `create function crm_unaccent(text) returns text language sql immutable parallel safe strict
         as $$ select ${schema}.unaccent('${schema.replaceAll("'", "''")}.unaccent'::regdictionary, $1) $$`,
    )
    .execute(db);
  for (const statement of [
    "alter table contacts add column name_key text generated always as (lower(crm_unaccent(name))) stored not null",
    "alter table contacts alter column name_key set statistics 300",
    "drop index idx_contacts_org_name",
    "create index idx_contacts_org_name on contacts (organization_id, name_key, id)",
  ]) {
    await sql.raw(statement).execute(db);
  }

  const { rows: trigram } = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(
    db,
  );
  if (trigram.length > 0) {
    for (const statement of [
      "create extension if not exists pg_trgm",
      "drop index if exists idx_contacts_name_trgm",
      "create index idx_contacts_name_trgm on contacts using gin (name_key gin_trgm_ops)",
    ]) {
      await sql.raw(statement).execute(db);
    }
  }
  await sql.raw("analyze contacts").execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const { rows: trigram } = await sql`select 1 from pg_extension where extname = 'pg_trgm'`.execute(db);
  for (const statement of [
    // takes both of its indexes with it
    "alter table contacts drop column name_key",
    ...(trigram.length > 0
      ? ["create index idx_contacts_name_trgm on contacts using gin (name gin_trgm_ops)"]
      : []),
    "create index idx_contacts_org_name on contacts (organization_id, lower(name), id)",
    "drop function crm_unaccent(text)",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
