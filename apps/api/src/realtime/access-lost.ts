import type { Deliverable, ServerEvent } from "./hub";
import { shareFrames } from "./shared-frames";

type AccessLost = Extract<ServerEvent, { type: "conversation_access_lost" }>;

/** Per entry, the one `conversation_access_lost` every connection that lost the conversation sends. */
const accessLostOf = new WeakMap<Deliverable, AccessLost>();

/**
 * What a reassignment says to whoever may no longer see the conversation: its id and who has it now, none of
 * what else the event or the conversation carries.
 */
export function accessLost(entry: Deliverable, conversationId: string): AccessLost {
  const known = accessLostOf.get(entry);
  if (known) return known;
  const { event } = entry;
  const lost: AccessLost = shareFrames({
    type: "conversation_access_lost",
    occurredAt: event.occurredAt,
    payload: {
      conversationId,
      assignedTo: event.type === "conversation_assigned" ? event.payload.assignedTo : null,
    },
  });
  accessLostOf.set(entry, lost);
  return lost;
}
