import type { PlainMessageKey } from "../../i18n/translate";
import type { RouterOutputs } from "../../lib/api-types";
import { numberDraft, numberFromDraft } from "./custom-field-number";

export type CustomFieldDefinition = RouterOutputs["customFields"]["list"]["items"][number];
type StoredValue = RouterOutputs["contacts"]["get"]["metadata"][string];

/**
 * What a custom field's input holds while the user edits it. A Yes/No field is "" until someone answers,
 * so a contact nobody answered for keeps no value; a number field holds locale-free text ("1234.56", see
 * `numberDraftFromText`).
 */
export type CustomFieldDraft = string | boolean | readonly string[];
export type CustomFieldDrafts = Record<string, CustomFieldDraft>;

export function emptyDraft(definition: CustomFieldDefinition): CustomFieldDraft {
  if (definition.type === "multi_select") return [];
  return "";
}

export function draftFromValue(
  definition: CustomFieldDefinition,
  value: StoredValue | undefined,
): CustomFieldDraft {
  if (value === undefined) return emptyDraft(definition);
  if (definition.type === "boolean") return typeof value === "boolean" ? value : "";
  if (definition.type === "multi_select") return Array.isArray(value) ? value : [String(value)];
  if (definition.type === "number" && typeof value === "number") return numberDraft(value);
  return Array.isArray(value) ? value.join(", ") : String(value);
}

export const draftsFromMetadata = (
  definitions: readonly CustomFieldDefinition[],
  metadata: Record<string, StoredValue>,
): CustomFieldDrafts =>
  Object.fromEntries(
    definitions.map((definition) => [definition.key, draftFromValue(definition, metadata[definition.key])]),
  );

type Parsed = { ok: true; value: StoredValue | null } | { ok: false; problem: PlainMessageKey };

export function valueFromDraft(definition: CustomFieldDefinition, draft: CustomFieldDraft): Parsed {
  if (definition.type === "boolean") {
    if (typeof draft === "boolean") return { ok: true, value: draft };
    return definition.required ? { ok: false, problem: "errors.field.required" } : { ok: true, value: null };
  }
  if (definition.type === "multi_select") {
    const chosen = Array.isArray(draft) ? draft.filter((option) => definition.options.includes(option)) : [];
    if (chosen.length === 0)
      return definition.required
        ? { ok: false, problem: "errors.field.required" }
        : { ok: true, value: null };
    return { ok: true, value: chosen };
  }
  const text = typeof draft === "string" ? draft.trim() : "";
  if (text === "")
    return definition.required ? { ok: false, problem: "errors.field.required" } : { ok: true, value: null };
  if (definition.type === "number") {
    const value = numberFromDraft(text);
    return value === null ? { ok: false, problem: "errors.field.number" } : { ok: true, value };
  }
  if (definition.type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(text))
    return { ok: false, problem: "errors.field.date" };
  if (definition.type === "single_select" && !definition.options.includes(text)) {
    return { ok: false, problem: "errors.field.option" };
  }
  return { ok: true, value: text };
}

export interface MetadataResult {
  metadata: Record<string, StoredValue | null>;
  problems: Record<string, PlainMessageKey>;
}

/**
 * The metadata to send: on create only the filled values; on update every field, with null clearing the
 * ones the user emptied.
 */
export function metadataFromDrafts(
  definitions: readonly CustomFieldDefinition[],
  drafts: CustomFieldDrafts,
  mode: "create" | "update",
): MetadataResult {
  const metadata: Record<string, StoredValue | null> = {};
  const problems: Record<string, PlainMessageKey> = {};
  for (const definition of definitions) {
    const parsed = valueFromDraft(definition, drafts[definition.key] ?? emptyDraft(definition));
    if (!parsed.ok) problems[definition.key] = parsed.problem;
    else if (parsed.value !== null || mode === "update") metadata[definition.key] = parsed.value;
  }
  return { metadata, problems };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The metadata to send for an edit: only the fields whose value differs from what the form opened with
 * (`initial`), null clearing the ones emptied. A field left alone is not sent, so a colleague's change to it
 * is not written back, and a problem it had all along (say, made required since) does not stop the save.
 */
export function changedMetadataFromDrafts(
  definitions: readonly CustomFieldDefinition[],
  initial: CustomFieldDrafts,
  drafts: CustomFieldDrafts,
): MetadataResult {
  const metadata: Record<string, StoredValue | null> = {};
  const problems: Record<string, PlainMessageKey> = {};
  for (const definition of definitions) {
    const before = initial[definition.key] ?? emptyDraft(definition);
    const draft = drafts[definition.key] ?? emptyDraft(definition);
    if (same(before, draft)) continue;
    const was = valueFromDraft(definition, before);
    const parsed = valueFromDraft(definition, draft);
    if (!parsed.ok) problems[definition.key] = parsed.problem;
    else if (!was.ok || !same(was.value, parsed.value)) metadata[definition.key] = parsed.value;
  }
  return { metadata, problems };
}

/**
 * The inputs after the contact is read again (`fresh`): each one the user changed since `initial` keeps what
 * they typed, every other one shows the contact as it is now.
 */
export function rebaseDrafts(
  initial: CustomFieldDrafts,
  drafts: CustomFieldDrafts,
  fresh: CustomFieldDrafts,
): CustomFieldDrafts {
  return Object.fromEntries(
    Object.entries(fresh).map(([key, value]) => {
      const draft = drafts[key];
      return [key, draft !== undefined && !same(draft, initial[key]) ? draft : value];
    }),
  );
}
