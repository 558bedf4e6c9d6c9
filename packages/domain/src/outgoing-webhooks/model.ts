/**
 * The domain events an integrator may subscribe to: what the event bus already carries about records an
 * organization keeps (no per-user events such as typing or notifications).
 */
export const outgoingWebhookEvents = [
  "contact_updated",
  "deal_updated",
  "new_message",
  "message_updated",
  "message_status",
  "conversation_updated",
  "conversation_assigned",
  "payment_status",
] as const;

export type OutgoingWebhookEvent = (typeof outgoingWebhookEvents)[number];

/** Sent by `POST /webhooks/{id}/test` only; never subscribed to. */
export const pingEvent = "ping";

/**
 * Sent to every switched-on webhook of an organization, whatever its events, when no worker recorded its events
 * for longer than the realtime log keeps them: events of that time range may never be sent.
 */
export const eventsMissedEvent = "events_missed";

/** Subscribes to every event of the list, present and future. */
export const allEvents = "*";

export const maxSubscriptionsPerOrganization = 20;
export const maxWebhookUrlLength = 2048;

export const isOutgoingWebhookEvent = (type: string): type is OutgoingWebhookEvent =>
  (outgoingWebhookEvents as readonly string[]).includes(type);

export interface WebhookSubscription {
  id: string;
  organizationId: string;
  url: string;
  description: string | null;
  /** Event names, or `["*"]` for all of them. */
  events: string[];
  /** The secret's last characters, to tell secrets apart; the secret itself is shown once. */
  secretHint: string;
  isActive: boolean;
  /** Why it was switched off automatically; null when on, or switched off by a person. */
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

export interface WebhookDelivery {
  id: string;
  organizationId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export const subscribesTo = (subscription: Pick<WebhookSubscription, "events">, type: string): boolean =>
  isOutgoingWebhookEvent(type) &&
  (subscription.events.includes(allEvents) || subscription.events.includes(type));
