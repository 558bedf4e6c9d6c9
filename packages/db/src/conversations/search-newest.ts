import { type Expression, type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { type CursorFilters, filteredList } from "../shared/cursor";
import { decodeKeyset, encodeKeyset, isTimestampValue, isUuidValue } from "../shared/keyset";
import { matchesQuery, type SearchQuery, type VisibleMessages } from "./message-search";

export interface SearchHit {
  id: string;
  sent_at: Date;
}

export interface FoundHits<R extends SearchHit = SearchHit> {
  hits: R[];
  nextCursor: string | null;
}

/**
 * Runs the statement that finds a page's hits (`limit + 1` of them, in page order) and answers its rows: the
 * hits alone, or the hits with everything the page shows (`message-search.ts`), in that one statement.
 */
export type ReadHits<R extends SearchHit> = (hits: Expression<SearchHit>) => Promise<R[]>;

/** The hits alone, newest first. */
export const readBareHits =
  (db: Kysely<Database>): ReadHits<SearchHit> =>
  (hits) =>
    db
      .selectFrom(sql<SearchHit>`(${hits})`.as("hits"))
      .select(["hits.id", "hits.sent_at"])
      .orderBy("hits.sent_at", "desc")
      .orderBy("hits.id", "desc")
      .execute();

const newestList = "messageSearch.recent";

interface TimePosition {
  at: string;
  id: string;
}

const readPosition = (value: Record<string, unknown>): TimePosition | undefined =>
  value.rank === undefined && isTimestampValue(value.at) && isUuidValue(value.id)
    ? { at: value.at, id: value.id }
    : undefined;

// RUM orders by distance to a point in time; one past any sent_at gives newest first
export const afterEverything = "9999-12-31T00:00:00Z";

/**
 * How many of the newest visible messages are read one by one, newest first, before the search asks its index
 * instead. A word in 1 message in 100 fills a page within the first 2,600 (about 1.3 ms, where even RUM spends
 * 5 ms ordering 10,000 matches); a word the column's statistics call rarer skips them (`word-shares.ts`), and one
 * that runs out of them anyway (two words that seldom meet, statistics not read yet) is answered by the index (RUM
 * or GIN) after them.
 */
export const newestScanRows = 5000;

/**
 * Newest first (sent_at desc, id desc): from the newest visible messages when they fill the page (`newest`),
 * else from the index. A RUM index hands the matches over in date order, so a page reads its own rows only,
 * however many messages match; with GIN every match is read and sorted.
 */
export async function newestHits<R extends SearchHit>(
  db: Kysely<Database>,
  matches: () => VisibleMessages,
  cursor: string | undefined,
  limit: number,
  options: {
    indexOrdersByDate: boolean;
    /** The visible messages, matching or not, for the scan of the newest; without it, the index answers. */
    newest?: (() => VisibleMessages) | undefined;
    query: SearchQuery;
    scanRows?: number;
    /** The rows answered for the hits: `readBareHits`, or the page as `message-search.ts` shows it. */
    read: ReadHits<R>;
    /** What decides the matches (the search's text, its conversation): the cursor is bound to them. */
    filters?: CursorFilters;
  },
): Promise<FoundHits<R>> {
  const { read } = options;
  const list = filteredList(newestList, options.filters ?? {});
  const after = decodeKeyset(cursor, readPosition, list);
  const afterCursor = (from: VisibleMessages) => {
    const query = from.select(["messages.id", "messages.sent_at"]);
    if (!after) return query;
    const at = new Date(after.at);
    // the first condition is one the index can answer; the second settles messages sent in the same instant
    return query
      .where("messages.sent_at", "<=", at)
      .where((eb) => eb.or([eb("messages.sent_at", "<", at), eb("messages.id", "<", after.id)]));
  };

  let rows: R[] = [];
  if (options.newest) {
    // Postgres stops reading the newest as soon as the page is full: both limits are pulled lazily
    const recent = afterCursor(options.newest())
      .select("messages.search_vector")
      .orderBy("messages.sent_at", "desc")
      .orderBy("messages.id", "desc")
      .limit(options.scanRows ?? newestScanRows)
      .as("messages");
    rows = await read(
      db
        .selectFrom(recent)
        .select(["messages.id", "messages.sent_at"])
        .where(matchesQuery(options.query))
        .orderBy("messages.sent_at", "desc")
        .orderBy("messages.id", "desc")
        .limit(limit + 1),
    );
  }
  // a full page among the newest is the newest matches; otherwise the index answers
  if (rows.length <= limit && options.indexOrdersByDate) {
    /*
     * RUM orders by sent_at alone, so messages sent in the same instant as the page's oldest could be cut
     * anywhere among themselves: that instant is read whole, and the page ordered by (sent_at, id) here.
     */
    const newest = afterCursor(matches())
      .orderBy(sql`messages.sent_at <=| ${afterEverything}::timestamptz`)
      .limit(limit + 1);
    const atOldestInstant = afterCursor(matches()).where(
      sql<boolean>`messages.sent_at = (select min(sent_at) from newest)`,
    );
    rows = await read(sql<SearchHit>`
      with newest as (${newest})
      select id, sent_at from newest where sent_at > (select min(sent_at) from newest)
      union all ${atOldestInstant}
      order by sent_at desc, id desc
      limit ${limit + 1}`);
  } else if (rows.length <= limit) {
    rows = await read(
      afterCursor(matches())
        .orderBy("messages.sent_at", "desc")
        .orderBy("messages.id", "desc")
        .limit(limit + 1),
    );
  }
  const hits = rows.slice(0, limit);
  const last = hits.at(-1);
  return {
    hits,
    nextCursor:
      rows.length > limit && last
        ? encodeKeyset({ at: last.sent_at.toISOString(), id: last.id }, list)
        : null,
  };
}
