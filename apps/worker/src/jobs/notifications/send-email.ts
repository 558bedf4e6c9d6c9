import type { EmailJob, JobContext } from "@crm/domain/shared/jobs";
import type { WorkerDeps } from "../../deps";

/** A failed send throws, so the queue retries it with backoff. */
export async function sendEmail(
  deps: Pick<WorkerDeps, "mailer" | "logger">,
  mail: EmailJob,
  job: JobContext,
): Promise<void> {
  const { messageId } = await deps.mailer.send(mail);
  deps.logger.info({ jobId: job.id, attempt: job.attempt, messageId }, "email job done");
}
