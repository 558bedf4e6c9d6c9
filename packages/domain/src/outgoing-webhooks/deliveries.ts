import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import type { DeliveryStatus, WebhookDelivery } from "./model";
import type { OutgoingWebhooksDeps } from "./ports";

/** A webhook's deliveries, newest first; another organization's webhook answers 404. */
export async function listDeliveries(
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  subscriptionId: string,
  filter: { status?: DeliveryStatus | undefined },
  page: PageRequest,
): Promise<Page<WebhookDelivery>> {
  const subscription = await deps.store.subscriptions.findById(actor.organizationId, subscriptionId);
  if (!subscription) throw notFound("Webhook");
  return deps.store.deliveries.list(actor.organizationId, subscriptionId, filter, page);
}
