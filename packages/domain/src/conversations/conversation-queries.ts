import type { Actor } from "../auth/model";
import type { Channel } from "../integrations/channel";
import { validationFailed } from "../shared/errors";
import { isUuid, parseId } from "../shared/ids";
import type { Page, PageRequest } from "../shared/pagination";
import { checkUpdatedRange, type UpdatedRange } from "../shared/sync";
import type { ConversationStatus, ConversationView, InboxConversation } from "./model";
import type { ConversationCounts, ConversationFilter, ConversationSort, ConversationsDeps } from "./ports";
import { conversationScope, visibleOrNotFound } from "./visibility";

export interface ConversationListQuery extends PageRequest, UpdatedRange {
  sort?: ConversationSort | undefined;
  status?: ConversationStatus | undefined;
  /** "me", "unassigned" or a user id */
  assignee?: string | undefined;
  channel?: Channel | undefined;
  contactId?: string | undefined;
  unread?: boolean | undefined;
}

/**
 * The inbox: newest activity first (or in `sort`'s order); agents only get theirs and the unassigned ones. A signed-in user also gets
 * their own unread count per row; an API key has no read state.
 */
export async function listConversations(
  deps: ConversationsDeps,
  actor: Actor,
  query: ConversationListQuery,
): Promise<Page<InboxConversation>> {
  const { cursor, limit, sort, ...filter } = query;
  return deps.store.conversations.list(
    actor.organizationId,
    conversationScope(actor),
    parseConversationFilter(actor, filter),
    { cursor, limit, sort },
    actor.kind === "user" ? actor.userId : undefined,
  );
}

/** The sizes of the inbox's assignee filters (mine, unassigned, all the actor may see) for a status and channel. */
export async function countConversations(
  deps: ConversationsDeps,
  actor: Actor,
  query: Pick<ConversationListQuery, "status" | "channel">,
): Promise<ConversationCounts> {
  return deps.store.conversations.counts(
    actor.organizationId,
    conversationScope(actor),
    { status: query.status, channel: query.channel },
    actor.kind === "user" ? actor.userId : undefined,
  );
}

export async function getConversation(
  deps: ConversationsDeps,
  actor: Actor,
  id: string,
): Promise<ConversationView> {
  return visibleOrNotFound(actor, await deps.store.conversations.findView(actor.organizationId, id));
}

function parseConversationFilter(
  actor: Actor,
  filter: Omit<ConversationListQuery, "cursor" | "limit" | "sort">,
): ConversationFilter {
  return {
    ...checkUpdatedRange(filter),
    status: filter.status,
    channel: filter.channel,
    unread: filter.unread,
    contactId: filter.contactId === undefined ? undefined : parseId(filter.contactId, "contactId"),
    assignee: parseAssignee(actor, filter.assignee),
  };
}

function parseAssignee(actor: Actor, assignee: string | undefined): ConversationFilter["assignee"] {
  if (assignee === undefined || assignee === "unassigned") return assignee;
  if (assignee === "me") {
    if (actor.kind !== "user") {
      throw validationFailed("assignee", '"me" means a signed-in user; an API key is nobody');
    }
    return { userId: actor.userId };
  }
  if (!isUuid(assignee)) throw validationFailed("assignee", "assignee must be me, unassigned or a user id");
  return { userId: parseId(assignee, "assignee") };
}
