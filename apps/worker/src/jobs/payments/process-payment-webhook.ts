import type { PaymentsDeps } from "@crm/domain/payments/ports";
import { processPaymentWebhook } from "@crm/domain/payments/process-webhook";
import type { JobContext, WebhookProcessJob } from "@crm/domain/shared/jobs";

/**
 * `webhook-process` for Stripe and Mercado Pago logs: answers false for any other log, which the channels'
 * ingestion then takes. Retried by the queue like the channels' (the sweeper re-enqueues lost ones).
 */
export async function processPaymentWebhookJob(
  deps: PaymentsDeps,
  payload: WebhookProcessJob,
  job: JobContext,
): Promise<boolean> {
  const outcome = await processPaymentWebhook(deps, payload.webhookLogId);
  if (outcome === "not-a-payment") return false;
  deps.logger.debug(
    { jobId: job.id, attempt: job.attempt, webhookLogId: payload.webhookLogId, outcome },
    "payment webhook job done",
  );
  return true;
}
