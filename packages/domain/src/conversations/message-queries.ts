import type { Actor } from "../auth/model";
import { notFound, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { Page, PageRequest } from "../shared/pagination";
import type { Conversation, Message, MessageSearchHit, MessageSearchOrder } from "./model";
import type { ConversationsDeps, ConversationsRepos } from "./ports";
import { canSee, conversationScope, visibleOrNotFound } from "./visibility";

export const maxSearchQueryLength = 200;

/** A conversation's messages, newest first: the thread opens at its end and pages back in time. */
export async function listMessages(
  deps: ConversationsDeps,
  actor: Actor,
  conversationId: string,
  page: PageRequest,
): Promise<Page<Message>> {
  const conversation = await deps.store.conversations.findById(actor.organizationId, conversationId);
  visibleOrNotFound(actor, conversation);
  return deps.store.messages.listInConversation(actor.organizationId, conversationId, page);
}

export async function getMessage(deps: ConversationsDeps, actor: Actor, id: string): Promise<Message> {
  return (await visibleMessage(deps.store, actor, id)).message;
}

/** A message whose conversation the actor may see; anything else is 404. */
export async function visibleMessage(
  repos: ConversationsRepos,
  actor: Actor,
  id: string,
  lock?: "update",
): Promise<{ message: Message; conversation: Conversation }> {
  const message = await repos.messages.findById(actor.organizationId, id, lock);
  const conversation =
    message && (await repos.conversations.findById(actor.organizationId, message.conversationId));
  if (!message || !conversation || !canSee(conversationScope(actor), conversation)) throw notFound("Message");
  return { message, conversation };
}

export interface MessageSearchQuery extends PageRequest {
  /** Web-search syntax: words, "a phrase", -excluded, or */
  q: string;
  conversationId?: string | undefined;
  /** Newest first unless asked otherwise */
  sort?: MessageSearchOrder | undefined;
}

/**
 * Full-text search in Portuguese over the messages the actor may see, private notes included, deleted ones
 * never; newest first (what an agent looking for a customer's conversation wants), or most relevant first,
 * each with a highlighted snippet.
 */
export async function searchMessages(
  deps: ConversationsDeps,
  actor: Actor,
  query: MessageSearchQuery,
): Promise<Page<MessageSearchHit>> {
  const q = query.q.trim();
  if (q === "") throw validationFailed("q", "Say what to search for");
  if (q.length > maxSearchQueryLength) {
    throw validationFailed("q", `A search holds at most ${maxSearchQueryLength} characters`);
  }
  let conversationId: string | undefined;
  if (query.conversationId !== undefined) {
    conversationId = parseId(query.conversationId, "conversationId");
    visibleOrNotFound(actor, await deps.store.conversations.findById(actor.organizationId, conversationId));
  }
  return deps.store.messages.search(
    actor.organizationId,
    conversationScope(actor),
    { query: q, conversationId, order: query.sort ?? "recent" },
    { cursor: query.cursor, limit: query.limit },
  );
}
