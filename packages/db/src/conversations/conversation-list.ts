import {
  type ConversationCounts,
  type ConversationFilter,
  type ConversationScope,
  type ConversationSort,
  type InboxConversation,
  type Page,
  pageSize,
  type SortedPageRequest,
} from "@crm/domain";
import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { hasUnreadMessage, isUnreadMessage } from "../realtime/unread-rule";
import { decodeCursor, filteredList } from "../shared/cursor";
import { decodeKeyset, encodeKeyset, isTimestampValue, isUuidValue } from "../shared/keyset";
import { afterUpdated, toUpdatedPage, updatedList, updatedRangeConditions } from "../shared/updated-order";
import { conversationColumns, summaryColumns, toConversationView } from "./rows";

/** The name the inbox order's cursors carry. */
export const inboxList = "conversations.activity";

/** Where the previous page ended; `at` is null among conversations that have no message yet (listed last). */
interface InboxPosition {
  at: string | null;
  id: string;
}

const readPosition = (value: Record<string, unknown>): InboxPosition | undefined =>
  (value.at === null || isTimestampValue(value.at)) && isUuidValue(value.id)
    ? { at: value.at, id: value.id }
    : undefined;

export function conversationViews(db: Kysely<Database>) {
  return db
    .selectFrom("conversations")
    .leftJoin("contacts", "contacts.id", "conversations.contact_id")
    .leftJoin("users", "users.id", "conversations.assigned_to")
    .select([...conversationColumns, ...summaryColumns]);
}

type ConversationsEb = ExpressionBuilder<Database, "conversations">;

/** The visibility rule in SQL (see `canSee`), for every list of conversations; none for "all". */
export function scopeConditions(eb: ConversationsEb, scope: ConversationScope) {
  if (scope.kind === "all") return [];
  return [
    scope.userId === null
      ? eb("conversations.assigned_to", "is", null)
      : eb.or([
          eb("conversations.assigned_to", "=", scope.userId),
          eb("conversations.assigned_to", "is", null),
        ]),
  ];
}

/**
 * The reader's unread messages in the row's conversation, by the rule the realtime read state counts with,
 * on the messages index of the conversation.
 */
function unreadOf(eb: ConversationsEb, readerId: string) {
  return eb
    .selectFrom("messages as m")
    .leftJoin("conversation_reads as r", (join) =>
      join
        .onRef("r.conversation_id", "=", "m.conversation_id")
        .onRef("r.organization_id", "=", "m.organization_id")
        .on("r.user_id", "=", readerId),
    )
    .whereRef("m.organization_id", "=", "conversations.organization_id")
    .whereRef("m.conversation_id", "=", "conversations.id")
    .where(isUnreadMessage)
    .select((s) => s.fn.countAll<string>().as("n"))
    .as("unread");
}

/**
 * The list's conditions. `unread` means what the reader's badge shows (their own reads); without a reader (an
 * API key, which has no read state) it means the team's `unread_count`.
 */
export function inboxConditions(
  eb: ConversationsEb,
  scope: ConversationScope,
  filter: ConversationFilter,
  readerId?: string,
) {
  const conditions = scopeConditions(eb, scope);
  if (filter.status) conditions.push(eb("conversations.status", "=", filter.status));
  if (filter.channel) conditions.push(eb("conversations.channel", "=", filter.channel));
  if (filter.contactId) conditions.push(eb("conversations.contact_id", "=", filter.contactId));
  if (filter.unread !== undefined && readerId) {
    const unread = eb.and([hasUnreadMessage(readerId)]);
    conditions.push(filter.unread ? unread : eb.not(unread));
  } else if (filter.unread !== undefined) {
    conditions.push(eb("conversations.unread_count", filter.unread ? ">" : "=", 0));
  }
  if (filter.assignee === "unassigned") conditions.push(eb("conversations.assigned_to", "is", null));
  else if (filter.assignee) conditions.push(eb("conversations.assigned_to", "=", filter.assignee.userId));
  return conditions;
}

type InboxRow = Parameters<typeof toConversationView>[0] & { unread: unknown; last_message_failed: unknown };

/**
 * Whether the row's newest message (notes aside) is one the channel refused, on the messages index by sent time:
 * the inbox marks it, as the thread does.
 */
const lastMessageFailed = () =>
  sql<boolean | null>`(
    select m.status = 'failed' from messages m
    where m.organization_id = conversations.organization_id and m.conversation_id = conversations.id
      and not m.is_private
    order by m.sent_at desc, m.id desc
    limit 1
  )`.as("last_message_failed");

/**
 * The inbox, newest activity first: conversations with messages by (last_message_at, id) descending, then
 * those without any by id. Two keyset range scans of idx_conversations_inbox, so a deep page costs what
 * the first one does (an OR across the null boundary would make Postgres filter from the top instead).
 */
export async function listInbox(
  db: Kysely<Database>,
  organizationId: string,
  scope: ConversationScope,
  filter: ConversationFilter,
  page: SortedPageRequest<ConversationSort>,
  readerId?: string,
): Promise<Page<InboxConversation>> {
  const limit = pageSize(page.limit);
  // every filter decides the rows (the scope is the reader's own, and "me" is their id here already)
  const list = filteredList(page.sort === "updatedAt" ? "conversations" : inboxList, { ...filter });
  const base = conversationViews(db)
    .select((eb) => (readerId ? unreadOf(eb, readerId) : sql<string | null>`null`.as("unread")))
    .select(lastMessageFailed)
    .where("conversations.organization_id", "=", organizationId)
    .where((eb) => eb.and(inboxConditions(eb, scope, filter, readerId)))
    .where((eb) => eb.and(updatedRangeConditions("conversations", filter)));
  // the count arrives as text (bigint); null without a reader
  const toItem = (row: InboxRow): InboxConversation => {
    const item = { ...toConversationView(row), lastMessageFailed: row.last_message_failed === true };
    return readerId ? { ...item, unread: Number(row.unread) } : item;
  };

  if (page.sort === "updatedAt") {
    const since = decodeCursor(page.cursor, updatedList(list));
    const query = (since ? base.where(afterUpdated("conversations", since)) : base)
      .orderBy("conversations.updated_at", "asc")
      .orderBy("conversations.id", "asc")
      .limit(limit + 1);
    return toUpdatedPage(await query.execute(), limit, toItem, list);
  }

  const after = decodeKeyset(page.cursor, readPosition, list);
  let rows: InboxRow[] = [];
  if (after?.at !== null) {
    let active = base
      .where("conversations.last_message_at", "is not", null)
      .orderBy("conversations.last_message_at", (ob) => ob.desc().nullsLast())
      .orderBy("conversations.id", "desc")
      .limit(limit + 1);
    if (after?.at) {
      const at = new Date(after.at);
      active = active.where((eb) =>
        eb(eb.refTuple("conversations.last_message_at", "conversations.id"), "<", eb.tuple(at, after.id)),
      );
    }
    rows = await active.execute();
  }
  if (rows.length <= limit) {
    let quiet = base
      .where("conversations.last_message_at", "is", null)
      .orderBy("conversations.id", "desc")
      .limit(limit + 1 - rows.length);
    if (after?.at === null) quiet = quiet.where("conversations.id", "<", after.id);
    rows = rows.concat(await quiet.execute());
  }

  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      hasMore && last
        ? encodeKeyset({ at: last.lastMessageAt?.toISOString() ?? null, id: last.id }, list)
        : null,
  };
}

/** The statuses whose unread conversations call for the user: waiting for an answer, not closed or snoozed. */
const awaitingStatuses = ["open", "pending"] as const;

/**
 * The inbox's assignee filters counted in one statement (one pass over the scope's rows, through
 * idx_conversations_open for open ones): the reader's own, the unassigned, and all the scope may see; and
 * `unread`, those of them open or pending with a message the reader has not read (their own reads, by the rule
 * of the list's `unread`), or without a reader (an API key, which reads nothing) with the team's `unread_count`.
 */
export async function countInbox(
  db: Kysely<Database>,
  organizationId: string,
  scope: ConversationScope,
  filter: Pick<ConversationFilter, "status" | "channel">,
  readerId?: string,
): Promise<ConversationCounts> {
  const row = await db
    .selectFrom("conversations")
    .where("conversations.organization_id", "=", organizationId)
    .where((eb) => eb.and(inboxConditions(eb, scope, filter)))
    .select((eb) => [
      (readerId
        ? eb.fn.countAll<string>().filterWhere("conversations.assigned_to", "=", readerId)
        : sql<string>`0`
      ).as("mine"),
      eb.fn.countAll<string>().filterWhere("conversations.assigned_to", "is", null).as("unassigned"),
      eb.fn.countAll<string>().as("all"),
      eb.fn
        .countAll<string>()
        .filterWhere((fw) =>
          fw.and([
            fw("conversations.status", "in", awaitingStatuses),
            readerId ? fw.and([hasUnreadMessage(readerId)]) : fw("conversations.unread_count", ">", 0),
          ]),
        )
        .as("unread"),
    ])
    .executeTakeFirstOrThrow();
  return {
    mine: Number(row.mine),
    unassigned: Number(row.unassigned),
    all: Number(row.all),
    unread: Number(row.unread),
  };
}
