import type { ImportRowResult } from "./model";
import type { ContactIdentity } from "./ports";

/**
 * What the earlier batches of a preview (an import run dry) would have written, which the database does not
 * hold since each batch's writes are undone: the contacts as they would stand after those batches, and the
 * first row that wrote each. A real import finds both in the database (its contacts and its stored rows);
 * a preview reads them from here, so that it decides every batch as the import would.
 */
export interface ImportPreviewMemory {
  /** By contact id: its id, phone and email as the batches that wrote it would have left them. */
  contacts: Map<string, ContactIdentity>;
  /** By contact id: the first row that created, updated or matched it unchanged. */
  rows: Map<string, number>;
  /** The ids of the contacts the preview would create, which exist nowhere. */
  created: Set<string>;
}

export const newImportPreviewMemory = (): ImportPreviewMemory => ({
  contacts: new Map(),
  rows: new Map(),
  created: new Set(),
});

/**
 * The contacts a batch of a preview matches against: the stored ones it looked up, as the preview's earlier
 * batches would have left them, and the contacts those batches would have created or changed that answer to
 * one of the batch's ids, phones or emails.
 */
export function previewedContacts(
  stored: readonly ContactIdentity[],
  memory: ImportPreviewMemory,
  lookup: { phones: readonly string[]; emails: readonly string[]; ids: readonly string[] },
): ContactIdentity[] {
  const known = stored.map((contact) => memory.contacts.get(contact.id) ?? contact);
  const seen = new Set(known.map((contact) => contact.id));
  const phones = new Set(lookup.phones);
  const emails = new Set(lookup.emails);
  const ids = new Set(lookup.ids);
  for (const contact of memory.contacts.values()) {
    if (seen.has(contact.id)) continue;
    const matches =
      ids.has(contact.id) ||
      (contact.phone !== null && phones.has(contact.phone)) ||
      (contact.email !== null && emails.has(contact.email));
    if (matches) known.push(contact);
  }
  return known;
}

/** Of the rows the preview stored, those that wrote the given contacts (see `rowsWritingContacts`). */
export function previewedRows(
  memory: ImportPreviewMemory,
  contactIds: readonly string[],
): Map<string, number> {
  const rows = new Map<string, number>();
  for (const id of contactIds) {
    const row = memory.rows.get(id);
    if (row !== undefined) rows.set(id, row);
  }
  return rows;
}

/**
 * What one batch of a preview adds to its memory, kept with the batch's rows so that a run started after it
 * rebuilds the memory instead of starting over: `contacts` are the contacts its writes left (read before they
 * were undone), `rows` its rows naming a contact, which still name the contacts they would create.
 */
export interface PreviewBatchMemory {
  contacts: ContactIdentity[];
  rows: Array<Pick<ImportRowResult, "rowNumber" | "outcome" | "contactId">>;
}

export const previewBatchMemory = (
  contacts: readonly ContactIdentity[],
  results: readonly ImportRowResult[],
): PreviewBatchMemory => ({
  contacts: contacts.map(({ id, phone, email }) => ({ id, phone, email })),
  rows: results.flatMap(({ rowNumber, outcome, contactId }) =>
    contactId === null ? [] : [{ rowNumber, outcome, contactId }],
  ),
});

/** Adds a committed batch to the memory; the batches of a run resumed are added again in file order. */
export function rememberPreviewBatch(memory: ImportPreviewMemory, batch: PreviewBatchMemory): void {
  for (const contact of batch.contacts) memory.contacts.set(contact.id, contact);
  for (const row of batch.rows) {
    if (row.outcome === "created" && row.contactId) memory.created.add(row.contactId);
    const wrote = row.outcome === "created" || row.outcome === "updated" || row.outcome === "unchanged";
    if (wrote && row.contactId && !memory.rows.has(row.contactId))
      memory.rows.set(row.contactId, row.rowNumber);
  }
}

/**
 * A batch's rows as a preview stores them: a row naming a contact the preview would create (the row creating
 * it, and those repeating it) names none, since that contact does not exist.
 */
export function previewRowsToStore(
  results: readonly ImportRowResult[],
  memory: ImportPreviewMemory,
  creates: ReadonlyMap<string, unknown>,
): ImportRowResult[] {
  return results.map((row) =>
    row.contactId !== null && (creates.has(row.contactId) || memory.created.has(row.contactId))
      ? { ...row, contactId: null }
      : row,
  );
}
