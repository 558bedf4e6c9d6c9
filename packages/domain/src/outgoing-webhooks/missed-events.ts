import type { Logger } from "../shared/logger";
import { eventsMissedEvent } from "./model";
import type { OutgoingWebhooksDeps } from "./ports";
import { enqueueDeliveries, type WebhookBody } from "./record-events";

export interface MissedRange {
  /** Everything up to here was recorded. */
  from: Date;
  /** The log still holds everything from here on. */
  to: Date;
}

/**
 * The organization's events between `from` and `to` may be lost: nothing recorded them and the log no longer
 * keeps them. Says so in the log and to each switched-on webhook, as an `events_missed` delivery (sent and listed
 * like any other), so the integrator knows to refetch that range. The id derives from the cursor, so workers
 * that start together report one gap once.
 */
export async function reportMissedEvents(
  deps: OutgoingWebhooksDeps & { logger: Logger },
  organizationId: string,
  cursorId: string,
  range: MissedRange,
): Promise<void> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  deps.logger.error(
    { organizationId, from, to },
    "outgoing webhooks: events of this range were dropped by the realtime log before a worker recorded them",
  );
  const active = await deps.store.subscriptions.listActive(organizationId);
  if (active.length === 0) return;
  const eventId = `missed-after-${cursorId}`;
  const body: WebhookBody = {
    id: eventId,
    type: eventsMissedEvent,
    occurredAt: deps.clock.now().toISOString(),
    organizationId,
    data: { from, to },
  };
  const inserted = await deps.store.deliveries.insertMany(
    organizationId,
    active.map((subscription) => ({
      subscriptionId: subscription.id,
      eventId,
      eventType: eventsMissedEvent,
      payload: body,
    })),
  );
  await enqueueDeliveries(deps, inserted);
}
