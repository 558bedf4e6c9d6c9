import type { WebhookDelivery, WebhookSubscription } from "@crm/domain/outgoing-webhooks/model";

export const toWebhookDto = (subscription: WebhookSubscription) => ({
  id: subscription.id,
  url: subscription.url,
  description: subscription.description,
  events: subscription.events,
  secretHint: subscription.secretHint,
  isActive: subscription.isActive,
  disabledReason: subscription.disabledReason,
  consecutiveFailures: subscription.consecutiveFailures,
  createdAt: subscription.createdAt.toISOString(),
  updatedAt: subscription.updatedAt.toISOString(),
});

export const toWebhookDeliveryDto = (delivery: WebhookDelivery) => ({
  id: delivery.id,
  webhookId: delivery.subscriptionId,
  eventId: delivery.eventId,
  eventType: delivery.eventType,
  status: delivery.status,
  attempts: delivery.attempts,
  nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
  lastStatusCode: delivery.lastStatusCode,
  lastError: delivery.lastError,
  deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  createdAt: delivery.createdAt.toISOString(),
  payload: delivery.payload,
});
