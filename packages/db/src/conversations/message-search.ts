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
import { decodeKeyset, encodeKeyset, isTimestampValue, isUuidValue } from "./keyset";
import { messageColumns, toMessage } from "./rows";

/*
 * The match must read exactly as idx_messages_content_search's expression, with the configuration as a
 * literal (never a parameter), or Postgres cannot use the GIN index. Ranking reads the same vector stored
 * in search_vector instead of parsing every match again. Migration 0010: the document and the query in
 * both 'portuguese' (inflections seen with accents) and 'portuguese_unaccent' (typed without accents).
 */
const document = sql`(to_tsvector('portuguese', messages.content) || to_tsvector('portuguese_unaccent', messages.content))`;
export const tsquery = (text: string) =>
  sql`(websearch_to_tsquery('portuguese', ${text}) || websearch_to_tsquery('portuguese_unaccent', ${text}))`;

/** The search's match, as idx_messages_content_search can answer it. */
export const matchesQuery = (query: ReturnType<typeof tsquery>) => sql<boolean>`${document} @@ ${query}`;

// private-use characters mark the matches, so the text around them can be HTML-escaped safely
const startMark = "\uE000";
const stopMark = "\uE001";
const headlineOptions = `StartSel="${startMark}", StopSel="${stopMark}", MaxWords=35, MinWords=15`;

interface SearchPosition {
  rank: number;
  at: string;
  id: string;
}

const readPosition = (value: Record<string, unknown>): SearchPosition | undefined =>
  typeof value.rank === "number" && isTimestampValue(value.at) && isUuidValue(value.id)
    ? { rank: value.rank, at: value.at, id: value.id }
    : undefined;

/** Ranked by ts_rank, then newest first; ts_headline runs on the returned page only. */
export async function searchMessages(
  db: Kysely<Database>,
  organizationId: string,
  scope: ConversationScope,
  search: MessageSearch,
  page: PageRequest,
): Promise<Page<MessageSearchHit>> {
  const limit = pageSize(page.limit);
  const after = decodeKeyset(page.cursor, readPosition);
  const query = tsquery(search.query);

  let hits = db
    .with("hits", (qb) => {
      let matches = qb
        .selectFrom("messages")
        .select([
          "messages.id",
          "messages.sent_at",
          sql<number>`ts_rank(messages.search_vector, ${query})`.as("rank"),
        ])
        .where("messages.organization_id", "=", organizationId)
        .where("messages.deleted_at", "is", null)
        .where(matchesQuery(query));
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
      if (search.conversationId)
        matches = matches.where("messages.conversation_id", "=", search.conversationId);
      return matches;
    })
    .selectFrom("hits")
    .select(["hits.id", "hits.rank", "hits.sent_at"])
    .orderBy("hits.rank", "desc")
    .orderBy("hits.sent_at", "desc")
    .orderBy("hits.id", "desc")
    .limit(limit + 1);
  if (after) {
    const at = new Date(after.at);
    hits = hits.where((eb) =>
      eb(eb.refTuple("hits.rank", "hits.sent_at", "hits.id"), "<", eb.tuple(after.rank, at, after.id)),
    );
  }
  const ranked = await hits.execute();
  const pageHits = ranked.slice(0, limit);
  if (pageHits.length === 0) return { items: [], nextCursor: null };

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
      sql<string>`ts_headline('portuguese_unaccent', messages.content, ${query}, ${headlineOptions})`.as(
        "headline",
      ),
    ])
    .where("messages.organization_id", "=", organizationId)
    .where(
      "messages.id",
      "in",
      pageHits.map((hit) => hit.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));

  const items: MessageSearchHit[] = [];
  for (const hit of pageHits) {
    const row = byId.get(hit.id);
    if (!row) continue; // deleted between the two reads
    items.push({
      message: toMessage(row),
      rank: hit.rank,
      snippet: highlightedHtml(row.headline),
      contact:
        row.contact_id && row.contact_name !== null
          ? { id: row.contact_id, name: row.contact_name, phone: row.contact_phone, email: row.contact_email }
          : null,
    });
  }
  const last = pageHits.at(-1);
  return {
    items,
    nextCursor:
      ranked.length > limit && last
        ? encodeKeyset({ rank: last.rank, at: last.sent_at.toISOString(), id: last.id })
        : null,
  };
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
