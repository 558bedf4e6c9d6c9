import { downloadMessageMedia } from "@crm/domain/conversations/ingest-media";
import type { IngestionDeps } from "@crm/domain/conversations/ingestion-ports";
import type { JobContext, MediaDownloadJob } from "@crm/domain/shared/jobs";

/** `media-download`: an inbound message's media from the provider into storage (retried by the queue). */
export async function downloadMediaJob(
  deps: IngestionDeps,
  payload: MediaDownloadJob,
  job: JobContext,
): Promise<void> {
  const outcome = await downloadMessageMedia(deps, payload.messageId, job);
  deps.logger.debug(
    { jobId: job.id, attempt: job.attempt, messageId: payload.messageId, outcome },
    "media job done",
  );
}
