import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { pingEvent, type WebhookDelivery } from "./model";
import type { AttemptOutcome, DeliveryDeps, OutgoingWebhooksDeps, PostResult } from "./ports";
import { deliveryJobId, enqueueDeliveries, type WebhookBody } from "./record-events";
import { secretContext } from "./subscriptions";

export const autoDisabledReason = (failures: number) =>
  `Switched off after ${failures} failed deliveries in a row`;

const succeeded = (result: PostResult) =>
  result.kind === "answered" && result.status >= 200 && result.status < 300;

const errorOf = (result: PostResult): string =>
  result.kind === "error" ? result.error : `The receiver answered HTTP ${result.status}`;

/**
 * One attempt of a pending delivery: signs and POSTs it. 2xx delivers it; anything else schedules the next
 * attempt after the configured delay, or fails it when none is left. Every failed attempt (pings aside)
 * lengthens the subscription's failure streak, which switches it off at the threshold.
 */
export async function attemptDelivery(deps: DeliveryDeps, deliveryId: string): Promise<void> {
  const delivery = await deps.store.deliveries.findForJob(deliveryId);
  if (delivery?.status !== "pending") return;
  const found = await deps.store.subscriptions.findWithSecret(
    delivery.organizationId,
    delivery.subscriptionId,
  );
  if (!found) return;
  const { subscription } = found;
  const isPing = delivery.eventType === pingEvent;
  const now = deps.clock.now();
  const attempts = delivery.attempts + 1;
  if (!subscription.isActive && !isPing) {
    await deps.store.deliveries.recordAttempt(delivery.id, {
      status: "failed",
      attempts: delivery.attempts,
      nextAttemptAt: null,
      statusCode: null,
      error: "The webhook is switched off",
      deliveredAt: null,
    });
    return;
  }
  const secret = deps.cipher.open(found.secret, secretContext(delivery.organizationId, subscription.id));
  const body = JSON.stringify(delivery.payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const result = await deps.sender.post({
    url: subscription.url,
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "CRM-Manager-Webhooks/1",
      "x-crm-event": delivery.eventType,
      "x-crm-delivery": delivery.id,
      "x-crm-timestamp": timestamp,
      "x-crm-signature": deps.signer.sign(secret, timestamp, body),
    },
  });
  const statusCode = result.kind === "answered" ? result.status : null;
  if (succeeded(result)) {
    await deps.store.deliveries.recordAttempt(delivery.id, {
      status: "delivered",
      attempts,
      nextAttemptAt: null,
      statusCode,
      error: null,
      deliveredAt: deps.clock.now(),
    });
    if (!isPing) await deps.store.subscriptions.recordSuccess(delivery.organizationId, subscription.id);
    return;
  }
  const delay = deps.retryDelaysMs[attempts - 1];
  const outcome: AttemptOutcome = {
    status: delay === undefined ? "failed" : "pending",
    attempts,
    nextAttemptAt: delay === undefined ? null : new Date(now.getTime() + delay),
    statusCode,
    error: errorOf(result),
    deliveredAt: null,
  };
  await deps.store.deliveries.recordAttempt(delivery.id, outcome);
  if (delay !== undefined) {
    await deps.queue.enqueue(
      "outgoing-webhook-deliver",
      { deliveryId: delivery.id },
      { jobId: deliveryJobId(delivery.id, attempts), delayMs: delay, replaceFinished: true },
    );
  }
  if (isPing) return;
  const threshold = deps.disableAfterFailures;
  const switchedOff = await deps.store.subscriptions.recordFailure(
    delivery.organizationId,
    subscription.id,
    threshold,
    autoDisabledReason(threshold),
  );
  if (switchedOff) {
    deps.logger.warn({ subscriptionId: subscription.id }, "outgoing webhook switched off after failures");
  }
}

/** Re-enqueues pending deliveries whose attempt is overdue: their job was lost (queue flushed, crash). */
export async function sweepDueDeliveries(deps: DeliveryDeps, graceMs = 60_000, limit = 500): Promise<number> {
  const due = await deps.store.deliveries.due(new Date(deps.clock.now().getTime() - graceMs), limit);
  for (const { id, attempts } of due) {
    await deps.queue.enqueue(
      "outgoing-webhook-deliver",
      { deliveryId: id },
      { jobId: deliveryJobId(id, attempts), replaceFinished: true },
    );
  }
  return due.length;
}

/** Sends a `ping` now, whether the subscription is on or off; answers the delivery to follow. */
export async function sendPing(
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  subscriptionId: string,
): Promise<WebhookDelivery> {
  const subscription = await deps.store.subscriptions.findById(actor.organizationId, subscriptionId);
  if (!subscription) throw notFound("Webhook");
  const eventId = `ping-${deps.newId()}`;
  const body: WebhookBody = {
    id: eventId,
    type: pingEvent,
    occurredAt: deps.clock.now().toISOString(),
    organizationId: actor.organizationId,
    data: { webhookId: subscription.id },
  };
  const [id] = await deps.store.deliveries.insertMany(actor.organizationId, [
    { subscriptionId: subscription.id, eventId, eventType: pingEvent, payload: body },
  ]);
  const delivery =
    id === undefined ? undefined : await deps.store.deliveries.findById(actor.organizationId, id);
  if (!delivery) throw notFound("Delivery");
  await enqueueDeliveries(deps, [delivery.id]);
  return delivery;
}

/** Sends a delivery again, with a fresh attempt budget, whatever its status. */
export async function retryDelivery(
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  subscriptionId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  const existing = await deps.store.deliveries.findById(actor.organizationId, deliveryId);
  if (!existing || existing.subscriptionId !== subscriptionId) throw notFound("Delivery");
  const delivery = await deps.store.deliveries.reset(actor.organizationId, deliveryId, deps.clock.now());
  if (!delivery) throw notFound("Delivery");
  await enqueueDeliveries(deps, [delivery.id]);
  return delivery;
}
