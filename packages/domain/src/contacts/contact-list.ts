import type { Actor } from "../auth/model";
import { DomainError, type FieldErrors } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { Page } from "../shared/pagination";
import { checkUpdatedRange, type UpdatedRange } from "../shared/sync";
import { checkCustomFieldText } from "./custom-fields";
import type { Contact, ContactFilter, ContactSort } from "./model";
import type { ContactsDeps } from "./ports";

export const maxSearchLength = 100;

export interface ContactListQuery extends UpdatedRange {
  tagId?: string | undefined;
  companyId?: string | undefined;
  hasPhone?: boolean | undefined;
  hasEmail?: boolean | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  /** A custom field key; `value` is read as that field's type. */
  field?: string | undefined;
  value?: string | undefined;
  search?: string | undefined;
  sort?: ContactSort | undefined;
}

const invalid = (fieldErrors: FieldErrors) =>
  new DomainError("VALIDATION_FAILED", Object.values(fieldErrors).flat().join("; "), { fieldErrors });

/** Turns the query's parameters into a filter the store can run, checking the custom field against its definition. */
export async function contactFilter(
  deps: ContactsDeps,
  organizationId: string,
  query: ContactListQuery,
): Promise<ContactFilter> {
  const filter: ContactFilter = {
    hasPhone: query.hasPhone,
    hasEmail: query.hasEmail,
    createdFrom: query.createdFrom,
    createdTo: query.createdTo,
    ...checkUpdatedRange(query),
  };
  if (query.tagId !== undefined) filter.tagId = parseId(query.tagId, "tagId");
  if (query.companyId !== undefined) filter.companyId = parseId(query.companyId, "companyId");
  if (query.createdFrom && query.createdTo && query.createdFrom > query.createdTo) {
    throw invalid({ createdTo: ["createdTo must not be before createdFrom"] });
  }
  const search = query.search?.trim();
  if (search) {
    if (search.length > maxSearchLength)
      throw invalid({ search: [`search must have at most ${maxSearchLength} characters`] });
    filter.search = search;
  }
  if (query.field !== undefined || query.value !== undefined) {
    if (!query.field) throw invalid({ field: ["field is required with value"] });
    if (query.value === undefined) throw invalid({ value: ["value is required with field"] });
    const definitions = await deps.store.customFields.listAll(organizationId);
    const definition = definitions.find((d) => d.key === query.field);
    if (!definition) throw invalid({ field: [`Unknown custom field "${query.field}"`] });
    const checked = checkCustomFieldText(definition, query.value);
    if (!checked.ok) throw invalid({ value: [`${definition.label} ${checked.problem}`] });
    filter.customField = { key: definition.key, value: checked.value };
  }
  return filter;
}

export async function listContacts(
  deps: ContactsDeps,
  actor: Actor,
  query: ContactListQuery,
  page: { cursor?: string | undefined; limit?: number | undefined },
): Promise<Page<Contact>> {
  const filter = await contactFilter(deps, actor.organizationId, query);
  return deps.store.contacts.list(actor.organizationId, filter, { ...page, sort: query.sort });
}
