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
  webhookLogsDeleted: number;
}

/**
 * The daily clean-up: every organization's messages older than its `data_retention_days` (with the
 * previews that quoted them), and webhook logs older than 30 days, in batches.
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
    webhookLogsDeleted: 0,
  };
  let afterId: string | undefined;
  for (;;) {
    const policies = await deps.retention.policies(afterId, policiesPerPage);
    for (const policy of policies) {
      const cutoff = new Date(now - policy.dataRetentionDays * dayMs);
      report.organizations += 1;
      report.messagesDeleted += await drain(
        (limit) => deps.retention.deleteMessagesBefore(policy.organizationId, cutoff, limit),
        batchSize,
      );
      report.previewsCleared += await deps.retention.clearPreviewsBefore(policy.organizationId, cutoff);
    }
    afterId = policies.at(-1)?.organizationId;
    if (policies.length < policiesPerPage) break;
  }
  const logCutoff = new Date(now - webhookLogRetentionDays * dayMs);
  report.webhookLogsDeleted = await drain(
    (limit) => deps.retention.deleteWebhookLogsBefore(logCutoff, limit),
    batchSize,
  );
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
