import type { Actor } from "../auth/model";
import { DomainError, notFound } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import { type CsvColumns, describeError, mapCsvRow } from "./csv-mapping";
import { applyMetadataPatch } from "./custom-fields";
import { type ContactUpdatedPayload, publishContactChanges } from "./events";
import { changedFields, onlyMissingValues } from "./import-changes";
import { describeImportFileError, type ImportFileError, importFileError } from "./import-file-errors";
import {
  failPlannedContact,
  type ImportPlan,
  type PlannedWrite,
  planImportBatch,
  reportChangedFields,
  skipUnchangedContact,
} from "./import-plan";
import { type ImportReason, importReason } from "./import-reasons";
import type {
  ContactImport,
  CustomFieldDefinition,
  ImportCounts,
  ImportRowOutcome,
  ImportRowResult,
  OnDuplicate,
} from "./model";
import type { ContactsDeps, ContactsTransactionRepos } from "./ports";

/** 20 MiB of text, as the API accepts it. */
export const maxImportCsvLength = 20 * 1024 * 1024;
export const contactImportQueue = "contacts-import";

export async function startContactImport(
  deps: ContactsDeps,
  actor: Actor,
  input: { csv: string; onDuplicate: OnDuplicate },
): Promise<ContactImport> {
  if (input.csv.trim() === "") throw importFileError("empty");
  if (input.csv.length > maxImportCsvLength) throw importFileError("too_large", { max: maxImportCsvLength });
  const created = await deps.store.imports.create({
    organizationId: actor.organizationId,
    csv: input.csv,
    onDuplicate: input.onDuplicate,
    createdBy: actor.kind === "user" ? actor.userId : null,
  });
  await deps.queue.enqueue(
    contactImportQueue,
    { importId: created.id },
    { jobId: `contacts-import-${created.id}` },
  );
  return created;
}

export async function getContactImport(deps: ContactsDeps, actor: Actor, id: string): Promise<ContactImport> {
  const found = await deps.store.imports.findById(actor.organizationId, id);
  if (!found) throw notFound("Import");
  return found;
}

/** The organization's imports, newest first: how a client that lost an import's id finds it again. */
export async function listContactImports(
  deps: ContactsDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<ContactImport>> {
  return deps.store.imports.list(actor.organizationId, page);
}

export async function listContactImportRows(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  page: PageRequest,
  filter: { outcome?: ImportRowOutcome | undefined } = {},
): Promise<Page<ImportRowResult>> {
  await getContactImport(deps, actor, id);
  return deps.store.imports.listRows(actor.organizationId, id, page, filter);
}

export interface ImportRun {
  contactImport: ContactImport;
  csv: string;
  definitions: CustomFieldDefinition[];
  /** The organization's language, which says how the file's dates are written. */
  locale: string;
}

/** Loads an import for its job; undefined when there is nothing (left) to do. */
export async function openImportRun(deps: ContactsDeps, importId: string): Promise<ImportRun | undefined> {
  const contactImport = await deps.store.imports.findByIdAnyOrganization(importId);
  if (!contactImport || contactImport.status === "completed" || contactImport.status === "failed")
    return undefined;
  const csv = await deps.store.imports.csv(importId);
  if (csv === undefined) return undefined;
  const definitions = await deps.store.customFields.listAll(contactImport.organizationId);
  const locale = await deps.store.imports.locale(importId);
  return { contactImport, csv, definitions, locale: locale ?? "en" };
}

export async function markImportRunning(deps: ContactsDeps, importId: string, total: number): Promise<void> {
  await deps.store.imports.markRunning(importId, total, deps.clock.now());
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

/** Another run of the same import is ahead of this one: this run stops and leaves it the work. */
export const importMovedOn = () =>
  new DomainError("PRECONDITION_FAILED", "The import was processed further by another run");

/**
 * Imports consecutive rows in one transaction and moves the import's progress forward in the same
 * transaction: a run that stops halfway resumes after the last committed batch, and no row is written
 * twice. Rows are decided in memory first, then written with a few statements per batch.
 */
export async function importContactBatch(
  deps: ContactsDeps,
  run: ImportRun,
  columns: CsvColumns,
  records: readonly CsvRecord[],
): Promise<ImportCounts> {
  const first = records[0];
  if (!first) return { processed: 0, created: 0, updated: 0, skipped: 0, unchanged: 0, failed: 0 };
  const { contactImport, definitions } = run;
  const organizationId = contactImport.organizationId;
  const results = await deps.store.transaction(async (repos) => {
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
    const known = await repos.contacts.findByIdentities(organizationId, { phones, emails, ids });
    const earlier = await repos.imports.rowsWritingContacts(
      contactImport.id,
      known.map((contact) => contact.id),
    );
    const { onDuplicate } = contactImport;
    const plan = planImportBatch(mapped, known, definitions, onDuplicate, deps.newId, earlier);
    await writeImportPlan(repos, organizationId, definitions, onDuplicate, plan);
    await repos.imports.addRows(organizationId, contactImport.id, plan.results);
    await repos.imports.addProgress(contactImport.id, countRows(plan.results));
    return plan.results;
  });
  await publishContactChanges(deps, organizationId, [
    ...new Map(results.flatMap((row) => changeOf(row))).values(),
  ]);
  return countRows(results);
}

const changeOf = (row: ImportRowResult): Array<[string, ContactUpdatedPayload]> =>
  row.contactId && (row.outcome === "created" || row.outcome === "updated")
    ? [[row.contactId, { contactId: row.contactId, change: row.outcome }]]
    : [];

async function writeImportPlan(
  repos: ContactsTransactionRepos,
  organizationId: string,
  definitions: readonly CustomFieldDefinition[],
  onDuplicate: OnDuplicate,
  plan: ImportPlan,
): Promise<void> {
  const writes = [...plan.creates.values(), ...plan.updates.values()];
  const companyNames = writes.flatMap((write) =>
    write.companyName === undefined ? [] : [write.companyName],
  );
  const companies = await repos.companies.findOrCreateByNames(organizationId, companyNames);
  const tags = await repos.tags.findOrCreateByNames(
    organizationId,
    writes.flatMap((write) => write.tagNames),
  );
  const companyId = (write: PlannedWrite) =>
    write.companyName === undefined ? undefined : companies.get(write.companyName.toLowerCase());

  const created = new Set(
    await repos.contacts.createMany(
      organizationId,
      [...plan.creates.values()].map((create) => ({
        id: create.contactId,
        name: create.name,
        email: create.email ?? null,
        phone: create.phone ?? null,
        companyId: companyId(create) ?? null,
        metadata: create.metadata,
      })),
    ),
  );
  const written = new Set<PlannedWrite>();
  for (const create of plan.creates.values()) {
    if (created.has(create.contactId)) written.add(create);
    else failPlannedContact(plan.results, create.contactId, importReason("created_meanwhile"));
  }
  for (const planned of plan.updates.values()) {
    try {
      const fields = await repos.savepoint(async () => {
        const current = await repos.contacts.lockById(organizationId, planned.contactId);
        if (!current) throw notFound("Contact");
        const update = onDuplicate === "fill" ? onlyMissingValues(current, planned) : planned;
        const company = companyId(update);
        const metadata = applyMetadataPatch(definitions, current.metadata, update.metadata, {
          requireAll: false,
        });
        const tagIds = update.tagNames.flatMap((name) => tags.get(name.toLowerCase()) ?? []);
        const fields = changedFields(current, { ...update, companyId: company, metadata, tagIds });
        // a row as the contact already is (a file the export wrote, imported back) touches nothing
        if (fields.length === 0) return fields;
        await repos.contacts.update(organizationId, update.contactId, {
          ...(update.name === undefined ? {} : { name: update.name }),
          ...(update.email === undefined ? {} : { email: update.email }),
          ...(update.phone === undefined ? {} : { phone: update.phone }),
          ...(company === undefined ? {} : { companyId: company }),
          metadata,
        });
        return fields;
      });
      if (fields.length > 0) {
        written.add(planned);
        reportChangedFields(plan.results, planned.contactId, fields);
      } else {
        const reason = importReason(onDuplicate === "fill" ? "nothing_to_fill" : "unchanged");
        skipUnchangedContact(plan.results, planned.contactId, reason);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failPlannedContact(plan.results, planned.contactId, updateFailure(error));
    }
  }
  await repos.contacts.addTagLinks(
    organizationId,
    [...written].flatMap((write) =>
      write.tagNames.flatMap((name) => {
        const tagId = tags.get(name.toLowerCase());
        return tagId ? [{ contactId: write.contactId, tagId }] : [];
      }),
    ),
  );
}

function updateFailure(error: DomainError): ImportReason {
  if (error.code === "NOT_FOUND") return importReason("deleted_meanwhile");
  if (error.code === "CONFLICT") return importReason("taken_meanwhile");
  return importReason("other", { message: describeError(error) });
}

export function countRows(rows: readonly ImportRowResult[]): ImportCounts {
  const counts: ImportCounts = {
    processed: rows.length,
    created: 0,
    updated: 0,
    skipped: 0,
    unchanged: 0,
    failed: 0,
  };
  for (const row of rows) {
    if (row.outcome === "created") counts.created += 1;
    else if (row.outcome === "updated") counts.updated += 1;
    else if (row.outcome === "unchanged") counts.unchanged += 1;
    else if (row.outcome === "skipped") counts.skipped += 1;
    else counts.failed += 1;
  }
  return counts;
}
