import { webhookProcessAttempts } from "../shared/jobs";
import { enqueueMediaDownload } from "./ingest-media";
import type { IngestionDeps } from "./ingestion-ports";

/** Longer than a job's retries take (1 + 2 + 4 + 8 s of backoff), so a live retry is not mistaken for a lost job. */
export const staleAfterMs = 60_000;
const batchSize = 1000;

/**
 * The `webhook-sweep` job. Durability comes from Postgres, not the queue: a webhook log still pending or
 * retrying a minute after its last attempt, or a media still pending, lost its job (Redis lost it, a worker
 * died). Each is enqueued again under its own job id, so one still queued is not doubled, replacing a
 * finished job of that id the queue still keeps (a job failed as stalled after a worker died, say): an add
 * with a kept job's id would be ignored and the log never processed.
 */
export async function sweepLostJobs(
  deps: Pick<IngestionDeps, "store" | "queue" | "clock" | "logger">,
): Promise<{ webhooks: number; media: number }> {
  const before = new Date(deps.clock.now().getTime() - staleAfterMs);
  const webhooks = await deps.store.webhookLogs.findStale(before, batchSize);
  for (const webhookLogId of webhooks) {
    await deps.queue.enqueue(
      "webhook-process",
      { webhookLogId },
      { jobId: webhookLogId, attempts: webhookProcessAttempts, replaceFinished: true },
    );
  }
  const media = await deps.store.messages.findStalePendingMedia(before, batchSize);
  for (const messageId of media) await enqueueMediaDownload(deps, messageId, { replaceFinished: true });
  if (webhooks.length > 0 || media.length > 0) {
    deps.logger.info(
      { webhooks: webhooks.length, media: media.length },
      "re-enqueued work whose jobs were lost",
    );
  }
  return { webhooks: webhooks.length, media: media.length };
}
