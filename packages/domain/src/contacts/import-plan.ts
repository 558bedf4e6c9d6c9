import type { Email } from "../shared/email";
import type { Phone } from "../shared/phone";
import { describeError, type ImportedContact, type RowMapping } from "./csv-mapping";
import { applyMetadataPatch } from "./custom-fields";
import { describeImportReasons, type ImportReason, importReason } from "./import-reasons";
import type { ContactMetadata, CustomFieldDefinition, ImportRowResult, OnDuplicate } from "./model";
import type { ContactIdentity } from "./ports";

export type RowDecision =
  | { action: "create" }
  | { action: "update"; contactId: string }
  | { action: "skip"; contactId: string; reason: ImportReason }
  | { action: "error"; reason: ImportReason };

/**
 * What to do with an imported row, given the contacts that already hold its id, phone or email. An id that
 * names a contact of the organization (a file the export wrote) finds that contact first, so a contact
 * without phone or email is found too; any other id is ignored and the row is matched by phone and email.
 */
export function decideImportRow(
  contact: Pick<ImportedContact, "id" | "name" | "phone" | "email">,
  known: readonly ContactIdentity[],
  onDuplicate: OnDuplicate,
): RowDecision {
  const byPhone = contact.phone ? known.find((c) => c.phone === contact.phone) : undefined;
  const byEmail = contact.email ? known.find((c) => c.email === contact.email) : undefined;
  const byId = contact.id ? known.find((c) => c.id === contact.id) : undefined;
  if (byId) {
    // its phone or email is another contact's: updating it would take them from that one
    const other = [byPhone, byEmail].find((found) => found !== undefined && found.id !== byId.id);
    if (other) {
      return {
        action: "error",
        reason: importReason("id_conflict", {
          by: other === byPhone ? "phone" : "email",
          contactId: other.id,
        }),
      };
    }
    if (onDuplicate === "skip")
      return { action: "skip", contactId: byId.id, reason: importReason("duplicate", { by: "id" }) };
    return { action: "update", contactId: byId.id };
  }
  if (byPhone && byEmail && byPhone.id !== byEmail.id) {
    return {
      action: "error",
      reason: importReason("identity_conflict", {
        phoneContactId: byPhone.id,
        emailContactId: byEmail.id,
      }),
    };
  }
  const existing = byPhone ?? byEmail;
  if (!existing) {
    return contact.name ? { action: "create" } : { action: "error", reason: importReason("name_required") };
  }
  if (onDuplicate === "skip") {
    return {
      action: "skip",
      contactId: existing.id,
      reason: importReason("duplicate", { by: byPhone ? "phone" : "email" }),
    };
  }
  return { action: "update", contactId: existing.id };
}

/** A row matching (by id, phone or email) a contact an earlier row of the import wrote is skipped. */
function repeatedRow(
  contact: Pick<ImportedContact, "id" | "phone" | "email">,
  known: readonly ContactIdentity[],
  earlier: ReadonlyMap<string, number>,
): RowDecision | undefined {
  const matches: Array<["id" | "phone" | "email", ContactIdentity | undefined]> = [
    ["id", contact.id ? known.find((c) => c.id === contact.id) : undefined],
    ["phone", contact.phone ? known.find((c) => c.phone === contact.phone && earlier.has(c.id)) : undefined],
    ["email", contact.email ? known.find((c) => c.email === contact.email && earlier.has(c.id)) : undefined],
  ];
  for (const [by, found] of matches) {
    const row = found && earlier.get(found.id);
    if (found && row !== undefined) {
      return {
        action: "skip",
        contactId: found.id,
        reason: importReason("duplicate_in_file", { row, by }),
      };
    }
  }
  return undefined;
}

/** A contact to create or update, with the row of the import that writes it. */
export interface PlannedWrite {
  contactId: string;
  rowNumbers: number[];
  name?: string;
  email?: Email;
  phone?: Phone;
  companyName?: string;
  tagNames: string[];
  /** For a create, every value; for an update, the values to set. */
  metadata: ContactMetadata;
}

export interface ImportPlan {
  creates: Map<string, PlannedWrite & { name: string }>;
  updates: Map<string, PlannedWrite>;
  /** One per row, in file order; rows to create or update already carry their contact's id. */
  results: ImportRowResult[];
}

function absorb(
  target: PlannedWrite,
  contact: ImportedContact,
  metadata: ContactMetadata,
  rowNumber: number,
) {
  target.rowNumbers.push(rowNumber);
  if (contact.name !== undefined) target.name = contact.name;
  if (contact.email !== undefined) target.email = contact.email;
  if (contact.phone !== undefined) target.phone = contact.phone;
  if (contact.companyName !== undefined) target.companyName = contact.companyName;
  for (const tag of contact.tagNames) {
    if (!target.tagNames.some((name) => name.toLowerCase() === tag.toLowerCase())) target.tagNames.push(tag);
  }
  target.metadata = { ...target.metadata, ...metadata };
}

/**
 * Decides every row of a batch without writing: which contacts to create (with ids chosen here, so later
 * rows can point at them), which to update, and what to report. A row that matches a contact an earlier row
 * of the import created or updated is skipped, saying which row: a file naming one person twice must not
 * overwrite what its first row wrote. `known` must hold the stored contacts with the batch's ids, phones and
 * emails; it gains the planned ones. `earlier` holds, by contact id, the first row of the import's earlier
 * batches that wrote each of those contacts; it gains this batch's.
 */
export function planImportBatch(
  rows: ReadonlyArray<{ rowNumber: number; mapping: RowMapping }>,
  known: ContactIdentity[],
  definitions: readonly CustomFieldDefinition[],
  onDuplicate: OnDuplicate,
  newId: () => string,
  earlier: Map<string, number> = new Map(),
): ImportPlan {
  const plan: ImportPlan = { creates: new Map(), updates: new Map(), results: [] };
  for (const { rowNumber, mapping } of rows) {
    const warnings = mapping.ok ? mapping.warnings : [];
    const error = (reasons: ImportReason[]) =>
      plan.results.push({ rowNumber, outcome: "error", ...explained(reasons), warnings, contactId: null });
    if (!mapping.ok) {
      error(mapping.reasons);
      continue;
    }
    const contact = mapping.contact;
    const decision = repeatedRow(contact, known, earlier) ?? decideImportRow(contact, known, onDuplicate);
    if (decision.action === "error") {
      error([decision.reason]);
    } else if (decision.action === "skip") {
      plan.results.push({
        rowNumber,
        outcome: "skipped",
        ...explained([decision.reason]),
        // the row's values were not used: nothing of it was left out
        warnings: [],
        contactId: decision.contactId,
      });
    } else if (decision.action === "create") {
      const missing = definitions.filter(
        (definition) => definition.required && contact.metadata[definition.key] === undefined,
      );
      if (missing.length > 0) {
        error(missing.map((d) => importReason("field_required", { field: d.key, label: d.label })));
        continue;
      }
      let metadata: ContactMetadata;
      try {
        metadata = applyMetadataPatch(definitions, {}, contact.metadata, { requireAll: true });
      } catch (problem) {
        error([importReason("other", { message: describeError(problem) })]);
        continue;
      }
      const contactId = newId();
      const create = { contactId, rowNumbers: [], name: contact.name ?? "", tagNames: [], metadata: {} };
      absorb(create, contact, metadata, rowNumber);
      plan.creates.set(contactId, create);
      known.push({ id: contactId, phone: contact.phone ?? null, email: contact.email ?? null });
      earlier.set(contactId, rowNumber);
      plan.results.push({ rowNumber, outcome: "created", reason: null, reasons: [], warnings, contactId });
    } else {
      const contactId = decision.contactId;
      const update: PlannedWrite = { contactId, rowNumbers: [], tagNames: [], metadata: {} };
      absorb(update, contact, contact.metadata, rowNumber);
      plan.updates.set(contactId, update);
      // the contact answers to the row's phone and email as well as to its own: a later row with either repeats this one
      known.push({ id: contactId, phone: contact.phone ?? null, email: contact.email ?? null });
      earlier.set(contactId, rowNumber);
      plan.results.push({ rowNumber, outcome: "updated", reason: null, reasons: [], warnings, contactId });
    }
  }
  return plan;
}

/** Rows whose contact could not be written become errors, and so do the rows that pointed at it. */
export function failPlannedContact(
  results: ImportRowResult[],
  contactId: string,
  reason: ImportReason,
): void {
  for (const [index, row] of results.entries()) {
    if (row.contactId === contactId)
      results[index] = { ...row, outcome: "error", ...explained([reason]), contactId: null };
  }
}

/**
 * Rows that would update a contact without changing a value are reported `unchanged`: nothing is written.
 * `reason` says why: the contact holds the row's values (`unchanged`) or, filling, lacks none (`nothing_to_fill`).
 */
export function skipUnchangedContact(
  results: ImportRowResult[],
  contactId: string,
  reason: ImportReason = importReason("unchanged"),
): void {
  for (const [index, row] of results.entries()) {
    if (row.contactId === contactId && row.outcome === "updated")
      results[index] = { ...row, outcome: "unchanged", ...explained([reason]) };
  }
}

/** The rows updating a contact say which of its fields they changed (see `changedFields`). */
export function reportChangedFields(results: ImportRowResult[], contactId: string, fields: string[]): void {
  for (const [index, row] of results.entries()) {
    if (row.contactId === contactId && row.outcome === "updated")
      results[index] = {
        ...row,
        ...explained([importReason("changed_fields", { fields: fields.join(",") })]),
      };
  }
}

/** A row result's reasons with their English wording, the `reason` API clients read. */
const explained = (reasons: ImportReason[]) => ({ reason: describeImportReasons(reasons), reasons });
