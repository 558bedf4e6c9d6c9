import type { RealtimeEntry } from "../realtime/ports";
import { isOutgoingWebhookEvent, subscribesTo } from "./model";
import type { NewDelivery, OutgoingWebhooksDeps } from "./ports";

/** What a receiver gets as the request body; stored as is in the delivery row. */
export interface WebhookBody {
  id: string;
  type: string;
  occurredAt: string;
  organizationId: string;
  data: unknown;
}

/** The job of an attempt: one id per attempt, so a retry is never taken for the job that failed. */
export const deliveryJobId = (deliveryId: string, attempts: number) => `${deliveryId}-${attempts}`;

export async function enqueueDeliveries(
  deps: Pick<OutgoingWebhooksDeps, "queue">,
  ids: string[],
): Promise<void> {
  for (const deliveryId of ids) {
    await deps.queue.enqueue(
      "outgoing-webhook-deliver",
      { deliveryId },
      { jobId: deliveryJobId(deliveryId, 0), replaceFinished: true },
    );
  }
}

/**
 * Turns one realtime log entry into a delivery per subscription of its organization that wants it. The entry id
 * is the event id: the unique (subscription, event id) keeps an event heard twice (several workers, a replay
 * after restart) from being delivered twice.
 */
export async function recordEvent(deps: OutgoingWebhooksDeps, entry: RealtimeEntry): Promise<number> {
  const { event } = entry;
  if (!isOutgoingWebhookEvent(event.type)) return 0;
  const active = await deps.store.subscriptions.listActive(event.organizationId);
  if (active.length === 0) return 0;
  const body: WebhookBody = {
    id: entry.id,
    type: event.type,
    occurredAt: event.occurredAt,
    organizationId: event.organizationId,
    data: event.payload,
  };
  const deliveries: NewDelivery[] = active
    .filter((subscription) => subscribesTo(subscription, event.type))
    .map((subscription) => ({
      subscriptionId: subscription.id,
      eventId: entry.id,
      eventType: event.type,
      payload: body,
    }));
  const inserted =
    deliveries.length > 0 ? await deps.store.deliveries.insertMany(event.organizationId, deliveries) : [];
  await enqueueDeliveries(deps, inserted);
  await deps.store.cursors.advance(event.organizationId, entry.id);
  return inserted.length;
}
