import type { Actor } from "../auth/model";
import { DomainError, notFound } from "../shared/errors";
import { webhookProcessAttempts } from "../shared/jobs";
import type { Page, PageRequest } from "../shared/pagination";
import type { WebhookLog } from "./model";
import type { IntegrationsDeps, WebhookLogFilter } from "./ports";

async function requireIntegration(
  deps: IntegrationsDeps,
  actor: Actor,
  integrationId: string,
): Promise<void> {
  if (!(await deps.store.integrations.findById(actor.organizationId, integrationId))) {
    throw notFound("Integration");
  }
}

export async function listWebhookLogs(
  deps: IntegrationsDeps,
  actor: Actor,
  integrationId: string,
  filter: WebhookLogFilter,
  page: PageRequest,
): Promise<Page<WebhookLog>> {
  await requireIntegration(deps, actor, integrationId);
  return deps.store.webhookLogs.list(actor.organizationId, integrationId, filter, page);
}

/**
 * Processes a stored webhook again (after fixing credentials, say). Processing is idempotent, so retrying
 * one that succeeded changes nothing. When the queue is down the row stays `retrying` and the sweeper queues it.
 */
export async function retryWebhookLog(
  deps: IntegrationsDeps,
  actor: Actor,
  integrationId: string,
  logId: string,
): Promise<WebhookLog> {
  const existing = await deps.store.webhookLogs.findById(actor.organizationId, logId);
  if (!existing || existing.integrationId !== integrationId) throw notFound("Webhook log");
  if (existing.status === "held") {
    throw new DomainError(
      "CONFLICT",
      "This delivery was received while the integration was switched off: it is processed when the integration is switched on",
    );
  }
  const now = deps.clock.now();
  const log = await deps.store.webhookLogs.markRetrying(actor.organizationId, logId);
  if (!log) throw notFound("Webhook log");
  try {
    // a job id of its own: the first job's id may still be held by the queue (finished jobs are kept a while)
    await deps.queue.enqueue(
      "webhook-process",
      { webhookLogId: logId },
      { jobId: `${logId}-retry-${now.getTime()}`, attempts: webhookProcessAttempts },
    );
  } catch (err) {
    deps.logger.error({ err, webhookLogId: logId }, "could not queue the webhook retry; the sweeper will");
  }
  return log;
}
