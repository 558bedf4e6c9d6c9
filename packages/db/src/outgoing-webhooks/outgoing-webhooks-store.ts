import type { OutgoingWebhooksStore } from "@crm/domain/outgoing-webhooks/ports";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { createEventCursorRepository } from "./cursor-repository";
import { createWebhookDeliveryRepository } from "./delivery-repository";
import { createWebhookSubscriptionRepository } from "./subscription-repository";

export function createOutgoingWebhooksStore(db: Kysely<Database>): OutgoingWebhooksStore {
  return {
    subscriptions: createWebhookSubscriptionRepository(db),
    deliveries: createWebhookDeliveryRepository(db),
    cursors: createEventCursorRepository(db),
  };
}
