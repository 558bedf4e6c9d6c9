import { validationFailed } from "../shared/errors";
import type { Conversation, ConversationStatus } from "./model";
import type { ConversationPatch } from "./ports";

export interface StatusChange {
  status?: ConversationStatus | undefined;
  snoozedUntil?: Date | undefined;
}

/**
 * The status part of a patch. Snoozing needs a future `snoozedUntil`; a snoozed conversation may get a new
 * time alone; leaving snoozed forgets the time. Answers only what changes.
 */
export function statusPatch(current: Conversation, change: StatusChange, now: Date): ConversationPatch {
  const status = change.status ?? current.status;
  if (status !== "snoozed") {
    if (change.snoozedUntil !== undefined) {
      throw validationFailed("snoozedUntil", 'snoozedUntil goes with status "snoozed"');
    }
    return status === current.status ? {} : { status, snoozedUntil: null };
  }
  const until = change.snoozedUntil;
  if (until === undefined) {
    if (current.status === "snoozed") return {};
    throw validationFailed("snoozedUntil", "Say until when to snooze the conversation (snoozedUntil)");
  }
  if (until.getTime() <= now.getTime()) {
    throw validationFailed("snoozedUntil", "snoozedUntil must be in the future");
  }
  const patch: ConversationPatch = {};
  if (current.status !== "snoozed") patch.status = "snoozed";
  if (current.snoozedUntil?.getTime() !== until.getTime()) patch.snoozedUntil = until;
  return patch;
}
