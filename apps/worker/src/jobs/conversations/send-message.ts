import { setTimeout as sleep } from "node:timers/promises";
import { type DeliveryDeps, deliverMessage, messageSendAttempts } from "@crm/domain";
import type { JobContext, MessageSendJob } from "@crm/domain/shared/jobs";
import type { Logger } from "@crm/domain/shared/logger";

/**
 * `message-send`: sends one outbound message through its channel adapter. A temporary provider error throws
 * (the queue retries it, `messageSendAttempts` in all); anything else ends as `sent` or `failed` in the row.
 * Once the provider accepted it, writing that is retried here (after a short pause), never by sending again.
 */
export async function sendMessageJob(
  deps: DeliveryDeps & { logger: Logger },
  payload: MessageSendJob,
  job: JobContext,
): Promise<void> {
  const outcome = await deliverMessage({ ...deps, pause: (ms) => sleep(ms) }, payload.messageId, {
    number: job.attempt,
    max: messageSendAttempts,
  });
  deps.logger.info(
    { jobId: job.id, attempt: job.attempt, messageId: payload.messageId, outcome },
    "message send",
  );
}
