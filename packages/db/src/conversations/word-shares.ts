import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { readInBackground } from "../shared/read-in-background";
import type { SearchQuery } from "./message-search";

/**
 * What share of messages hold a search's most frequent word, by ANALYZE's statistics of search_vector
 * (`pg_stats.most_common_elems`): 0 for a word missing from them (rare), null when the column has no statistics.
 */
export async function readWordShare(db: Kysely<Database>, query: SearchQuery): Promise<number | null> {
  const { rows } = await sql<{ share: number | null; analyzed: boolean }>`
    select coalesce(max(word.share), 0)::float8 as share, count(stats.attname) > 0 as analyzed
    from pg_stats stats
      left join lateral unnest(stats.most_common_elems::text::text[], stats.most_common_elem_freqs)
        as word(lexeme, share)
        on word.lexeme = any(tsvector_to_array(to_tsvector('simple', querytree(${query}))))
    where stats.schemaname = current_schema() and stats.tablename = 'messages'
      and stats.attname = 'search_vector'`.execute(db);
  const row = rows[0];
  return row?.analyzed ? Number(row.share) : null;
}

/** How long a word's share is trusted: statistics move with ANALYZE, slowly. */
export const wordShareTtlMs = 10 * 60_000;

const shares = readInBackground<number | null>({ ttlMs: wordShareTtlMs, capacity: 1000 });

/**
 * The share of `readWordShare` for a search text as this process last read it; undefined while never known,
 * and then read in the background (reading pg_stats costs 1.4-1.9 ms, as much as a search saves by it). An
 * expired share is still answered while it is read again. The searches it steers answer the same messages
 * either way: only their speed depends on it.
 */
export const knownWordShare = (
  db: Kysely<Database>,
  text: string,
  query: SearchQuery,
  now = Date.now(),
): number | null | undefined => shares(db, text, () => readWordShare(db, query), now);
