import type { RouterOutputs } from "../../lib/api-types";
import { displayPhone } from "../../lib/phone";
import type { CustomFieldDraft, CustomFieldDrafts } from "./custom-field-drafts";
import type { TagRef } from "./tag-picker";

type Contact = RouterOutputs["contacts"]["get"];

export interface ContactFormValues {
  name: string;
  email: string;
  phone: string;
  company: string;
}

/**
 * The contact's own fields as the form's inputs hold them. The phone reads as it does everywhere else,
 * "(21) 99876-5432", not as stored: the server reads that form back into the same E.164 number.
 */
export const formValuesOf = (contact: Contact | undefined): ContactFormValues => ({
  name: contact?.name ?? "",
  email: contact?.email ?? "",
  phone: contact?.phone ? displayPhone(contact.phone) : "",
  company: contact?.company?.name ?? "",
});

export interface ContactFieldChanges {
  name?: string;
  email?: string | null;
  phone?: string | null;
  /** The server finds the company of that name (any letter case) or creates it, with the contact. */
  companyName?: string;
  companyId?: null;
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** A new contact's fields: an empty input is no value. */
export function newContactFields(values: ContactFormValues) {
  const company = values.company.trim();
  return {
    name: values.name.trim(),
    email: orNull(values.email),
    phone: orNull(values.phone),
    ...(company === "" ? {} : { companyName: company }),
  };
}

/**
 * Only the fields the user changed from `base`, the contact as the form opened with it: an edit sends no
 * field it did not touch, so it cannot put back an old value over a colleague's change.
 */
export function changedFields(base: Contact, values: ContactFormValues): ContactFieldChanges {
  const before = formValuesOf(base);
  const changed = (key: keyof ContactFormValues) => values[key].trim() !== before[key].trim();
  const changes: ContactFieldChanges = {};
  if (changed("name")) changes.name = values.name.trim();
  if (changed("email")) changes.email = orNull(values.email);
  if (changed("phone")) changes.phone = orNull(values.phone);
  if (changed("company")) {
    const company = values.company.trim();
    if (company === "") changes.companyId = null;
    else changes.companyName = company;
  }
  return changes;
}

/**
 * The inputs after the contact is read again: each one the user changed since `initial` keeps what they
 * typed, every other one shows `fresh`.
 */
export function rebaseValues(
  initial: ContactFormValues,
  values: ContactFormValues,
  fresh: ContactFormValues,
): ContactFormValues {
  const pick = (key: keyof ContactFormValues) => (values[key] !== initial[key] ? values[key] : fresh[key]);
  return { name: pick("name"), email: pick("email"), phone: pick("phone"), company: pick("company") };
}

/** The tags after the contact is read again: its current tags, with the user's additions and removals. */
export function rebaseTags(
  initial: readonly TagRef[],
  tags: readonly TagRef[],
  fresh: readonly TagRef[],
): TagRef[] {
  const had = new Set(initial.map((tag) => tag.id));
  const wanted = new Set(tags.map((tag) => tag.id));
  const kept = fresh.filter((tag) => wanted.has(tag.id) || !had.has(tag.id));
  const added = tags.filter((tag) => !had.has(tag.id) && !kept.some((other) => other.id === tag.id));
  return [...kept, ...added];
}

const sameDraft = (a: CustomFieldDraft | undefined, b: CustomFieldDraft | undefined): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((item, index) => item === b[index])
    : (typeof a === "string" ? a.trim() : a) === (typeof b === "string" ? b.trim() : b);

/**
 * Whether closing the form would lose something typed or chosen: a field, a custom field or a tag differs from
 * what the form opened with (spaces around a value are no change, as saving ignores them).
 */
export function hasUnsavedChanges(
  initial: { values: ContactFormValues; drafts: CustomFieldDrafts; tags: readonly TagRef[] },
  now: { values: ContactFormValues; drafts: CustomFieldDrafts; tags: readonly TagRef[] },
): boolean {
  const fields = Object.keys(initial.values) as Array<keyof ContactFormValues>;
  if (fields.some((key) => initial.values[key].trim() !== now.values[key].trim())) return true;
  const keys = new Set([...Object.keys(initial.drafts), ...Object.keys(now.drafts)]);
  if ([...keys].some((key) => !sameDraft(initial.drafts[key], now.drafts[key]))) return true;
  const had = new Set(initial.tags.map((tag) => tag.id));
  return now.tags.length !== initial.tags.length || now.tags.some((tag) => !had.has(tag.id));
}
