import {
  type ImportPreviewRetentionDeps,
  purgeExpiredData,
  purgeUnconfirmedPreviews,
  type RetentionDeps,
} from "@crm/domain";
import type { JobScheduler } from "@crm/runtime";

export interface RetentionJobDeps extends RetentionDeps {
  /** Contact import previews never confirmed (see `purgeUnconfirmedPreviews`). */
  importPreviews: ImportPreviewRetentionDeps;
}

/**
 * `retention`: deletes expired messages (and their media files), tombstones and webhook logs, batch by batch,
 * and the contact import previews never confirmed.
 */
export async function retentionJob(deps: RetentionJobDeps): Promise<void> {
  // one part failing (a file it cannot delete) does not keep the other from running; the job still fails
  const [expired, previews] = await Promise.allSettled([
    purgeExpiredData(deps),
    purgeUnconfirmedPreviews(deps.importPreviews),
  ]);
  if (expired.status === "rejected") throw expired.reason;
  if (previews.status === "rejected") throw previews.reason;
  deps.logger.info({ ...expired.value, importPreviewsDeleted: previews.value }, "retention done");
}

/**
 * Registers the daily run at 03:00 UTC; the worker (and the API in embedded mode) calls it at startup. One
 * schedule per queue whatever the number of callers: BullMQ upserts it by name.
 */
export async function scheduleRetention(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule("retention", "daily", { pattern: "0 3 * * *" }, {});
}
