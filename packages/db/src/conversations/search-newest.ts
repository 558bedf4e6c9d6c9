import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeKeyset, encodeKeyset, isTimestampValue, isUuidValue } from "./keyset";
import type { VisibleMatches } from "./message-search";

export interface SearchHit {
  id: string;
  sent_at: Date;
}

export interface FoundHits {
  hits: SearchHit[];
  nextCursor: string | null;
}

interface TimePosition {
  at: string;
  id: string;
}

const readPosition = (value: Record<string, unknown>): TimePosition | undefined =>
  value.rank === undefined && isTimestampValue(value.at) && isUuidValue(value.id)
    ? { at: value.at, id: value.id }
    : undefined;

// RUM orders by distance to a point in time; one past any sent_at gives newest first
const afterEverything = "9999-12-31T00:00:00Z";

/**
 * Newest first (sent_at desc, id desc). A RUM index hands the matches over in date order, so a page reads
 * its own rows only, however many messages match; with GIN every match is read and sorted.
 */
export async function newestHits(
  db: Kysely<Database>,
  matches: () => VisibleMatches,
  cursor: string | undefined,
  limit: number,
  { indexOrdersByDate }: { indexOrdersByDate: boolean },
): Promise<FoundHits> {
  const after = decodeKeyset(cursor, readPosition);
  const afterCursor = () => {
    const query = matches().select(["messages.id", "messages.sent_at"]);
    if (!after) return query;
    const at = new Date(after.at);
    // the first condition is one the index can answer; the second settles messages sent in the same instant
    return query
      .where("messages.sent_at", "<=", at)
      .where((eb) => eb.or([eb("messages.sent_at", "<", at), eb("messages.id", "<", after.id)]));
  };

  let rows: SearchHit[];
  if (indexOrdersByDate) {
    /*
     * RUM orders by sent_at alone, so messages sent in the same instant as the page's oldest could be cut
     * anywhere among themselves: that instant is read whole, and the page ordered by (sent_at, id) here.
     */
    const newest = afterCursor()
      .orderBy(sql`messages.sent_at <=| ${afterEverything}::timestamptz`)
      .limit(limit + 1);
    const atOldestInstant = afterCursor().where(
      sql<boolean>`messages.sent_at = (select min(sent_at) from newest)`,
    );
    ({ rows } = await sql<SearchHit>`
      with newest as (${newest})
      select id, sent_at from newest where sent_at > (select min(sent_at) from newest)
      union all ${atOldestInstant}
      order by sent_at desc, id desc
      limit ${limit + 1}`.execute(db));
  } else {
    rows = await afterCursor()
      .orderBy("messages.sent_at", "desc")
      .orderBy("messages.id", "desc")
      .limit(limit + 1)
      .execute();
  }
  const hits = rows.slice(0, limit);
  const last = hits.at(-1);
  return {
    hits,
    nextCursor:
      rows.length > limit && last ? encodeKeyset({ at: last.sent_at.toISOString(), id: last.id }) : null,
  };
}
