import { idempotencyKeyLifetimeMs } from "../shared/idempotency";
import { type ErasedMedia, removeMediaFiles, sweepAbandonedWrites, sweepOrphanMedia } from "./erase-media";
import type { RetentionDeps } from "./ports";

export const webhookLogRetentionDays = 30;
/** Rows per delete statement: each batch is its own short transaction, so the tables stay writable. */
export const retentionBatchSize = 5000;

const dayMs = 24 * 60 * 60 * 1000;
const policiesPerPage = 100;

export interface RetentionReport {
  organizations: number;
  messagesDeleted: number;
  previewsCleared: number;
  /** Tombstones of deleted contacts, companies, deals, conversations and tags, by the same retention. */
  deletionsDeleted: number;
  webhookLogsDeleted: number;
  /** `Idempotency-Key` claims past their 24 hours (the API already takes them as new). */
  idempotencyKeysDeleted: number;
  /** Outgoing webhook deliveries older than 30 days, whatever their status. */
  outgoingWebhookDeliveriesDeleted: number;
  /** Files of the deleted messages, and files the sweep found no live message for. */
  mediaFilesRemoved: number;
  /** Removals that failed: the files stay until a later sweep removes them. */
  mediaFilesNotRemoved: number;
  /** Files left half-written by downloads that died. */
  abandonedWritesRemoved: number;
}

/**
 * The daily clean-up: every organization's messages older than its `data_retention_days` (with the
 * previews that quoted them and their media files) and its tombstones of deleted rows as old, webhook logs
 * older than 30 days and `Idempotency-Key` claims older than a day, in batches. Then the sweep of media files
 * no live message points at (see `MediaErasureDeps`), and of files left half-written by downloads that died.
 */
export async function purgeExpiredData(
  deps: RetentionDeps,
  batchSize = retentionBatchSize,
): Promise<RetentionReport> {
  const now = deps.clock.now().getTime();
  const report: RetentionReport = {
    organizations: 0,
    messagesDeleted: 0,
    previewsCleared: 0,
    deletionsDeleted: 0,
    webhookLogsDeleted: 0,
    idempotencyKeysDeleted: 0,
    outgoingWebhookDeliveriesDeleted: 0,
    mediaFilesRemoved: 0,
    mediaFilesNotRemoved: 0,
    abandonedWritesRemoved: 0,
  };
  const tally = (erased: ErasedMedia) => {
    report.mediaFilesRemoved += erased.removed;
    report.mediaFilesNotRemoved += erased.failed;
  };
  let afterId: string | undefined;
  for (;;) {
    const policies = await deps.retention.policies(afterId, policiesPerPage);
    for (const policy of policies) {
      const cutoff = new Date(now - policy.dataRetentionDays * dayMs);
      report.organizations += 1;
      report.messagesDeleted += await drain(async (limit) => {
        const deleted = await deps.retention.deleteMessagesBefore(policy.organizationId, cutoff, limit);
        tally(await removeMediaFiles(deps, deleted.mediaUrls));
        return deleted.count;
      }, batchSize);
      report.previewsCleared += await deps.retention.clearPreviewsBefore(policy.organizationId, cutoff);
      report.deletionsDeleted += await drain(
        (limit) => deps.retention.deleteDeletionsBefore(policy.organizationId, cutoff, limit),
        batchSize,
      );
    }
    afterId = policies.at(-1)?.organizationId;
    if (policies.length < policiesPerPage) break;
  }
  const logCutoff = new Date(now - webhookLogRetentionDays * dayMs);
  report.webhookLogsDeleted = await drain(
    (limit) => deps.retention.deleteWebhookLogsBefore(logCutoff, limit),
    batchSize,
  );
  const keyCutoff = new Date(now - idempotencyKeyLifetimeMs);
  report.idempotencyKeysDeleted = await drain(
    (limit) => deps.retention.deleteIdempotencyKeysBefore(keyCutoff, limit),
    batchSize,
  );
  report.outgoingWebhookDeliveriesDeleted = await drain(
    (limit) => deps.retention.deleteOutgoingWebhookDeliveriesBefore(logCutoff, limit),
    batchSize,
  );
  tally(await sweepOrphanMedia(deps, batchSize));
  report.abandonedWritesRemoved = await sweepAbandonedWrites(deps);
  return report;
}

/** Repeats a batch delete until a batch comes back short; answers the total. */
async function drain(deleteBatch: (limit: number) => Promise<number>, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
