import { sweepLostJobs } from "@crm/domain/conversations/ingest-sweep";
import type { IngestionDeps } from "@crm/domain/conversations/ingestion-ports";
import type { JobScheduler } from "@crm/runtime";

export const sweepIntervalMs = 30_000;

/** `webhook-sweep`: re-enqueues webhooks and media whose jobs were lost. */
export async function sweepWebhooksJob(deps: IngestionDeps): Promise<void> {
  await sweepLostJobs(deps);
}

/**
 * Registers the repeatable sweep; every worker (and the API in embedded mode) calls it at startup, and the
 * schedule is one per queue whatever the number of callers (BullMQ upserts it by name).
 */
export async function scheduleWebhookSweep(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule("webhook-sweep", "webhook-sweep", { everyMs: sweepIntervalMs }, {});
}
