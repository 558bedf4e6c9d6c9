import type { ConversationStatus } from "../conversations/model";
import type { Email } from "../shared/email";
import type { Money } from "../shared/money";
import type { Phone } from "../shared/phone";
import type { UpdatedRange } from "../shared/sync";
import type { ImportFileError } from "./import-file-errors";
import type { ImportReason, ImportWarning } from "./import-reasons";
import type { PostalAddress } from "./postal-address";

export const customFieldTypes = [
  "text",
  "number",
  "date",
  "boolean",
  "single_select",
  "multi_select",
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/** A stored custom field value: dates are "YYYY-MM-DD", multi-selects arrays of options. */
export type CustomFieldValue = string | number | boolean | string[];

export type ContactMetadata = Record<string, CustomFieldValue>;

export interface CustomFieldDefinition {
  id: string;
  organizationId: string;
  key: string;
  label: string;
  type: CustomFieldType;
  /** The allowed values of a select; empty for other types. */
  options: string[];
  required: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Company {
  id: string;
  organizationId: string;
  name: string;
  /** The CNPJ's 14 characters without punctuation */
  taxId: string | null;
  /** The website's host name, e.g. "acme.com.br" */
  domain: string | null;
  /** E.164 */
  phone: string | null;
  address: PostalAddress | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A company as its list shows it: with how many contacts work there. */
export interface CompanySummary extends Company {
  contactCount: number;
}

export interface Tag {
  id: string;
  organizationId: string;
  name: string;
  color: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TagRef {
  id: string;
  name: string;
  color: string;
}

export interface Contact {
  id: string;
  organizationId: string;
  name: string;
  email: Email | null;
  phone: Phone | null;
  company: { id: string; name: string } | null;
  metadata: ContactMetadata;
  tags: TagRef[];
  /** ISO 8601 UTC with milliseconds, as clients see them (see the Deal model for why not a Date) */
  createdAt: string;
  updatedAt: string;
}

/** A contact's own columns, validated and normalized, as written to the store. */
export interface ContactDraft {
  name: string;
  email: Email | null;
  phone: Phone | null;
  companyId: string | null;
  metadata: ContactMetadata;
}

export type ContactPatch = Partial<ContactDraft>;

/** createdAt: newest first (the default); name: A-Z; updatedAt: least recently changed first (to sync). */
export type ContactSort = "createdAt" | "name" | "updatedAt";

export interface ContactFilter extends UpdatedRange {
  tagId?: string | undefined;
  companyId?: string | undefined;
  hasPhone?: boolean | undefined;
  hasEmail?: boolean | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  /** Contacts whose custom field `key` holds (or, for a multi-select, includes) `value`. */
  customField?: { key: string; value: CustomFieldValue } | undefined;
  /** A fragment of the name, the email, the phone's digits or the company's name. */
  search?: string | undefined;
}

export interface ContactConversation {
  id: string;
  channel: string;
  status: ConversationStatus;
  assignedTo: string | null;
  lastMessageAt: Date | null;
  createdAt: Date;
}

export interface ContactDeal {
  id: string;
  title: string;
  value: Money;
  status: "open" | "won" | "lost";
  stage: string;
  pipelineId: string;
  createdAt: Date;
  updatedAt: Date;
}

export const importStatuses = ["queued", "running", "completed", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];
/**
 * What a row matching an existing contact does to it: `skip` leaves it as it is, `update` replaces its values
 * with the row's, `fill` writes only the values it lacks; both add the row's tags and never remove one.
 */
export const onDuplicateModes = ["skip", "update", "fill"] as const;
export type OnDuplicate = (typeof onDuplicateModes)[number];

export interface ImportCounts {
  processed: number;
  created: number;
  updated: number;
  /**
   * Duplicates left as they were because the import skips them (`onDuplicate: "skip"`), and rows repeating a
   * contact an earlier row of the file wrote (reason `duplicate_in_file`).
   */
  skipped: number;
  /** Rows that would update a contact without changing a value: reported `skipped`, reason `unchanged`. */
  unchanged: number;
  failed: number;
}

export interface ContactImport extends ImportCounts {
  id: string;
  organizationId: string;
  status: ImportStatus;
  onDuplicate: OnDuplicate;
  /**
   * A preview (dry run): its rows and counts are those the import would give, and it wrote no contact, tag,
   * company or custom field. A row that would create a contact has no `contactId`.
   */
  dryRun: boolean;
  /** For a preview: the import that confirming it started (see `confirmContactImport`); null until then. */
  confirmedImportId: string | null;
  /** Data rows in the file; null until the job has read it once. */
  total: number | null;
  /**
   * The header's columns the import does not know (no contact field, no custom field), which it left out: a
   * custom field made for one imports it. Empty until the job has read the header.
   */
  ignoredColumns: string[];
  /** Rows imported (or, in a preview, that would be) without some of their values: their `warnings` say which. */
  warned: number;
  /** Why the whole import failed (unreadable header, broken file), in English. */
  error: string | null;
  /** The same as a code with its values. Null for imports that failed before failures had codes. */
  errorReason: ImportFileError | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** `unchanged`: it matched a contact already holding its values, so nothing was written. */
export type ImportRowOutcome = "created" | "updated" | "skipped" | "unchanged" | "error";

export interface ImportRowResult {
  /** 1 for the first data row after the header. */
  rowNumber: number;
  outcome: ImportRowOutcome;
  /** In English, from `reasons`. */
  reason: string | null;
  /**
   * Why it was skipped, unchanged or failed; for an update, which values it changed. Empty for a created row
   * (and for rows reported before reasons had codes).
   */
  reasons: ImportReason[];
  /** Values left out of a row imported without them (an optional custom field whose cell did not fit). */
  warnings: ImportWarning[];
  contactId: string | null;
}

export type ContactChangeKind = "created" | "updated" | "deleted" | "merged";
