import type { CsvColumns } from "./csv-mapping";
import { describeImportFileError, type ImportFileError } from "./import-file-errors";
import { type ImportPreviewMemory, newImportPreviewMemory, rememberPreviewBatch } from "./import-preview";
import type { ImportReason } from "./import-reasons";
import type { ContactImport, CustomFieldDefinition } from "./model";
import type { ContactsDeps } from "./ports";

export interface ImportRun {
  contactImport: ContactImport;
  csv: string;
  definitions: CustomFieldDefinition[];
  /** The organization's language, which says how the file's dates are written. */
  locale: string;
  /**
   * Set for a preview (`dryRun`): each batch is decided and written exactly as an import's, then its writes are
   * undone and only its rows and counts are kept; what they would have written is remembered here for the
   * next batches, and kept with each batch's rows so that a run resumed after a batch rebuilds it.
   */
  preview?: ImportPreviewMemory;
}

/** Loads an import for its job; undefined when there is nothing (left) to do. */
export async function openImportRun(deps: ContactsDeps, importId: string): Promise<ImportRun | undefined> {
  const contactImport = await deps.store.imports.findByIdAnyOrganization(importId);
  if (!contactImport || contactImport.status === "completed" || contactImport.status === "failed")
    return undefined;
  const csv = await deps.store.imports.csv(importId);
  if (csv === undefined) return undefined;
  const definitions = await deps.store.customFields.listAll(contactImport.organizationId);
  const locale = (await deps.store.imports.locale(importId)) ?? "en";
  if (!contactImport.dryRun) return { contactImport, csv, definitions, locale };
  return { contactImport, csv, definitions, locale, preview: await resumePreview(deps, contactImport) };
}

/**
 * The memory of a preview's committed batches, so that its run resumes after them as an import's does. A
 * preview whose batches were not kept (begun before they were) starts over from its first row.
 */
async function resumePreview(deps: ContactsDeps, contactImport: ContactImport): Promise<ImportPreviewMemory> {
  const memory = newImportPreviewMemory();
  if (contactImport.processed === 0) return memory;
  const resumed = await deps.store.transaction(async (repos) => {
    const locked = await repos.imports.lock(contactImport.id);
    const batches = await repos.imports.previewBatches(contactImport.id);
    if (locked && batches.at(-1)?.lastRow === locked.processed) {
      contactImport.processed = locked.processed;
      return batches;
    }
    await repos.imports.restart(contactImport.id);
    return undefined;
  });
  if (resumed) {
    for (const batch of resumed) rememberPreviewBatch(memory, batch.memory);
    return memory;
  }
  Object.assign(contactImport, { processed: 0, created: 0, updated: 0, skipped: 0, unchanged: 0, failed: 0 });
  return memory;
}

export async function markImportRunning(
  deps: ContactsDeps,
  importId: string,
  total: number,
  columns?: Pick<CsvColumns, "ignored">,
): Promise<void> {
  await deps.store.imports.markRunning(importId, total, deps.clock.now(), columns?.ignored ?? []);
}

export async function finishImport(
  deps: ContactsDeps,
  importId: string,
  outcome: { status: "completed" } | { status: "failed"; error: ImportFileError },
): Promise<void> {
  await deps.store.imports.finish(
    importId,
    outcome.status,
    outcome.status === "failed"
      ? { text: describeImportFileError(outcome.error), reason: outcome.error }
      : null,
    deps.clock.now(),
  );
}

export interface CsvRecord {
  rowNumber: number;
  /** The parsed values, or why the file could not be read at this row. */
  values: string[] | { unreadable: ImportReason };
}
