import { purgeExpiredData, type RetentionDeps } from "@crm/domain";
import type { JobScheduler } from "@crm/runtime";

/** `retention`: deletes expired messages (and their media files), tombstones and webhook logs, batch by batch. */
export async function retentionJob(deps: RetentionDeps): Promise<void> {
  const report = await purgeExpiredData(deps);
  deps.logger.info(report, "retention done");
}

/**
 * Registers the daily run at 03:00 UTC; the worker (and the API in embedded mode) calls it at startup. One
 * schedule per queue whatever the number of callers: BullMQ upserts it by name.
 */
export async function scheduleRetention(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule("retention", "daily", { pattern: "0 3 * * *" }, {});
}
