import {
  type ConversationScope,
  type MessageSearch,
  type MessageSearchHit,
  type Page,
  type PageRequest,
  pageSize,
} from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { messageColumns, toMessage } from "./rows";
import { searchIndexOrdersByDate } from "./search-index";
import { newestHits, newestScanRows, type SearchHit } from "./search-newest";
import { rankedHits } from "./search-ranked";
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

/** Newest first, or by ts_rank then newest first; ts_headline runs on the returned page only. */
export async function searchMessages(
  db: Kysely<Database>,
  organizationId: string,
  scope: ConversationScope,
  search: MessageSearch,
  page: PageRequest,
): Promise<Page<MessageSearchHit>> {
  const limit = pageSize(page.limit);
  const query = tsquery(search.query);
  const matches = () => visibleMatches(db, organizationId, scope, search, query);
  const found =
    search.order === "relevance"
      ? await rankedHits(db, matches, query, page.cursor, limit)
      : await newestHits(db, matches, page.cursor, limit, {
          // within one conversation the conversation's own index narrows the matches better
          indexOrdersByDate: !search.conversationId && (await searchIndexOrdersByDate(db)),
          newest:
            search.conversationId || !newestCanFill(db, search.query, query, limit + 1)
              ? undefined
              : () => visibleMessages(db, organizationId, scope, search),
          query,
        });
  const items = await hydrate(db, organizationId, query, found.hits);
  return { items, nextCursor: found.nextCursor };
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

async function hydrate(
  db: Kysely<Database>,
  organizationId: string,
  query: SearchQuery,
  hits: readonly SearchHit[],
): Promise<MessageSearchHit[]> {
  if (hits.length === 0) return [];
  const rows = await db
    .selectFrom("messages")
    .innerJoin("conversations", "conversations.id", "messages.conversation_id")
    .leftJoin("contacts", "contacts.id", "conversations.contact_id")
    .select(messageColumns)
    .select([
      "contacts.id as contact_id",
      "contacts.name as contact_name",
      "contacts.phone as contact_phone",
      "contacts.email as contact_email",
      sql<number>`ts_rank(messages.search_vector, ${query})`.as("rank"),
      sql<string>`ts_headline('portuguese_unaccent', messages.content, ${query}, ${headlineOptions})`.as(
        "headline",
      ),
    ])
    .where("messages.organization_id", "=", organizationId)
    .where(
      "messages.id",
      "in",
      hits.map((hit) => hit.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));

  const items: MessageSearchHit[] = [];
  for (const hit of hits) {
    const row = byId.get(hit.id);
    if (!row) continue; // deleted between the two reads
    items.push({
      message: toMessage(row),
      rank: row.rank,
      snippet: highlightedHtml(row.headline),
      contact:
        row.contact_id && row.contact_name !== null
          ? { id: row.contact_id, name: row.contact_name, phone: row.contact_phone, email: row.contact_email }
          : null,
    });
  }
  return items;
}

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
