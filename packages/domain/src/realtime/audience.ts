import type { Actor } from "../auth/model";
import { canSee, conversationScope } from "../conversations/visibility";
import type { DomainEvent } from "../shared/events";
import { can, type Permission } from "../shared/permissions";

/** Who may receive an event; decided per connection when the event is delivered, not when it was published. */
export type Audience =
  /** Everyone in the organization whose role has the permission. */
  | { kind: "organization"; permission: Permission }
  /**
   * Those who may see the conversation. `assignedTo` is known when the event itself says who the conversation
   * belongs to now; otherwise the deliverer looks it up. `previousAssignee` is set by a reassignment of an
   * existing conversation: whoever could see it then and cannot now is told it left their view (see
   * `losesAccess`). `exceptUserId` (the typist) does not hear of themself.
   */
  | {
      kind: "conversation";
      conversationId: string;
      assignedTo?: string | null;
      previousAssignee?: string | null;
      exceptUserId?: string;
    }
  /** One user only. */
  | { kind: "user"; userId: string }
  /** The connections of one of the user's sessions, or of all of them (no `sessionId`). */
  | { kind: "session"; userId: string; sessionId?: string };

const conversationEvents = new Set([
  "new_message",
  "message_updated",
  "message_status",
  "conversation_updated",
]);

const organizationEvents: Record<string, Permission> = {
  deal_updated: "deals:read",
  contact_updated: "contacts:read",
  payment_status: "payments:read",
  organization_updated: "organizations:read",
  team_updated: "users:read",
};

/** Events about one user (their notifications, their read state, their membership): theirs alone. */
const userEvents = new Set(["notification", "notifications_read", "conversation_read", "membership_changed"]);

function text(payload: unknown, key: string): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}

function nullableText(payload: unknown, key: string): string | null | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)[key];
  return value === null ? null : typeof value === "string" ? value : undefined;
}

function flag(payload: unknown, key: string): boolean {
  return (
    typeof payload === "object" && payload !== null && (payload as Record<string, unknown>)[key] === true
  );
}

/** The audience of a realtime event, or undefined for events that are not delivered to clients at all. */
export function audienceOf(event: Pick<DomainEvent, "type" | "payload">): Audience | undefined {
  const { type, payload } = event;
  const permission = organizationEvents[type];
  if (permission) return { kind: "organization", permission };
  if (type === "session_ended") {
    const userId = text(payload, "userId");
    const sessionId = text(payload, "sessionId");
    if (!userId) return undefined;
    return sessionId ? { kind: "session", userId, sessionId } : { kind: "session", userId };
  }
  if (userEvents.has(type)) {
    const userId = text(payload, "userId");
    return userId ? { kind: "user", userId } : undefined;
  }
  const conversationId = text(payload, "conversationId");
  if (!conversationId) return undefined;
  if (type === "conversation_assigned") {
    const assignedTo = nullableText(payload, "assignedTo") ?? null;
    // a conversation started with an assignee was nobody's to lose
    if (flag(payload, "created")) return { kind: "conversation", conversationId, assignedTo };
    const previousAssignee = nullableText(payload, "previousAssignee") ?? null;
    return { kind: "conversation", conversationId, assignedTo, previousAssignee };
  }
  if (type === "conversation_updated" || type === "new_message") {
    const assignedTo = nullableText(payload, "assignedTo");
    return assignedTo === undefined
      ? { kind: "conversation", conversationId }
      : { kind: "conversation", conversationId, assignedTo };
  }
  if (type === "user_typing") {
    const exceptUserId = text(payload, "userId");
    return exceptUserId
      ? { kind: "conversation", conversationId, exceptUserId }
      : { kind: "conversation", conversationId };
  }
  return conversationEvents.has(type) ? { kind: "conversation", conversationId } : undefined;
}

/** The audience judged by the conversation's assignee at delivery, not the one the event carries. */
export function withoutCarriedAssignee(audience: Audience): Audience {
  if (audience.kind !== "conversation" || audience.assignedTo === undefined) return audience;
  const { assignedTo: _carried, ...rest } = audience;
  return rest;
}

/** Whether a conversation audience needs the conversation's current assignee looked up. */
export const needsAssignee = (audience: Audience): audience is Extract<Audience, { kind: "conversation" }> =>
  audience.kind === "conversation" && audience.assignedTo === undefined;

/**
 * The decision at delivery time. `assignedTo` is the conversation's assignee as looked up now (undefined when
 * the conversation no longer exists or was not looked up); the event's own organization is checked by the caller.
 */
export function mayReceive(actor: Actor, audience: Audience, assignedTo?: string | null): boolean {
  const userId = actor.kind === "user" ? actor.userId : null;
  switch (audience.kind) {
    case "organization":
      return can(actor.role, audience.permission);
    case "user":
      return userId === audience.userId;
    case "session":
      return (
        actor.kind === "user" &&
        actor.userId === audience.userId &&
        (audience.sessionId === undefined || actor.sessionId === audience.sessionId)
      );
    case "conversation": {
      if (!can(actor.role, "conversations:read")) return false;
      if (audience.exceptUserId !== undefined && audience.exceptUserId === userId) return false;
      const assignee = audience.assignedTo !== undefined ? audience.assignedTo : assignedTo;
      const scope = conversationScope(actor);
      if (scope.kind === "all") return true;
      return assignee !== undefined && canSee(scope, { assignedTo: assignee });
    }
  }
}

/**
 * Whether a reassignment took the conversation out of the actor's view: they could see it with its previous
 * assignee and may not with `assignedTo` (as for `mayReceive`). They are told so, with nothing of its content,
 * instead of receiving the event. Decided from the event alone (and the lookup), so every replica agrees.
 */
export function losesAccess(actor: Actor, audience: Audience, assignedTo?: string | null): boolean {
  if (audience.kind !== "conversation" || audience.previousAssignee === undefined) return false;
  if (!can(actor.role, "conversations:read")) return false;
  const scope = conversationScope(actor);
  if (!canSee(scope, { assignedTo: audience.previousAssignee })) return false;
  const assignee = audience.assignedTo !== undefined ? audience.assignedTo : assignedTo;
  return assignee === undefined || !canSee(scope, { assignedTo: assignee });
}
