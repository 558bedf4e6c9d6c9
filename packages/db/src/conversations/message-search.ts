import {
  type ConversationScope,
  type MessageSearch,
  type MessageSearchHit,
  type MessageSearchOrder,
  type Page,
  type PageRequest,
  pageSize,
} from "@crm/domain";
import { type Expression, type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { guessWindowStart, knownMessageTimes } from "./message-times";
import { messageColumns, toMessage } from "./rows";
import { searchIndexOrdersByDate } from "./search-index";
import { newestHits, newestScanRows, type SearchHit } from "./search-newest";
import { rankedHits, rankedWindow } from "./search-ranked";
import { knownWordShare } from "./word-shares";

/*
 * Both configurations of migration 0010, as literals (never parameters), matched against the stored
 * search_vector, which idx_messages_content_search indexes (migration 0013).
 */
export const tsquery = (text: string) =>
  sql`(websearch_to_tsquery('portuguese', ${text}) || websearch_to_tsquery('portuguese_unaccent', ${text}))`;

export type SearchQuery = ReturnType<typeof tsquery>;

/** The search's match, as idx_messages_content_search can answer it. */
export const matchesQuery = (query: SearchQuery) => sql<boolean>`messages.search_vector @@ ${query}`;

// private-use characters mark the matches, so the text around them can be HTML-escaped safely
const startMark = "\uE000";
const stopMark = "\uE001";
const headlineOptions = `StartSel="${startMark}", StopSel="${stopMark}", MaxWords=35, MinWords=15`;

/**
 * The content with those characters made spaces, so a message holding one cannot forge or unbalance a mark;
 * spaces, not nothing, as the parser splits words there too and the words stay the ones the search matched.
 */
const unmarkedContent = sql<string>`translate(messages.content, ${startMark + stopMark}, '  ')`;

/** The messages of the organization the scope may see, not deleted (in the conversation searched, if one is). */
export function visibleMessages(
  db: Kysely<Database>,
  organizationId: string,
  scope: ConversationScope,
  search: MessageSearch,
) {
  let matches = db
    .selectFrom("messages")
    .where("messages.organization_id", "=", organizationId)
    .where("messages.deleted_at", "is", null);
  if (scope.kind === "assignedOrUnassigned") {
    // a semi-join: Postgres probes the conversation of each match rather than reading them all
    const userId = scope.userId;
    matches = matches.where((eb) =>
      eb.exists(
        eb
          .selectFrom("conversations")
          .select(eb.lit(1).as("visible"))
          .whereRef("conversations.id", "=", "messages.conversation_id")
          .where((inner) =>
            userId === null
              ? inner("conversations.assigned_to", "is", null)
              : inner.or([
                  inner("conversations.assigned_to", "=", userId),
                  inner("conversations.assigned_to", "is", null),
                ]),
          ),
      ),
    );
  }
  if (search.conversationId) matches = matches.where("messages.conversation_id", "=", search.conversationId);
  return matches;
}

export type VisibleMessages = ReturnType<typeof visibleMessages>;

/** Those of `visibleMessages` that match the query. */
export const visibleMatches = (
  db: Kysely<Database>,
  organizationId: string,
  scope: ConversationScope,
  search: MessageSearch,
  query: SearchQuery,
): VisibleMessages => visibleMessages(db, organizationId, scope, search).where(matchesQuery(query));

/**
 * Newest first, or by ts_rank then newest first (among the newest `rankedWindow` matches, unless the search is
 * inside one conversation). The statement that finds the page's hits also reads what the
 * page shows of them (ts_headline on those rows only): one round trip for most pages.
 */
export async function searchMessages(
  db: Kysely<Database>,
  organizationId: string,
  scope: ConversationScope,
  search: MessageSearch,
  page: PageRequest,
  /** `rankedWindow`: how many of the newest matches `sort=relevance` ranks (`search-ranked.ts`); for tests. */
  options: { rankedWindow?: number } = {},
): Promise<Page<MessageSearchHit>> {
  const limit = pageSize(page.limit);
  const query = tsquery(search.query);
  const matches = () => visibleMatches(db, organizationId, scope, search, query);
  const read = (hits: Expression<SearchHit>) => readShown(db, organizationId, query, hits, search.order);
  // a cursor is a position among one search's matches: another text or conversation has others
  const filters = { query: search.query, conversationId: search.conversationId };
  // within one conversation every match is ranked: its messages are few, and the conversation's index finds them
  const window = search.conversationId ? null : (options.rankedWindow ?? rankedWindow);
  // only the first page of a window looks for its boundary
  const windowByDate = window !== null && !page.cursor && (await searchIndexOrdersByDate(db));
  const found =
    search.order === "relevance"
      ? await rankedHits(db, matches, query, page.cursor, limit, read, {
          window,
          indexOrdersByDate: windowByDate,
          startGuess:
            windowByDate && window !== null
              ? windowStartByStatistics(db, organizationId, scope, search.query, query, window)
              : null,
          filters,
        })
      : await newestHits(db, matches, page.cursor, limit, {
          // within one conversation the conversation's own index narrows the matches better
          indexOrdersByDate: !search.conversationId && (await searchIndexOrdersByDate(db)),
          newest:
            search.conversationId || !newestCanFill(db, search.query, query, limit + 1)
              ? undefined
              : () => visibleMessages(db, organizationId, scope, search),
          query,
          read,
          filters,
        });
  return { items: found.hits.map(toSearchHit), nextCursor: found.nextCursor };
}

/**
 * Whether the newest messages are worth reading first: unless the column's statistics say the search's words
 * are too rare to fill the page among them (a word in 1 message in 1,000 is in 5 of the newest 5,000), when the
 * index answers at once. Unknown statistics: read them first, as they bound the cost of the most common words.
 */
function newestCanFill(db: Kysely<Database>, text: string, query: SearchQuery, needed: number): boolean {
  const share = knownWordShare(db, text, query);
  return share === undefined || share === null || share * newestScanRows >= needed;
}

/**
 * Where the window of a one-word search across every conversation probably starts (`guessWindowStart`), from
 * statistics this process keeps: null while they are unknown, for several words (which meet in fewer messages
 * than the commonest of them, so the guess would be late) and for a scope narrower than the organization.
 */
function windowStartByStatistics(
  db: Kysely<Database>,
  organizationId: string,
  scope: ConversationScope,
  text: string,
  query: SearchQuery,
  window: number,
): Date | null {
  if (scope.kind !== "all" || !/^[\p{L}\p{N}]+$/u.test(text.trim())) return null;
  const share = knownWordShare(db, text, query);
  const times = knownMessageTimes(db);
  return share && times ? guessWindowStart(times, organizationId, share, window) : null;
}

/** The found hits (a statement answering `id, sent_at`, in page order) with what the page shows of each. */
function readShown(
  db: Kysely<Database>,
  organizationId: string,
  query: SearchQuery,
  hits: Expression<SearchHit>,
  order: MessageSearchOrder,
) {
  const shown = db
    .selectFrom(sql<SearchHit>`(${hits})`.as("found"))
    .innerJoin("messages", "messages.id", "found.id")
    .innerJoin("conversations", "conversations.id", "messages.conversation_id")
    .leftJoin("contacts", "contacts.id", "conversations.contact_id")
    .select(messageColumns)
    .select([
      "contacts.id as contact_id",
      "contacts.name as contact_name",
      "contacts.phone as contact_phone",
      "contacts.email as contact_email",
      sql<number>`ts_rank(messages.search_vector, ${query})`.as("rank"),
      sql<string>`ts_headline('portuguese_unaccent', ${unmarkedContent}, ${query}, ${headlineOptions})`.as(
        "headline",
      ),
      // the ranked window's boundary, which the next page's cursor carries (`search-ranked.ts`)
      (order === "relevance" ? sql<Date | null>`found.window_from` : sql<Date | null>`null::timestamptz`).as(
        "window_from",
      ),
    ])
    .where("messages.organization_id", "=", organizationId);
  // the order the hits were found in: the same rank, computed again on the same vector
  return (order === "relevance" ? shown.orderBy("rank", "desc") : shown)
    .orderBy("messages.sent_at", "desc")
    .orderBy("messages.id", "desc")
    .execute();
}

type ShownRow = Awaited<ReturnType<typeof readShown>>[number];

const toSearchHit = (row: ShownRow): MessageSearchHit => ({
  message: toMessage(row),
  rank: row.rank,
  snippet: highlightedHtml(row.headline),
  contact:
    row.contact_id && row.contact_name !== null
      ? { id: row.contact_id, name: row.contact_name, phone: row.contact_phone, email: row.contact_email }
      : null,
});

const htmlEscapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** The headline as safe HTML: the message's text escaped, the matches in <b>. */
export function highlightedHtml(headline: string): string {
  return headline
    .replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char)
    .replaceAll(startMark, "<b>")
    .replaceAll(stopMark, "</b>");
}
