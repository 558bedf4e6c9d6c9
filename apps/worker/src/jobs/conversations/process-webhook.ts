import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import type { IngestionDeps } from "@crm/domain/conversations/ingestion-ports";
import type { JobContext, WebhookProcessJob } from "@crm/domain/shared/jobs";

/** `webhook-process`: a stored webhook into contacts, conversations and messages (retried by the queue). */
export async function processWebhookJob(
  deps: IngestionDeps,
  payload: WebhookProcessJob,
  job: JobContext,
): Promise<void> {
  const outcome = await processWebhook(deps, payload.webhookLogId);
  deps.logger.debug(
    { jobId: job.id, attempt: job.attempt, webhookLogId: payload.webhookLogId, outcome },
    "webhook job done",
  );
}
