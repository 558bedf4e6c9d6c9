import type { Email } from "../shared/email";
import { DomainError } from "../shared/errors";
import type { Phone } from "../shared/phone";
import { type CsvColumns, mapCsvRow } from "./csv-mapping";
import { type ContactUpdatedPayload, publishContactChanges } from "./events";
import { countRows } from "./import-counts";
import { planImportBatch } from "./import-plan";
import {
  type ImportPreviewMemory,
  previewBatchMemory,
  previewedContacts,
  previewedRows,
  previewRowsToStore,
  rememberPreviewBatch,
} from "./import-preview";
import type { CsvRecord, ImportRun } from "./import-run";
import type { ImportCounts, ImportRowResult } from "./model";
import type { ContactIdentity, ContactsDeps, ContactsTransactionRepos } from "./ports";
import { undoing } from "./undone-savepoint";
import { writeImportPlan } from "./write-import-plan";

/** Another run of the same import is ahead of this one: this run stops and leaves it the work. */
export const importMovedOn = () =>
  new DomainError("PRECONDITION_FAILED", "The import was processed further by another run");

/**
 * Imports consecutive rows in one transaction and moves the import's progress forward in the same
 * transaction: a run that stops halfway resumes after the last committed batch, and no row is written
 * twice. Rows are decided in memory first, then written with a few statements per batch. A preview's batch
 * runs the same code and undoes its writes before committing its rows (see `ImportRun.preview`).
 */
export async function importContactBatch(
  deps: ContactsDeps,
  run: ImportRun,
  columns: CsvColumns,
  records: readonly CsvRecord[],
): Promise<ImportCounts> {
  const first = records[0];
  if (!first) return { processed: 0, created: 0, updated: 0, skipped: 0, unchanged: 0, failed: 0 };
  const { contactImport, definitions, preview } = run;
  const organizationId = contactImport.organizationId;
  const batch = await deps.store.transaction(async (repos) => {
    const locked = await repos.imports.lock(contactImport.id);
    if (locked?.status !== "running" || locked.processed !== first.rowNumber - 1) throw importMovedOn();
    const mapped = records.map((record) => ({
      rowNumber: record.rowNumber,
      mapping: Array.isArray(record.values)
        ? mapCsvRow(columns, record.values)
        : { ok: false as const, reasons: [record.values.unreadable] },
    }));
    const phones: string[] = [];
    const emails: string[] = [];
    const ids: string[] = [];
    for (const { mapping } of mapped) {
      if (mapping.ok && mapping.contact.phone) phones.push(mapping.contact.phone);
      if (mapping.ok && mapping.contact.email) emails.push(mapping.contact.email);
      if (mapping.ok && mapping.contact.id) ids.push(mapping.contact.id);
    }
    const stored = await repos.contacts.findByIdentities(organizationId, { phones, emails, ids });
    const known = preview ? previewedContacts(stored, preview, { phones, emails, ids }) : stored;
    const knownIds = known.map((contact) => contact.id);
    const earlier = preview
      ? previewedRows(preview, knownIds)
      : await repos.imports.rowsWritingContacts(contactImport.id, knownIds);
    const { onDuplicate } = contactImport;
    // of the contacts the batch matches, those the preview's earlier batches would have created or changed
    const previewed = preview ? known.filter((contact) => preview.contacts.get(contact.id) === contact) : [];
    const plan = planImportBatch(mapped, known, definitions, onDuplicate, deps.newId, earlier);
    let written: ContactIdentity[] = [];
    if (preview) {
      written = await undoing(repos, async () => {
        await restorePreviewed(repos, organizationId, preview, previewed);
        await writeImportPlan(repos, organizationId, definitions, onDuplicate, plan);
        const planned = [...plan.creates.keys(), ...plan.updates.keys()];
        return repos.contacts.findByIdentities(organizationId, { phones: [], emails: [], ids: planned });
      });
    } else {
      await writeImportPlan(repos, organizationId, definitions, onDuplicate, plan);
    }
    const rows = preview ? previewRowsToStore(plan.results, preview, plan.creates) : plan.results;
    await repos.imports.addRows(organizationId, contactImport.id, rows);
    await repos.imports.addProgress(contactImport.id, countRows(plan.results));
    const kept = preview ? previewBatchMemory(written, plan.results) : undefined;
    const lastRow = records.at(-1)?.rowNumber ?? first.rowNumber;
    if (kept) await repos.imports.addPreviewBatch(organizationId, contactImport.id, lastRow, kept);
    return { results: plan.results, kept };
  });
  if (preview) {
    if (batch.kept) rememberPreviewBatch(preview, batch.kept);
  } else {
    await publishContactChanges(deps, organizationId, [
      ...new Map(batch.results.flatMap((row) => changeOf(row))).values(),
    ]);
  }
  return countRows(batch.results);
}

/**
 * Puts back, for a preview's batch, what its earlier batches' undone writes did to the contacts it matches:
 * the ids, phones and emails they would have created or changed. Without them the batch's writes would meet
 * values the import would have moved (an update that took another email) or miss those it would have taken.
 */
async function restorePreviewed(
  repos: ContactsTransactionRepos,
  organizationId: string,
  preview: ImportPreviewMemory,
  previewed: readonly ContactIdentity[],
): Promise<void> {
  // stored values, so already an Email and a Phone
  const identity = (contact: ContactIdentity) => ({
    email: contact.email as Email | null,
    phone: contact.phone as Phone | null,
  });
  for (const contact of previewed.filter((c) => !preview.created.has(c.id))) {
    try {
      await repos.savepoint(() => repos.contacts.update(organizationId, contact.id, identity(contact)));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  // only its repeats can meet a created contact again: its name and other values do not matter
  await repos.contacts.createMany(
    organizationId,
    previewed
      .filter((contact) => preview.created.has(contact.id))
      .map((contact) => ({
        id: contact.id,
        name: contact.phone ?? contact.email ?? contact.id,
        ...identity(contact),
        companyId: null,
        metadata: {},
      })),
  );
}

const changeOf = (row: ImportRowResult): Array<[string, ContactUpdatedPayload]> =>
  row.contactId && (row.outcome === "created" || row.outcome === "updated")
    ? [[row.contactId, { contactId: row.contactId, change: row.outcome }]]
    : [];
