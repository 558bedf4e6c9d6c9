import type { Clock } from "../auth/ports";
import type { EventBus } from "../shared/events";
import type { Conversation } from "./model";
import { conversationUpdated, publishConversationEvent } from "./publish";

export interface SnoozeRepository {
  /**
   * Reopens (status open, no snoozedUntil) up to `limit` conversations of any organization snoozed until
   * `now` or earlier, and answers them. Rows another caller is waking are skipped, so two runs never
   * wake one conversation twice.
   */
  wakeDue(now: Date, limit: number): Promise<Conversation[]>;
}

export interface SnoozeDeps {
  snoozes: SnoozeRepository;
  clock: Clock;
  events: EventBus;
}

export const snoozeBatchSize = 500;

/**
 * The `snooze-wake` job: a snoozed conversation whose `snoozedUntil` passed is open again, and the inbox
 * hears of it (`conversation_updated`). An inbound message reopens one earlier (ingestion).
 */
export async function wakeSnoozedConversations(
  deps: SnoozeDeps,
  batchSize = snoozeBatchSize,
): Promise<number> {
  const now = deps.clock.now();
  let woken = 0;
  for (;;) {
    const batch = await deps.snoozes.wakeDue(now, batchSize);
    for (const conversation of batch) {
      await publishConversationEvent(
        deps.events,
        conversation.organizationId,
        "conversation_updated",
        conversationUpdated(conversation),
        now,
      );
    }
    woken += batch.length;
    if (batch.length < batchSize) return woken;
  }
}
