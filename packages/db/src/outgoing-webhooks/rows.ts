import type { WebhookDelivery, WebhookSubscription } from "@crm/domain/outgoing-webhooks/model";
import type { Selectable } from "kysely";
import type { OutgoingWebhookDeliveries, OutgoingWebhookSubscriptions } from "../database.gen";

/** Every column a subscription exposes; the sealed secret is read only by `findWithSecret`. */
export const subscriptionColumns = [
  "id",
  "organization_id",
  "url",
  "description",
  "events",
  "secret_hint",
  "is_active",
  "disabled_reason",
  "consecutive_failures",
  "created_at",
  "updated_at",
] as const;

type SubscriptionRow = Pick<Selectable<OutgoingWebhookSubscriptions>, (typeof subscriptionColumns)[number]>;

export const toSubscription = (row: SubscriptionRow): WebhookSubscription => ({
  id: row.id,
  organizationId: row.organization_id,
  url: row.url,
  description: row.description,
  events: row.events,
  secretHint: row.secret_hint,
  isActive: row.is_active,
  disabledReason: row.disabled_reason,
  consecutiveFailures: row.consecutive_failures,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toDelivery = (row: Selectable<OutgoingWebhookDeliveries>): WebhookDelivery => ({
  id: row.id,
  organizationId: row.organization_id,
  subscriptionId: row.subscription_id,
  eventId: row.event_id,
  eventType: row.event_type,
  payload: row.payload,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  deliveredAt: row.delivered_at,
  createdAt: row.created_at,
});
