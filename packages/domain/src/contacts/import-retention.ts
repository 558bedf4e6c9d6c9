import type { Clock } from "../auth/ports";
import type { ContactImportRepository } from "./ports";

/** IMPORT_PREVIEW_RETENTION_DAYS unset: a week to confirm a preview. */
export const defaultImportPreviewRetentionDays = 7;
/** Previews per delete statement: each batch is its own short statement. */
export const importPreviewPurgeBatchSize = 500;

const dayMs = 24 * 60 * 60 * 1000;

export interface ImportPreviewRetentionDeps {
  imports: Pick<ContactImportRepository, "deleteUnconfirmedPreviews">;
  clock: Clock;
  /** How long a finished preview waits for its confirmation before it is deleted. */
  retentionDays: number;
}

/**
 * The daily clean-up's share of contact imports: a preview never confirmed, finished more than
 * `retentionDays` ago, is deleted with its file and rows, in batches; answers how many. A confirmed preview
 * and every import keep their rows: their file was already dropped when they finished (see `finish`).
 */
export async function purgeUnconfirmedPreviews(
  deps: ImportPreviewRetentionDeps,
  batchSize = importPreviewPurgeBatchSize,
): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.retentionDays * dayMs);
  let total = 0;
  for (;;) {
    const deleted = await deps.imports.deleteUnconfirmedPreviews(cutoff, batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
