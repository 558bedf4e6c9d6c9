import { attemptDelivery, sweepDueDeliveries } from "@crm/domain/outgoing-webhooks/deliver";
import type { DeliveryDeps } from "@crm/domain/outgoing-webhooks/ports";
import type { OutgoingWebhookDeliverJob } from "@crm/domain/shared/jobs";
import type { JobScheduler } from "@crm/runtime";

/** `outgoing-webhook-deliver`: one signed POST of a delivery; the next attempt is enqueued by it when due. */
export async function deliverWebhookJob(deps: DeliveryDeps, job: OutgoingWebhookDeliverJob): Promise<void> {
  await attemptDelivery(deps, job.deliveryId);
}

/** `outgoing-webhook-sweep`: re-enqueues deliveries whose attempt is overdue (the queue lost their job). */
export async function sweepWebhookDeliveriesJob(deps: DeliveryDeps): Promise<void> {
  const requeued = await sweepDueDeliveries(deps);
  if (requeued > 0) deps.logger.warn({ requeued }, "outgoing webhook deliveries re-enqueued");
}

export async function scheduleWebhookDeliverySweep(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule("outgoing-webhook-sweep", "outgoing-webhook-sweep", { everyMs: 60_000 }, {});
}
