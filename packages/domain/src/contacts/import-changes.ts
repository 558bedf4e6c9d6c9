import type { Email } from "../shared/email";
import type { Phone } from "../shared/phone";
import type { PlannedWrite } from "./import-plan";
import type { Contact, CustomFieldValue } from "./model";

/** The values an update would write: only those the file gave, the metadata already merged over the stored. */
export interface UpdateValues {
  name?: string | undefined;
  email?: Email | undefined;
  phone?: Phone | undefined;
  companyId?: string | undefined;
  metadata: Contact["metadata"];
  /** Tags to attach (attaching never removes one). */
  tagIds: readonly string[];
}

/** JSON with its keys sorted, so two metadata objects compare by value whatever their keys' order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );

/**
 * The fields an update would change, in a fixed order: name, email, phone, company, the custom fields as
 * `metadata.<key>`, then tags when it attaches one the contact lacks. Empty when it would change nothing.
 */
export function changedFields(current: Contact, update: UpdateValues): string[] {
  const fields: string[] = [];
  if (update.name !== undefined && update.name !== current.name) fields.push("name");
  if (update.email !== undefined && update.email !== current.email) fields.push("email");
  if (update.phone !== undefined && update.phone !== current.phone) fields.push("phone");
  if (update.companyId !== undefined && update.companyId !== (current.company?.id ?? null))
    fields.push("company");
  const keys = [...new Set([...Object.keys(current.metadata), ...Object.keys(update.metadata)])].sort();
  for (const key of keys) {
    if (canonical(current.metadata[key]) !== canonical(update.metadata[key])) fields.push(`metadata.${key}`);
  }
  const tagIds = new Set(current.tags.map((tag) => tag.id));
  if (!update.tagIds.every((tagId) => tagIds.has(tagId))) fields.push("tags");
  return fields;
}

/** Whether an update would leave every value of the contact as it is: then it is not written at all. */
export const changesNothing = (current: Contact, update: UpdateValues): boolean =>
  changedFields(current, update).length === 0;

const isEmpty = (value: CustomFieldValue | undefined): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

/**
 * Whether the contact has no name of its own: a blank one, or its phone, which the inbox gives a sender
 * without a profile name.
 */
const lacksName = (contact: Contact): boolean =>
  contact.name.trim() === "" || (contact.phone !== null && contact.name.trim() === contact.phone);

/**
 * Of a row's values, those the contact lacks (the `fill` mode): the name when it has none, the email, phone
 * and company when empty, the custom fields without a value. Tags are kept: attaching one replaces nothing.
 */
export function onlyMissingValues(current: Contact, write: PlannedWrite): PlannedWrite {
  const { name, email, phone, companyName, ...rest } = write;
  return {
    ...rest,
    ...(name !== undefined && lacksName(current) ? { name } : {}),
    ...(email !== undefined && current.email === null ? { email } : {}),
    ...(phone !== undefined && current.phone === null ? { phone } : {}),
    ...(companyName !== undefined && current.company === null ? { companyName } : {}),
    metadata: Object.fromEntries(
      Object.entries(write.metadata).filter(([key]) => isEmpty(current.metadata[key])),
    ),
  };
}
