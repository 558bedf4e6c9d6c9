import type {
  Company,
  CompanySummary,
  Contact,
  ContactImport,
  ContactMetadata,
  CustomFieldDefinition,
  CustomFieldValue,
  Email,
  ImportFileError,
  ImportReason,
  ImportRowOutcome,
  ImportWarning,
  Phone,
  PostalAddress,
  PreviewBatchMemory,
  Tag,
  TagRef,
} from "@crm/domain";
import { importFileErrorCodes, importReasonCodes } from "@crm/domain";
import type { Selectable } from "kysely";
import type { JsonValue } from "../column-types";
import type { Companies, ContactImports, CustomFieldDefinitions, Tags } from "../database.gen";
import { isoTimestamp } from "../shared/iso-timestamp";

const isFieldValue = (value: JsonValue): value is CustomFieldValue =>
  typeof value === "string" ||
  typeof value === "number" ||
  typeof value === "boolean" ||
  (Array.isArray(value) && value.every((item) => typeof item === "string"));

/** The stored JSON object, keeping only values of the shapes custom fields write. */
export function toMetadata(value: JsonValue): ContactMetadata {
  const metadata: ContactMetadata = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return metadata;
  for (const [key, item] of Object.entries(value)) {
    if (isFieldValue(item)) metadata[key] = item;
  }
  return metadata;
}

const toStrings = (value: JsonValue): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

const plainContactColumns = [
  "id",
  "organization_id",
  "name",
  "email",
  "phone",
  "company_id",
  "metadata",
] as const;

/** A contact's own columns as stored: for an UPDATE ... RETURNING whose rows are then read with `contactColumns`. */
export const storedContactColumns = [...plainContactColumns, "created_at", "updated_at"] as const;

/** A contact's own columns (table `contacts`, or its alias), timestamps as ISO strings. */
export const contactColumns = <Table extends string>(table: Table) => [
  ...plainContactColumns.map((column) => `${table}.${column}` as const),
  isoTimestamp(table, "created_at"),
  isoTimestamp(table, "updated_at"),
];

export interface ContactRow {
  id: string;
  organization_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company_id: string | null;
  company_name: string | null;
  metadata: JsonValue;
  created_at: string;
  updated_at: string;
  /** in name order, from `tagsJson`; typed nullable as any scalar subquery, though it always answers an array */
  tags: readonly TagRef[] | null;
}

export const toContact = (row: ContactRow): Contact => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  // written only through parseEmail / parsePhone
  email: row.email as Email | null,
  phone: row.phone as Phone | null,
  company:
    row.company_id && row.company_name !== null ? { id: row.company_id, name: row.company_name } : null,
  metadata: toMetadata(row.metadata),
  tags: (row.tags ?? []).map(({ id, name, color }) => ({ id, name, color })),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const addressParts = ["street", "number", "complement", "district", "city", "state", "postalCode"] as const;

/** The stored address object, keeping only its known parts. */
export function toPostalAddress(value: JsonValue | null): PostalAddress | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const address: PostalAddress = {};
  for (const part of addressParts) {
    const item = value[part];
    if (typeof item === "string") address[part] = item;
  }
  return address;
}

export const toCompany = (row: Selectable<Companies>): Company => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  taxId: row.tax_id,
  domain: row.domain,
  phone: row.phone,
  address: toPostalAddress(row.address),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toCompanySummary = (
  row: Selectable<Companies> & { contact_count: number | null },
): CompanySummary => ({ ...toCompany(row), contactCount: row.contact_count ?? 0 });

export const toTag = (row: Selectable<Tags>): Tag => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  color: row.color,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toCustomFieldDefinition = (row: Selectable<CustomFieldDefinitions>): CustomFieldDefinition => ({
  id: row.id,
  organizationId: row.organization_id,
  key: row.key,
  label: row.label,
  type: row.type,
  options: toStrings(row.options),
  required: row.required,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const importColumns = [
  "id",
  "organization_id",
  "status",
  "on_duplicate",
  "dry_run",
  "confirmed_import_id",
  "total",
  "processed",
  "created",
  "updated",
  "skipped",
  "failed",
  "error",
  "error_reason",
  "ignored_columns",
  "created_by",
  "created_at",
  "started_at",
  "finished_at",
] as const;

/** `unchanged` counts the rows an update left unchanged, which the `skipped` column includes. */
export const toContactImport = (
  row: Pick<Selectable<ContactImports>, (typeof importColumns)[number]> & {
    unchanged: number | null;
    warned: number | null;
  },
): ContactImport => ({
  id: row.id,
  organizationId: row.organization_id,
  status: row.status,
  onDuplicate: row.on_duplicate,
  dryRun: row.dry_run,
  confirmedImportId: row.confirmed_import_id,
  total: row.total,
  processed: row.processed,
  created: row.created,
  updated: row.updated,
  skipped: row.skipped - (row.unchanged ?? 0),
  unchanged: row.unchanged ?? 0,
  warned: row.warned ?? 0,
  failed: row.failed,
  error: row.error,
  errorReason: toImportFileError(row.error_reason),
  ignoredColumns: Array.isArray(row.ignored_columns)
    ? row.ignored_columns.flatMap((column) => (typeof column === "string" ? [column] : []))
    : [],
  createdBy: row.created_by,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

/** A stored `{ code, params }` whose code is one of `codes`; undefined for anything else. */
function toCoded<Code extends string>(
  item: JsonValue,
  codes: readonly Code[],
): { code: Code; params: Record<string, string | number> } | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return undefined;
  const code = codes.find((known) => known === item.code);
  const params: Record<string, string | number> = {};
  const stored = item.params;
  if (typeof stored === "object" && stored !== null && !Array.isArray(stored)) {
    for (const [key, param] of Object.entries(stored)) {
      if (typeof param === "string" || typeof param === "number") params[key] = param;
    }
  }
  return code ? { code, params } : undefined;
}

/** The stored reasons of an import row; none for rows written before reasons had codes. */
export function toImportReasons(value: JsonValue | null): ImportReason[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => toCoded(item, importReasonCodes) ?? []);
}

/** The stored warnings of an import row; none for rows written before rows had warnings. */
export function toImportWarnings(value: JsonValue | null): ImportWarning[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return [];
    const reason = item.reason === undefined ? undefined : toCoded(item.reason, importReasonCodes);
    return typeof item.field === "string" && reason ? [{ field: item.field, reason }] : [];
  });
}

/** Why a stored import failed; null when it did not, or failed before failures had codes. */
export const toImportFileError = (value: JsonValue | null): ImportFileError | null =>
  value === null ? null : (toCoded(value, importFileErrorCodes) ?? null);

const importRowOutcomes: readonly string[] = ["created", "updated", "skipped", "unchanged", "error"];
const textOrNull = (value: JsonValue | undefined) => (typeof value === "string" ? value : null);

/** A preview's kept batch, as `previewBatchMemory` wrote it. */
export function toPreviewBatchMemory(value: JsonValue): PreviewBatchMemory {
  const record = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  const objects = (list: JsonValue | undefined) =>
    Array.isArray(list)
      ? list.flatMap((item) =>
          typeof item === "object" && item !== null && !Array.isArray(item) ? [item] : [],
        )
      : [];
  return {
    contacts: objects(record.contacts).flatMap((contact) =>
      typeof contact.id === "string"
        ? [{ id: contact.id, phone: textOrNull(contact.phone), email: textOrNull(contact.email) }]
        : [],
    ),
    rows: objects(record.rows).flatMap((row) =>
      typeof row.rowNumber === "number" &&
      typeof row.contactId === "string" &&
      typeof row.outcome === "string" &&
      importRowOutcomes.includes(row.outcome)
        ? [{ rowNumber: row.rowNumber, outcome: row.outcome as ImportRowOutcome, contactId: row.contactId }]
        : [],
    ),
  };
}
