import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Accent-insensitive Portuguese search: customers type "negociacao" for "negociação". The configuration
 * portuguese_unaccent is Portuguese with the unaccent dictionary in front of the stemmer, so both spellings
 * reach the same lexeme. It alone would lose inflections the stemmer only sees with accents ("negociação"
 * and "negociações" share the stem "negoc", their unaccented forms do not), so the document is indexed with
 * both configurations and a query asks both. The GIN index and the stored search_vector (ranking, 0005) are
 * rebuilt on that expression; queries must repeat it, with the configurations as literals.
 */

const document = "(to_tsvector('portuguese', content) || to_tsvector('portuguese_unaccent', content))";

const statements = [
  "create extension if not exists unaccent",
  "create text search configuration portuguese_unaccent (copy = portuguese)",
  `alter text search configuration portuguese_unaccent
    alter mapping for hword, hword_part, word with unaccent, portuguese_stem`,
  "drop index idx_messages_content_search",
  "alter table messages drop column search_vector",
  `alter table messages add column search_vector tsvector generated always as ${document} stored`,
  `create index idx_messages_content_search on messages using gin (${document})`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop index idx_messages_content_search",
    "alter table messages drop column search_vector",
    `alter table messages
      add column search_vector tsvector generated always as (to_tsvector('portuguese', content)) stored`,
    "create index idx_messages_content_search on messages using gin (to_tsvector('portuguese', content))",
    "drop text search configuration portuguese_unaccent",
    // the extension stays: another object may use it, and it costs nothing
  ]) {
    await sql.raw(statement).execute(db);
  }
}
