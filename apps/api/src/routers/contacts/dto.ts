import type {
  Company,
  CompanySummary,
  Contact,
  ContactConversation,
  ContactDeal,
  ContactImport,
  CustomFieldDefinition,
  ImportRowResult,
  Tag,
} from "@crm/domain";
import { formatPostalCode } from "@crm/domain";
import { toUpdatedRange, type UpdatedRangeInput } from "../shared/updated-range";

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const toContactDto = (c: Contact) => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  companyId: c.company?.id ?? null,
  company: c.company,
  tags: c.tags,
  metadata: c.metadata,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const toContactConversationDto = (c: ContactConversation) => ({
  id: c.id,
  channel: c.channel,
  status: c.status,
  assignedTo: c.assignedTo,
  lastMessageAt: isoOrNull(c.lastMessageAt),
  createdAt: iso(c.createdAt),
});

export const toContactDealDto = (d: ContactDeal) => ({
  id: d.id,
  title: d.title,
  value: { amount: d.value.amount, currency: d.value.currency },
  status: d.status,
  stage: d.stage,
  pipelineId: d.pipelineId,
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
});

export const toCompanyDto = (c: Company) => ({
  id: c.id,
  name: c.name,
  taxId: c.taxId,
  domain: c.domain,
  phone: c.phone,
  address: c.address && {
    ...c.address,
    ...(c.address.postalCode === undefined ? {} : { postalCode: formatPostalCode(c.address.postalCode) }),
  },
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

export const toCompanySummaryDto = (c: CompanySummary) => ({
  ...toCompanyDto(c),
  contactCount: c.contactCount,
});

export const toTagDto = (t: Tag) => ({
  id: t.id,
  name: t.name,
  color: t.color,
  createdAt: iso(t.createdAt),
  updatedAt: iso(t.updatedAt),
});

export const toCustomFieldDto = (f: CustomFieldDefinition) => ({
  id: f.id,
  key: f.key,
  label: f.label,
  type: f.type,
  options: f.options,
  required: f.required,
  createdAt: iso(f.createdAt),
  updatedAt: iso(f.updatedAt),
});

export const toContactImportDto = (i: ContactImport) => ({
  id: i.id,
  status: i.status,
  onDuplicate: i.onDuplicate,
  dryRun: i.dryRun,
  confirmedImportId: i.confirmedImportId,
  total: i.total,
  processed: i.processed,
  created: i.created,
  updated: i.updated,
  skipped: i.skipped,
  unchanged: i.unchanged,
  failed: i.failed,
  error: i.error,
  errorReason: i.errorReason,
  ignoredColumns: i.ignoredColumns,
  warned: i.warned,
  createdAt: iso(i.createdAt),
  startedAt: isoOrNull(i.startedAt),
  finishedAt: isoOrNull(i.finishedAt),
});

export const toImportRowDto = (r: ImportRowResult) => ({
  rowNumber: r.rowNumber,
  outcome: r.outcome,
  reason: r.reason,
  reasons: r.reasons,
  warnings: r.warnings,
  contactId: r.contactId,
});

/** The list's query parameters as the domain reads them. */
export const toContactListQuery = <
  T extends { createdFrom?: string | undefined; createdTo?: string | undefined } & UpdatedRangeInput,
>(
  input: T,
) => ({
  ...input,
  createdFrom: input.createdFrom === undefined ? undefined : new Date(input.createdFrom),
  createdTo: input.createdTo === undefined ? undefined : new Date(input.createdTo),
  ...toUpdatedRange(input),
});
