import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Tombstones: one row per contact, company, deal, conversation or tag deleted (a contact merged into another
 * names the survivor), written in the transaction of the delete, so that a client syncing the lists by
 * `updatedAt` learns what went. Listed per organization and kind by (deleted_at, id); the retention job drops
 * them by age.
 */

const statements = [
  `create table deletions (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references organizations (id) on delete cascade,
    entity text not null check (entity in ('contact', 'company', 'deal', 'conversation', 'tag')),
    entity_id uuid not null,
    merged_into_id uuid check (merged_into_id is null or entity = 'contact'),
    deleted_at timestamptz(3) not null default now()
  )`,
  "create index idx_deletions_list on deletions (organization_id, entity, deleted_at, id)",
  "create index idx_deletions_age on deletions (organization_id, deleted_at)",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("drop table deletions").execute(db);
}
