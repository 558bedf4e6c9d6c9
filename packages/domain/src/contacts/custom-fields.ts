import { DomainError, type FieldErrors } from "../shared/errors";
import { parseName } from "../shared/names";
import {
  type ContactMetadata,
  type CustomFieldDefinition,
  type CustomFieldType,
  type CustomFieldValue,
  customFieldTypes,
} from "./model";
import { readNumberText } from "./number-text";

/** Keys become JSON keys and CSV headers, so they are short identifiers and never a built-in column name. */
export const customFieldKeyPattern = /^[a-z][a-z0-9_]{0,49}$/;
export const reservedFieldKeys = ["id", "name", "email", "phone", "company", "tags", "created_at"] as const;
export const maxCustomTextLength = 2000;
export const maxCustomFieldLabelLength = 100;
const maxOptions = 100;
const maxOptionLength = 100;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CustomFieldDefinitionInput {
  key: string;
  label: string;
  type: string;
  options?: string[] | undefined;
  required?: boolean | undefined;
}

export type CustomFieldDefinitionDraft = Pick<
  CustomFieldDefinition,
  "key" | "label" | "type" | "options" | "required"
>;

const isSelect = (type: CustomFieldType) => type === "single_select" || type === "multi_select";

const invalid = (fieldErrors: FieldErrors) =>
  new DomainError("VALIDATION_FAILED", Object.values(fieldErrors).flat().join("; "), { fieldErrors });

export function parseCustomFieldType(type: string): CustomFieldType {
  const found = customFieldTypes.find((t) => t === type);
  if (!found) throw invalid({ type: [`type must be one of ${customFieldTypes.join(", ")}`] });
  return found;
}

/** Options of a select: trimmed, non-empty, unique, at least one. Other types take none. */
export function parseOptions(type: CustomFieldType, options: string[] | undefined): string[] {
  if (!isSelect(type)) {
    if (options && options.length > 0) throw invalid({ options: [`A ${type} field has no options`] });
    return [];
  }
  const cleaned = (options ?? []).map((option) => option.trim());
  const problems: string[] = [];
  if (cleaned.length === 0) problems.push("A select field needs at least one option");
  if (cleaned.length > maxOptions) problems.push(`At most ${maxOptions} options`);
  if (cleaned.some((option) => option.length === 0 || option.length > maxOptionLength))
    problems.push(`Options must have 1 to ${maxOptionLength} characters`);
  if (new Set(cleaned).size !== cleaned.length) problems.push("Options must be unique");
  if (cleaned.some((option) => option.includes(";")))
    problems.push('Options cannot contain ";" (it separates values in CSV files)');
  if (problems.length > 0) throw invalid({ options: problems });
  return cleaned;
}

export function parseCustomFieldKey(key: string): string {
  if (!customFieldKeyPattern.test(key)) {
    throw invalid({
      key: ["key must start with a lower-case letter and use only a-z, 0-9 and _ (at most 50 characters)"],
    });
  }
  if ((reservedFieldKeys as readonly string[]).includes(key)) {
    throw invalid({ key: [`"${key}" is a built-in contact field`] });
  }
  return key;
}

export function parseCustomFieldDefinition(input: CustomFieldDefinitionInput): CustomFieldDefinitionDraft {
  const type = parseCustomFieldType(input.type);
  return {
    key: parseCustomFieldKey(input.key),
    label: parseName(input.label, "label", maxCustomFieldLabelLength),
    type,
    options: parseOptions(type, input.options),
    required: input.required ?? false,
  };
}

/** Why a value does not fit its field, for reports that people read in their own language. */
export type CustomFieldProblemCode =
  | "invalid_text"
  | "text_too_long"
  | "invalid_number"
  | "ambiguous_number"
  | "invalid_boolean"
  | "invalid_date"
  | "impossible_date"
  | "invalid_option";

export type CustomFieldCheck =
  | { ok: true; value: CustomFieldValue }
  | { ok: false; code: CustomFieldProblemCode; problem: string };

const isValidDate = (value: string): boolean => {
  const match = value.match(datePattern);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** Checks one value against its definition; returns the value to store or the problem. */
export function checkCustomFieldValue(
  definition: Pick<CustomFieldDefinition, "type" | "options">,
  value: unknown,
): CustomFieldCheck {
  switch (definition.type) {
    case "text":
      if (typeof value !== "string") return { ok: false, code: "invalid_text", problem: "must be text" };
      if (value.length > maxCustomTextLength)
        return {
          ok: false,
          code: "text_too_long",
          problem: `must have at most ${maxCustomTextLength} characters`,
        };
      return { ok: true, value };
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value))
        return { ok: false, code: "invalid_number", problem: "must be a number" };
      return { ok: true, value };
    case "boolean":
      if (typeof value !== "boolean")
        return { ok: false, code: "invalid_boolean", problem: "must be true or false" };
      return { ok: true, value };
    case "date":
      if (typeof value !== "string" || !isValidDate(value))
        return { ok: false, code: "invalid_date", problem: "must be a date as YYYY-MM-DD" };
      return { ok: true, value };
    case "single_select":
      if (typeof value !== "string" || !definition.options.includes(value))
        return {
          ok: false,
          code: "invalid_option",
          problem: `must be one of ${definition.options.join(", ")}`,
        };
      return { ok: true, value };
    case "multi_select": {
      if (!Array.isArray(value) || value.some((item) => typeof item !== "string"))
        return { ok: false, code: "invalid_option", problem: "must be a list of options" };
      const unknown = (value as string[]).filter((item) => !definition.options.includes(item));
      if (unknown.length > 0)
        return {
          ok: false,
          code: "invalid_option",
          problem: `has unknown option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (allowed: ${definition.options.join(", ")})`,
        };
      return { ok: true, value: [...new Set(value as string[])] };
    }
  }
}

export interface MetadataCheck {
  /** Required fields must end up with a value (on create); on update only a patch may not clear them. */
  requireAll: boolean;
}

/**
 * Applies a patch of custom field values (null clears a key) to `current` and validates every key the
 * patch touches. Errors name the field as `metadata.<key>`; all problems are reported at once.
 */
export function applyMetadataPatch(
  definitions: readonly CustomFieldDefinition[],
  current: ContactMetadata,
  patch: Record<string, unknown>,
  check: MetadataCheck,
): ContactMetadata {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const fieldErrors: FieldErrors = {};
  const next: ContactMetadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const definition = byKey.get(key);
    const field = `metadata.${key}`;
    if (!definition) {
      fieldErrors[field] = [`Unknown custom field "${key}"`];
      continue;
    }
    if (value === null || value === undefined || value === "") {
      if (definition.required) fieldErrors[field] = [`${definition.label} is required`];
      delete next[key];
      continue;
    }
    const checked = checkCustomFieldValue(definition, value);
    if (checked.ok) next[key] = checked.value;
    else fieldErrors[field] = [`${definition.label} ${checked.problem}`];
  }
  if (check.requireAll) {
    for (const definition of definitions) {
      const field = `metadata.${definition.key}`;
      if (definition.required && next[definition.key] === undefined && !fieldErrors[field]) {
        fieldErrors[field] = [`${definition.label} is required`];
      }
    }
  }
  if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);
  return next;
}

const trueWords = new Set(["true", "yes", "y", "1", "sim", "s", "verdadeiro"]);
const falseWords = new Set(["false", "no", "n", "0", "não", "nao", "falso"]);

/** How a date typed with slashes is read: 31/12/1990 in Brazil, 12/31/1990 in the United States. */
export type DateOrder = "dmy" | "mdy";

const slashDatePattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;
/** The time Excel adds to a date cell saved as text ("1985-03-15 00:00", "15/03/1985 00:00:00"): a date field drops it. */
const timeOfDay = /^(.+?)[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A two-digit year as Excel reads it: 00 to 29 are 2000 to 2029, 30 to 99 are 1930 to 1999 (so "15/03/85"
 * is 1985, a birthday's usual century, and "01/02/25" is 2025).
 */
const fullYear = (year: string): string =>
  year.length === 4 ? year : String(Number(year) < 30 ? 2000 + Number(year) : 1900 + Number(year));

/**
 * Reads `D/M/YYYY` or `D/M/YY` (or `M/D/...`) as an ISO date; any other text is left to the usual check. A
 * date that is not on the calendar (31/02) is refused here, so the report can say so instead of asking for a
 * format.
 */
function readSlashDate(text: string, order: DateOrder): CustomFieldCheck | undefined {
  const match = text.match(slashDatePattern);
  if (!match) return undefined;
  const [, first = "", second = "", year = ""] = match;
  const [day, month] = order === "dmy" ? [first, second] : [second, first];
  const iso = `${fullYear(year)}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (isValidDate(iso)) return { ok: true, value: iso };
  return { ok: false, code: "impossible_date", problem: `has ${text}, which is not a date on the calendar` };
}

const dateFormats: Record<DateOrder, string> = { dmy: "DD/MM/YYYY", mdy: "MM/DD/YYYY" };

/**
 * Checks a value typed as text (a CSV cell, a query parameter) against its definition. With a `dateOrder`,
 * a date may also be typed with slashes in that order, with a two-digit year (see `fullYear`) and followed by
 * a time of day (dropped); ISO dates are always read. With a `decimal` separator, a number that reads two ways
 * ("1.500") is read with it.
 */
export function checkCustomFieldText(
  definition: Pick<CustomFieldDefinition, "type" | "options">,
  text: string,
  options: { dateOrder?: DateOrder | undefined; decimal?: "," | "." | undefined } = {},
): CustomFieldCheck {
  const number =
    definition.type === "number" ? readNumberText(text, { decimal: options.decimal }) : undefined;
  if (number && !number.ok) return { ok: false, code: "ambiguous_number", problem: number.problem };
  const { dateOrder } = options;
  if (definition.type === "date") {
    const date = text.trim().replace(timeOfDay, "$1");
    if (!dateOrder) return checkCustomFieldValue(definition, date);
    const checked = readSlashDate(date, dateOrder) ?? checkCustomFieldValue(definition, date);
    return checked.ok || checked.code !== "invalid_date"
      ? checked
      : { ...checked, problem: `must be a date as ${dateFormats[dateOrder]} or YYYY-MM-DD` };
  }
  return checkCustomFieldValue(
    definition,
    number ? number.value : customFieldValueFromText(definition, text),
  );
}

/**
 * Reads a value typed as text as the definition's type. Anything that does not fit stays a string, so
 * `checkCustomFieldValue` reports it with the usual message.
 */
function customFieldValueFromText(definition: Pick<CustomFieldDefinition, "type">, text: string): unknown {
  const trimmed = text.trim();
  switch (definition.type) {
    case "boolean": {
      // "não" typed on a Mac may come as "nao" plus a combining tilde
      const word = trimmed.normalize("NFC").toLowerCase();
      if (trueWords.has(word)) return true;
      if (falseWords.has(word)) return false;
      return trimmed;
    }
    case "multi_select":
      return trimmed
        .split(";")
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
    default:
      return trimmed;
  }
}
