import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

/** The events a webhook may subscribe to: the realtime events about an organization's records. */
export const outgoingWebhookEventNames = [
  "contact_updated",
  "deal_updated",
  "new_message",
  "message_updated",
  "message_status",
  "conversation_updated",
  "conversation_assigned",
  "payment_status",
] as const;

export const webhookEventName = z
  .enum([...outgoingWebhookEventNames, "*"])
  .describe('An event name, or "*" (alone) for every event');

const url = z
  .string()
  .max(2048)
  .describe("Where deliveries are POSTed: https (http only where the server allows it), a public address");
const events = z
  .array(webhookEventName)
  .min(1)
  .max(outgoingWebhookEventNames.length)
  .describe('Event names, or ["*"]');
const description = z.string().max(500).nullish().describe("What the webhook is for");

export const webhookSubscription = z.object({
  id,
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()).describe('Event names, or ["*"] for all of them'),
  secretHint: z.string().describe("The signing secret's last characters; the secret is shown once"),
  isActive: z.boolean(),
  disabledReason: z.string().nullable().describe("Why it was switched off automatically (failures in a row)"),
  consecutiveFailures: z.number().int().describe("Failed attempts in a row"),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** The answer of a create or a secret rotation: the only time the secret is shown. */
export const webhookSubscriptionWithSecret = webhookSubscription.extend({
  secret: z.string().describe("The signing secret (HMAC-SHA256 key); shown only now, keep it"),
});

export const webhookSubscriptionPage = pageOf(webhookSubscription);
export const listWebhooksInput = z.object({ ...pageInput });

export const createWebhookInput = strictInput({
  url,
  events,
  description,
  isActive: z.boolean().optional().describe("Default true"),
});

export const updateWebhookInput = strictInput({
  id,
  url: url.optional(),
  events: events.optional(),
  description,
  isActive: z.boolean().optional().describe("Switching on again clears the failure streak"),
});

export const webhookDeliveryStatus = z.enum(["pending", "delivered", "failed"]);

export const webhookDelivery = z.object({
  id,
  webhookId: id,
  eventId: z.string().describe("The event's id: the same in every retry (receivers dedupe by it)"),
  eventType: z
    .string()
    .describe(
      "A subscribed event, `ping` (a test) or `events_missed` (events of `data.from`..`data.to` may never be sent)",
    ),
  status: webhookDeliveryStatus.describe("pending (first attempt or a retry to come), delivered, failed"),
  attempts: z.number().int(),
  nextAttemptAt: timestamp.nullable(),
  lastStatusCode: z.number().int().nullable().describe("The receiver's last HTTP status"),
  lastError: z.string().nullable(),
  deliveredAt: timestamp.nullable(),
  createdAt: timestamp,
  payload: z.unknown().describe("The body POSTed: { id, type, occurredAt, organizationId, data }"),
});

export const webhookDeliveryPage = pageOf(webhookDelivery);

export const listWebhookDeliveriesInput = z.object({
  ...pageInput,
  id,
  status: webhookDeliveryStatus.optional().describe("Only deliveries with this status"),
});

export const retryWebhookDeliveryInput = strictInput({ id, deliveryId: id });
