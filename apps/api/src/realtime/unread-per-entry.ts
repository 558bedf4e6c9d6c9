import type { Deliverable, ServerEvent } from "./hub";
import { shareFrames } from "./shared-frames";

/** The events that carry the receiving user's unread count in their conversation. */
export type WithUnread = Extract<ServerEvent, { type: "conversation_updated" | "new_message" }>;

/**
 * Whether the event tells a user their unread count: a conversation's update (unless it was deleted), and an
 * inbound message, the one kind that changes the count.
 */
export function carriesUnread(event: ServerEvent): event is WithUnread {
  if (event.type === "conversation_updated") return !event.payload.deleted;
  return event.type === "new_message" && event.payload.direction === "inbound";
}

/** Per entry, its event with each unread count sent so far: one object (and frame) per count. */
const withUnreadOf = new WeakMap<Deliverable, Map<number, WithUnread>>();

export function withUnread<T extends WithUnread>(entry: Deliverable, event: T, unread: number): T {
  let byCount = withUnreadOf.get(entry);
  if (!byCount) {
    byCount = new Map();
    withUnreadOf.set(entry, byCount);
  }
  let shared = byCount.get(unread);
  if (!shared) {
    shared = shareFrames({ ...event, payload: { ...event.payload, unread } } as T);
    byCount.set(unread, shared);
  }
  return shared as T;
}

/**
 * A user's unread count being asked for; `value` is set once it is known, so the connections that get to the
 * entry after the answer take it without waiting for a promise.
 */
export interface UnreadAsked {
  promise: Promise<number>;
  value: number | undefined;
}

export function unreadAsked(promise: Promise<number>): UnreadAsked {
  const asked: UnreadAsked = { promise, value: undefined };
  promise.then(
    (value) => {
      asked.value = value;
    },
    () => undefined,
  );
  return asked;
}

/** Per entry, the unread count asked for each user: the user's other connections share it. */
export const unreadAskedOf = new WeakMap<Deliverable, Map<string, UnreadAsked>>();
