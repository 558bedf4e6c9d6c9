import type { Actor } from "../auth/model";
import { visibleOrNotFound } from "../conversations/visibility";
import { DomainError } from "../shared/errors";
import type { DomainEvent } from "../shared/events";
import { parseId } from "../shared/ids";
import type { ConversationReadRepository } from "./ports";

/** A typing indicator the client shows until `expiresAt` unless renewed or stopped. */
export const typingTtlMs = 5_000;

export interface UserTypingPayload {
  conversationId: string;
  userId: string;
  isTyping: boolean;
  expiresAt: string | null;
}

/** Only a signed-in user who may see the conversation can be typing in it. */
export async function typingConversation(
  reads: ConversationReadRepository,
  actor: Actor,
  conversationId: string,
): Promise<{ conversationId: string; userId: string }> {
  if (actor.kind !== "user") throw new DomainError("FORBIDDEN", "Only a signed-in user types");
  const id = parseId(conversationId, "conversationId");
  const access = await reads.findAccess(actor.organizationId, [id]);
  visibleOrNotFound(actor, access.get(id));
  return { conversationId: id, userId: actor.userId };
}

export function userTypingEvent(
  organizationId: string,
  target: { conversationId: string; userId: string },
  isTyping: boolean,
  now: Date,
): DomainEvent<"user_typing", UserTypingPayload> {
  return {
    type: "user_typing",
    organizationId,
    payload: {
      ...target,
      isTyping,
      expiresAt: isTyping ? new Date(now.getTime() + typingTtlMs).toISOString() : null,
    },
    occurredAt: now.toISOString(),
  };
}
