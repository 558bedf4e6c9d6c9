import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Message search answers newest first by default. With a GIN index Postgres must read every match from the
 * table to sort them by date (10,000 matches: about 20 ms of one core). The RUM access method (the `rum`
 * extension, packaged by Debian and most Postgres distributions, not by PGlite) keeps each match's sent_at in
 * the index and returns matches already in date order, so a page reads only its own rows from the table
 * (`order_by_attach` keeps each word's matches sorted by sent_at: 5 ms instead of 17 for a word in 10,000 of
 * 1,000,000 messages, measured on the bench's database, for the same cost per insert). The index is RUM
 * where the server offers the extension, GIN elsewhere; both are built on the stored search_vector (0010) and
 * keep the spec's name, so one predicate, `search_vector @@ query`, is answered by either.
 */

const documentExpression =
  "(to_tsvector('portuguese', content) || to_tsvector('portuguese_unaccent', content))";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql`select 1 from pg_available_extensions where name = 'rum'`.execute(db);
  await sql.raw("drop index idx_messages_content_search").execute(db);
  if (rows.length > 0) {
    await sql.raw("create extension if not exists rum").execute(db);
    await sql
      .raw(
        `create index idx_messages_content_search on messages
           using rum (search_vector rum_tsvector_addon_ops, sent_at)
           with (attach = 'sent_at', to = 'search_vector', order_by_attach = 't')`,
      )
      .execute(db);
  } else {
    await sql
      .raw("create index idx_messages_content_search on messages using gin (search_vector)")
      .execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("drop index idx_messages_content_search").execute(db);
  await sql
    .raw(`create index idx_messages_content_search on messages using gin (${documentExpression})`)
    .execute(db);
  // the extension stays: another object may use it, and it costs nothing
}
