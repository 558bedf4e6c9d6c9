import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * The inbox API.
 * - Search matches with idx_messages_content_search (to_tsvector('portuguese', content)), but ranking every
 *   match by ts_rank would parse each message again (about 25 µs each: 250 ms for 10,000 matches). The same
 *   vector, stored, makes ranking cheap; it follows content (a redacted message's vector empties too).
 * - Retention deletes each organization's messages older than its data_retention_days: without an index on
 *   (organization_id, sent_at) every daily batch would scan the whole table.
 */

const statements = [
  `alter table messages
    add column search_vector tsvector generated always as (to_tsvector('portuguese', content)) stored`,
  "create index idx_messages_org_sent on messages (organization_id, sent_at)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index idx_messages_org_sent").execute(db);
  await sql.raw("alter table messages drop column search_vector").execute(db);
}
