import type { Actor } from "../auth/model";
import type { Email } from "../shared/email";
import { DomainError, notFound } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import type { Phone } from "../shared/phone";
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
import {
  type ImportPreviewMemory,
  newImportPreviewMemory,
  previewBatchMemory,
  previewedContacts,
  previewedRows,
  previewRowsToStore,
  rememberPreviewBatch,
} from "./import-preview";
import { type ImportReason, importReason } from "./import-reasons";
import type {
  ContactImport,
  CustomFieldDefinition,
  ImportCounts,
  ImportRowOutcome,
  ImportRowResult,
  OnDuplicate,
} from "./model";
import type { ContactIdentity, ContactsDeps, ContactsTransactionRepos } from "./ports";

/** 20 MiB of text, as the API accepts it. */
export const maxImportCsvLength = 20 * 1024 * 1024;
export const contactImportQueue = "contacts-import";

export async function startContactImport(
  deps: ContactsDeps,
  actor: Actor,
  /** `dryRun`: a preview, which reports what the import would do and writes no contact (see `ImportRun`). */
  input: { csv: string; onDuplicate: OnDuplicate; dryRun?: boolean | undefined },
): Promise<ContactImport> {
  if (input.csv.trim() === "") throw importFileError("empty");
  if (input.csv.length > maxImportCsvLength) throw importFileError("too_large", { max: maxImportCsvLength });
  const created = await deps.store.imports.create({
    organizationId: actor.organizationId,
    csv: input.csv,
    onDuplicate: input.onDuplicate,
    dryRun: input.dryRun ?? false,
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
  filter: { outcome?: ImportRowOutcome | undefined; warned?: boolean | undefined } = {},
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

/** Thrown to roll a preview's writes back, carrying what was read before they are undone. */
class Undone<T> extends Error {
  constructor(readonly value: T) {
    super("A preview's writes are undone");
  }
}

/** Runs `work` in a savepoint that is always rolled back, and answers what it answered. */
async function undoing<T>(repos: ContactsTransactionRepos, work: () => Promise<T>): Promise<T> {
  try {
    await repos.savepoint(async () => {
      throw new Undone(await work());
    });
  } catch (thrown) {
    if (thrown instanceof Undone) return thrown.value as T;
    throw thrown;
  }
  throw new Error("unreachable: the savepoint always throws");
}

const changeOf = (row: ImportRowResult): Array<[string, ContactUpdatedPayload]> =>
  row.contactId && (row.outcome === "created" || row.outcome === "updated")
    ? [[row.contactId, { contactId: row.contactId, change: row.outcome }]]
    : [];

/**
 * Writes a batch's plan. A company or tag is created only by the write that links a contact to it: with the
 * contacts a batch creates (all in one savepoint, so one that a contact created meanwhile stops leaves none
 * behind), or in the savepoint of the update that links it, so an update that fills nothing, changes nothing
 * or fails leaves no company or tag without contacts.
 */
async function writeImportPlan(
  repos: ContactsTransactionRepos,
  organizationId: string,
  definitions: readonly CustomFieldDefinition[],
  onDuplicate: OnDuplicate,
  plan: ImportPlan,
): Promise<void> {
  // the companies and tags of writes already made, by lower-cased name
  const companies = new Map<string, string>();
  const tags = new Map<string, string>();
  await createPlanned(repos, organizationId, plan, companies, tags);
  for (const planned of plan.updates.values()) {
    try {
      const { fields, found, foundTags } = await repos.savepoint(async () => {
        const current = await repos.contacts.lockById(organizationId, planned.contactId);
        if (!current) throw notFound("Contact");
        const update = onDuplicate === "fill" ? onlyMissingValues(current, planned) : planned;
        const found =
          update.companyName === undefined || companies.has(update.companyName.toLowerCase())
            ? companies
            : await repos.companies.findOrCreateByNames(organizationId, [update.companyName]);
        const company =
          update.companyName === undefined ? undefined : found.get(update.companyName.toLowerCase());
        const foundTags = await findOrCreateTags(repos, organizationId, update.tagNames, tags);
        const metadata = applyMetadataPatch(definitions, current.metadata, update.metadata, {
          requireAll: false,
        });
        const tagIds = update.tagNames.flatMap((name) => foundTags.get(name.toLowerCase()) ?? []);
        const fields = changedFields(current, { ...update, companyId: company, metadata, tagIds });
        // a row as the contact already is (a file the export wrote, imported back) touches nothing
        if (fields.length === 0) return { fields, found, foundTags };
        await repos.contacts.update(organizationId, update.contactId, {
          ...(update.name === undefined ? {} : { name: update.name }),
          ...(update.email === undefined ? {} : { email: update.email }),
          ...(update.phone === undefined ? {} : { phone: update.phone }),
          ...(company === undefined ? {} : { companyId: company }),
          metadata,
        });
        await repos.contacts.addTagLinks(
          organizationId,
          tagIds.map((tagId) => ({ contactId: update.contactId, tagId })),
        );
        return { fields, found, foundTags };
      });
      if (fields.length > 0) {
        for (const [name, id] of found) companies.set(name, id);
        for (const [name, id] of foundTags) tags.set(name, id);
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
}

/**
 * The ids of the tags with these names, by lower-cased name: those `known` holds, and the others found or
 * created, so to be called in the savepoint of the write that attaches them.
 */
async function findOrCreateTags(
  repos: ContactsTransactionRepos,
  organizationId: string,
  names: readonly string[],
  known: ReadonlyMap<string, string>,
): Promise<ReadonlyMap<string, string>> {
  const missing = names.filter((name) => !known.has(name.toLowerCase()));
  if (missing.length === 0) return known;
  const found = await repos.tags.findOrCreateByNames(organizationId, missing);
  return new Map([...known, ...found]);
}

/**
 * Creates the plan's new contacts with their companies and tags, in a savepoint that is undone and tried again
 * without them when some cannot be created (their phone or email was taken meanwhile): those rows fail, and
 * the companies and tags only they named are not created. `companies` and `tags` gain those used.
 */
async function createPlanned(
  repos: ContactsTransactionRepos,
  organizationId: string,
  plan: ImportPlan,
  companies: Map<string, string>,
  tags: Map<string, string>,
): Promise<void> {
  let pending = [...plan.creates.values()];
  while (pending.length > 0) {
    const creating = pending;
    try {
      const { found, foundTags } = await repos.savepoint(async () => {
        const names = creating.flatMap((create) => create.companyName ?? []);
        const found = await repos.companies.findOrCreateByNames(organizationId, names);
        const created = new Set(
          await repos.contacts.createMany(
            organizationId,
            creating.map((create) => ({
              id: create.contactId,
              name: create.name,
              email: create.email ?? null,
              phone: create.phone ?? null,
              companyId:
                create.companyName === undefined
                  ? null
                  : (found.get(create.companyName.toLowerCase()) ?? null),
              metadata: create.metadata,
            })),
          ),
        );
        const lost = creating.filter((create) => !created.has(create.contactId));
        if (lost.length > 0) throw new Undone(lost);
        const foundTags = await findOrCreateTags(
          repos,
          organizationId,
          creating.flatMap((create) => create.tagNames),
          tags,
        );
        await repos.contacts.addTagLinks(
          organizationId,
          creating.flatMap((create) =>
            create.tagNames.flatMap((name) => {
              const tagId = foundTags.get(name.toLowerCase());
              return tagId ? [{ contactId: create.contactId, tagId }] : [];
            }),
          ),
        );
        return { found, foundTags };
      });
      for (const [name, id] of found) companies.set(name, id);
      for (const [name, id] of foundTags) tags.set(name, id);
      return;
    } catch (thrown) {
      if (!(thrown instanceof Undone)) throw thrown;
      const lost = new Set(thrown.value as PlannedWrite[]);
      for (const create of lost)
        failPlannedContact(plan.results, create.contactId, importReason("created_meanwhile"));
      pending = creating.filter((create) => !lost.has(create));
    }
  }
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
