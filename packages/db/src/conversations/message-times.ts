import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { readInBackground } from "../shared/read-in-background";

/** What ANALYZE knows of when the messages were sent, and whose they are. */
export interface MessageTimes {
  /** How many rows the table holds (pg_class.reltuples). */
  rows: number;
  /** sent_at's histogram bounds in epoch milliseconds, oldest first: each bucket holds about as many rows. */
  sentAtBounds: number[];
  /** The organizations with the most messages, each with its share of the table's rows. */
  organizationShares: ReadonlyMap<string, number>;
}

/** The statistics of `messages` (pg_stats, pg_class); null before the table was analyzed with a histogram of sent_at. */
export async function readMessageTimes(db: Kysely<Database>): Promise<MessageTimes | null> {
  const { rows } = await sql<{
    rows: number;
    bounds: number[] | null;
    organizations: string[] | null;
    shares: number[] | null;
  }>`
    with stats as (
      select * from pg_stats where schemaname = current_schema() and tablename = 'messages'
    )
    select
      (select reltuples from pg_class where oid = to_regclass(quote_ident(current_schema()) || '.messages'))::float8
        as rows,
      (select array(select extract(epoch from bound) * 1000 from unnest(histogram_bounds::text::timestamptz[]) bound)
        from stats where attname = 'sent_at')::float8[] as bounds,
      (select most_common_vals::text::text[] from stats where attname = 'organization_id') as organizations,
      (select most_common_freqs from stats where attname = 'organization_id')::float8[] as shares`.execute(
    db,
  );
  const row = rows[0];
  // no histogram: too few messages sent at distinct instants to have one
  if (!row?.bounds || row.bounds.length < 2 || !row.organizations || !row.shares || !(row.rows > 0))
    return null;
  const shares = row.shares;
  return {
    rows: row.rows,
    sentAtBounds: row.bounds.map(Number),
    organizationShares: new Map(row.organizations.map((id, index) => [id, Number(shares[index])])),
  };
}

const remembered = readInBackground<MessageTimes | null>({ ttlMs: 10 * 60_000, capacity: 1 });

/** `readMessageTimes` as this process last read it (undefined while never read; read in the background). */
export const knownMessageTimes = (db: Kysely<Database>, now = Date.now()): MessageTimes | null | undefined =>
  remembered(db, "messages", () => readMessageTimes(db), now);

/** How many times the matches a window needs the guess aims to take in: the statistics are estimates. */
export const guessMargin = 1.5;

/**
 * An instant after which an organization probably sent `window` matches of a word held by `wordShare` of the
 * messages, with a margin, by the statistics: the sent_at histogram cut where the organization's newest
 * `window * margin / wordShare` messages would begin, taking its messages to be spread over time as the
 * table's are. Null when the statistics cannot tell (an organization too small to be among the most common,
 * a word too rare to fill the window among its messages). A guess only: whoever uses it must check it.
 */
export function guessWindowStart(
  times: MessageTimes,
  organizationId: string,
  wordShare: number,
  window: number,
): Date | null {
  const organizationShare = times.organizationShares.get(organizationId);
  const buckets = times.sentAtBounds.length - 1;
  if (!organizationShare || !(wordShare > 0) || buckets < 1) return null;
  const reach = (window * guessMargin) / wordShare / (times.rows * organizationShare);
  if (reach >= 1) return null;
  const bound = times.sentAtBounds[Math.floor(buckets * (1 - reach))];
  return bound === undefined ? null : new Date(bound);
}
