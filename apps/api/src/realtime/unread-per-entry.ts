import type { Deliverable, ServerEvent } from "./hub";
import { shareFrames } from "./shared-frames";

type ConversationUpdated = Extract<ServerEvent, { type: "conversation_updated" }>;

/** Per entry, its `conversation_updated` with each unread count sent so far: one object (and frame) per count. */
const withUnreadOf = new WeakMap<Deliverable, Map<number, ConversationUpdated>>();

export function withUnread(
  entry: Deliverable,
  event: ConversationUpdated,
  unread: number,
): ConversationUpdated {
  let byCount = withUnreadOf.get(entry);
  if (!byCount) {
    byCount = new Map();
    withUnreadOf.set(entry, byCount);
  }
  let shared = byCount.get(unread);
  if (!shared) {
    shared = shareFrames({ ...event, payload: { ...event.payload, unread } });
    byCount.set(unread, shared);
  }
  return shared;
}

/** Per entry, the unread count asked for each user: the user's other connections share it. */
export const unreadAskedOf = new WeakMap<Deliverable, Map<string, Promise<number>>>();
