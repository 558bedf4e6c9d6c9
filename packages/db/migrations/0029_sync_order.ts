import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Incremental sync (`sort=updatedAt`, `updatedFrom`): contacts, companies, deals and conversations read in
 * (updated_at, id) order within an organization, one keyset range scan per page. 0025's triggers keep
 * updated_at moving on every change.
 *
 * Plain CREATE INDEX, as every migration before: the migrator runs each migration in a transaction, where
 * CREATE INDEX CONCURRENTLY is refused. A plain build blocks writes to the table (not reads) while it runs,
 * seconds per million rows. On a large production database, build them first without blocking, with the
 * same names, outside any transaction (psql):
 *   create index concurrently if not exists idx_contacts_org_updated on contacts (organization_id, updated_at, id);
 * and the same for the others below; `if not exists` then makes this migration a no-op for them. (A failed
 * concurrent build leaves an INVALID index of that name: drop it and build again before migrating.)
 */

const indexes = [
  "idx_contacts_org_updated on contacts",
  "idx_companies_org_updated on companies",
  "idx_deals_org_updated on deals",
  "idx_conversations_org_updated on conversations",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const index of indexes) {
    await sql.raw(`create index if not exists ${index} (organization_id, updated_at, id)`).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of indexes) {
    await sql.raw(`drop index if exists ${index.split(" ")[0]}`).execute(db);
  }
}
