import { type Expression, type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeKeyset, encodeKeyset, isTimestampValue, isUuidValue } from "../shared/keyset";
import type { SearchQuery, VisibleMessages } from "./message-search";
import type { FoundHits, SearchHit } from "./search-newest";

export interface RankedHit extends SearchHit {
  rank: number;
}

const rankedList = "messageSearch.relevance";

interface RankPosition {
  rank: number;
  at: string;
  id: string;
}

/** A value of ts_rank's type, real: Postgres refuses a parameter beyond its range or rounding to zero in it. */
const isRankValue = (value: unknown): value is number =>
  typeof value === "number" && (value === 0 || (Math.abs(value) >= 1e-38 && Math.abs(value) <= 1e38));

const readPosition = (value: Record<string, unknown>): RankPosition | undefined =>
  isRankValue(value.rank) && isTimestampValue(value.at) && isUuidValue(value.id)
    ? { rank: value.rank, at: value.at, id: value.id }
    : undefined;

/**
 * By ts_rank over the stored vector, then newest first. Every match is ranked, so a word in many messages
 * costs a read of each of them: the price of `sort=relevance`.
 */
export async function rankedHits<R extends RankedHit>(
  db: Kysely<Database>,
  matches: () => VisibleMessages,
  query: SearchQuery,
  cursor: string | undefined,
  limit: number,
  /** Runs the statement finding the page's hits (in page order) and answers its rows (`message-search.ts`). */
  read: (hits: Expression<RankedHit>) => Promise<R[]>,
): Promise<FoundHits<R>> {
  const after = decodeKeyset(cursor, readPosition, rankedList);
  let ranked = db
    .with("hits", () =>
      matches().select([
        "messages.id",
        "messages.sent_at",
        sql<number>`ts_rank(messages.search_vector, ${query})`.as("rank"),
      ]),
    )
    .selectFrom("hits")
    .select(["hits.id", "hits.rank", "hits.sent_at"])
    .orderBy("hits.rank", "desc")
    .orderBy("hits.sent_at", "desc")
    .orderBy("hits.id", "desc")
    .limit(limit + 1);
  if (after) {
    const at = new Date(after.at);
    ranked = ranked.where((eb) =>
      eb(eb.refTuple("hits.rank", "hits.sent_at", "hits.id"), "<", eb.tuple(after.rank, at, after.id)),
    );
  }
  const rows = await read(ranked);
  const hits = rows.slice(0, limit);
  const last = hits.at(-1);
  return {
    hits,
    nextCursor:
      rows.length > limit && last
        ? encodeKeyset({ rank: last.rank, at: last.sent_at.toISOString(), id: last.id }, rankedList)
        : null,
  };
}
