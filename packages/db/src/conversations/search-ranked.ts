import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../database.gen";
import { type CursorFilters, filteredList } from "../shared/cursor";
import { decodeKeyset, encodeKeyset, isTimestampValue, isUuidValue } from "../shared/keyset";
import type { SearchQuery, VisibleMessages } from "./message-search";
import { afterEverything, type FoundHits, type SearchHit } from "./search-newest";

export interface RankedHit extends SearchHit {
  rank: number;
  /** The oldest instant of the ranked window, the same on every row; null when every match is ranked. */
  window_from: Date | null;
}

const rankedList = "messageSearch.relevance";

/**
 * How many of the newest matches a search across conversations ranks (the window's boundary is the instant of
 * the oldest of them, that instant taken whole). A word in 10,000 of 1,000,000 messages costs a read of each
 * to rank them all, 14 ms of Postgres per statement (bench/README.md, "Inbox"); a window reads about this many.
 */
export const rankedWindow = 1000;

interface RankPosition {
  rank: number;
  at: string;
  id: string;
  /** The window's boundary, kept from the first page: later pages rank the same messages. */
  from: string | null;
}

/** A value of ts_rank's type, real: Postgres refuses a parameter beyond its range or rounding to zero in it. */
const isRankValue = (value: unknown): value is number =>
  typeof value === "number" && (value === 0 || (Math.abs(value) >= 1e-38 && Math.abs(value) <= 1e38));

/** A boundary: a time Postgres accepts, or null; none at all is a cursor from before windows, which ranked all. */
const readBoundary = (value: unknown): string | null | undefined =>
  value === undefined || value === null ? null : isTimestampValue(value) ? value : undefined;

function readPosition(value: Record<string, unknown>): RankPosition | undefined {
  const from = readBoundary(value.from);
  return isRankValue(value.rank) && isTimestampValue(value.at) && isUuidValue(value.id) && from !== undefined
    ? { rank: value.rank, at: value.at, id: value.id, from }
    : undefined;
}

/**
 * By ts_rank over the stored vector, then newest first, among a window of the newest matches: the first page
 * finds the instant of the `window`-th newest match (through the date-ordered RUM index when there is one,
 * `indexOrdersByDate`: about `window` rows read, however many match; with GIN every match is read to sort them,
 * as before) and ranks the matches sent since then, that instant whole, in the same statement. The cursor
 * carries that boundary, so later pages rank the same messages (and any newer ones that arrived meanwhile)
 * without a match counted twice or skipped; RUM answers `sent_at >= boundary` itself, so they too read the
 * window's rows only. `window: null` (a search inside one conversation) or at most `window` matches: every
 * match is ranked, each costing a read. Older matches of a common word are reached newest first, or with more
 * words.
 */
export async function rankedHits<R extends RankedHit>(
  db: Kysely<Database>,
  matches: () => VisibleMessages,
  query: SearchQuery,
  cursor: string | undefined,
  limit: number,
  /** Runs the statement finding the page's hits (in page order) and answers its rows (`message-search.ts`). */
  read: (hits: Expression<RankedHit>) => Promise<R[]>,
  options: {
    window: number | null;
    indexOrdersByDate: boolean;
    /** An instant the first page's window probably starts after (`guessWindowStart`); checked, never trusted. */
    startGuess?: Date | null;
    /** What decides the matches (the search's text, its conversation): the cursor is bound to them. */
    filters?: CursorFilters;
  },
): Promise<FoundHits<R>> {
  const list = filteredList(rankedList, options.filters ?? {});
  const after = decodeKeyset(cursor, readPosition, list);
  const rank = (vector: string) => sql<number>`ts_rank(${sql.ref(vector)}, ${query})`;
  const { window, indexOrdersByDate, startGuess } = options;
  let rows: R[];
  if (after || window === null) rows = await read(rankedAfter(db, matches, rank, limit, after));
  else {
    const inWindow = (since: Date | null) =>
      read(rankedInWindow(matches, rank, limit, window, indexOrdersByDate, since));
    rows = await inWindow(startGuess ?? null);
    // fewer than `window + 1` matches since the guess (no boundary found): it was late, every match is looked at
    if (startGuess && !rows[0]?.window_from) rows = await inWindow(null);
  }
  const hits = rows.slice(0, limit);
  const last = hits.at(-1);
  return {
    hits,
    nextCursor:
      rows.length > limit && last
        ? encodeKeyset(
            {
              rank: last.rank,
              at: last.sent_at.toISOString(),
              id: last.id,
              from: last.window_from?.toISOString() ?? null,
            },
            list,
          )
        : null,
  };
}

/** Every match sent at or after the cursor's boundary (all with none), past the cursor's position. */
function rankedAfter(
  db: Kysely<Database>,
  matches: () => VisibleMessages,
  rank: (vector: string) => RawBuilder<number>,
  limit: number,
  after: RankPosition | undefined,
) {
  const from = after?.from ? new Date(after.from) : null;
  let hits = matches();
  // with RUM, `sent_at >= from` is a condition of the index itself: only the window's rows are read
  if (from) hits = hits.where("messages.sent_at", ">=", from);
  let ranked = db
    .with("hits", () =>
      hits.select([
        "messages.id",
        "messages.sent_at",
        rank("messages.search_vector").as("rank"),
        sql<Date | null>`${from}::timestamptz`.as("window_from"),
      ]),
    )
    .selectFrom("hits")
    .select(["hits.id", "hits.rank", "hits.sent_at", "hits.window_from"])
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
  return ranked;
}

/**
 * The first page: the newest `window + 1` matches (`window + 1` to tell whether there are more), the boundary
 * (the instant of the `window`-th, when there are more), and the window ranked: those of the newest sent after
 * that instant, with every match sent in it, however many. Each match of the window is read once.
 *
 * `since` (a guess of where the window starts) leaves older matches out: RUM then reads the newer ones only (its
 * scan grows with every match it orders, not with the limit: bench/README.md, "Inbox"). Of the matches since
 * then, the newest `window + 1` are the newest of all; when there are not that many the page finds no boundary,
 * and the caller must ask again without the guess.
 */
function rankedInWindow(
  matches: () => VisibleMessages,
  rank: (vector: string) => RawBuilder<number>,
  limit: number,
  window: number,
  indexOrdersByDate: boolean,
  since: Date | null,
) {
  const columns = ["messages.id", "messages.sent_at", "messages.search_vector"] as const;
  const newest = (since ? matches().where("messages.sent_at", ">=", since) : matches())
    .select(columns)
    .orderBy(
      indexOrdersByDate
        ? sql`messages.sent_at <=| ${afterEverything}::timestamptz`
        : sql`messages.sent_at desc`,
    )
    .limit(window + 1);
  const atBoundary = matches()
    .select(columns)
    .where(sql<boolean>`messages.sent_at = (select sent_at from boundary)`);
  return sql<RankedHit>`
    with newest as (${newest}),
    boundary as (
      select min(sent_at) as sent_at from (select sent_at from newest order by sent_at desc limit ${window}) top
      where (select count(*) from newest) > ${window}
    ),
    hits as (
      select id, sent_at, search_vector from newest
      where sent_at > coalesce((select sent_at from boundary), '-infinity'::timestamptz)
      union all ${atBoundary}
    )
    select id, sent_at, ${rank("hits.search_vector")} as rank, (select sent_at from boundary) as window_from from hits
    order by rank desc, sent_at desc, id desc
    limit ${limit + 1}`;
}
