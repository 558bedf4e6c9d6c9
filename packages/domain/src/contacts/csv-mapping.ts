import type { Email } from "../shared/email";
import { DomainError } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { stripInvisible } from "../shared/names";
import type { Phone } from "../shared/phone";
import { maxCompanyNameLength } from "./companies";
import { maxContactNameLength, parseContactFields } from "./contact-input";
import {
  type BuiltInColumn,
  builtInColumnAliases,
  builtInColumns,
  lastNameColumnAliases,
} from "./csv-columns";
import { restoreFormula } from "./csv-formula";
import {
  type CustomFieldProblemCode,
  checkCustomFieldText,
  type DateOrder,
  maxCustomTextLength,
} from "./custom-fields";
import { importFileError } from "./import-file-errors";
import { type ImportReason, type ImportWarning, importReason } from "./import-reasons";
import type { CustomFieldDefinition, CustomFieldValue } from "./model";
import { maxTagNameLength, parseTagName } from "./tags";

export {
  type BuiltInColumn,
  builtInColumnAliases,
  builtInColumns,
  lastNameColumnAliases,
} from "./csv-columns";

/** Where each known column sits in a record; other columns are ignored (and listed in `ignored`). */
export interface CsvColumns {
  builtIn: Partial<Record<BuiltInColumn, number>>;
  /** A last name column ("Sobrenome"), joined to the name. */
  lastName?: number | undefined;
  /** The `id` column of an export: the contact a row is about. */
  id?: number | undefined;
  custom: Array<{ index: number; definition: CustomFieldDefinition }>;
  ignored: string[];
  width: number;
  /** How dates typed with slashes are read, from the organization's language; ISO dates always are. */
  dateOrder?: DateOrder | undefined;
  /** How a number that reads two ways ("1.500") is read, from the organization's language. */
  decimal?: "," | "." | undefined;
}

/** A CSV row read into contact fields: empty cells are absent, so an update leaves those fields alone. */
export interface ImportedContact {
  /** The contact the row's `id` names, if the cell holds an id at all (whose contact it is, the plan finds). */
  id?: string;
  name?: string;
  email?: Email;
  phone?: Phone;
  companyName?: string;
  tagNames: string[];
  metadata: Record<string, CustomFieldValue>;
}

/**
 * `warnings`: the optional custom fields whose cells did not fit, left out of `contact` (the row is imported
 * without them).
 */
export type RowMapping =
  | { ok: true; contact: ImportedContact; warnings: ImportWarning[] }
  | { ok: false; reasons: ImportReason[] };

const normalizeHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();

/** "E-mail", "e_mail" and "EMAIL" alike; "Aniversário" and "aniversario" alike. */
const looseName = (text: string) =>
  normalizeHeader(text)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\s_-]+/g, "");

/** 31/12/1990 in Portuguese, 12/31/1990 in English; undefined for another language (ISO dates only). */
export function dateOrderOf(locale: string): DateOrder | undefined {
  const language = locale.toLowerCase();
  if (language === "pt" || language.startsWith("pt-")) return "dmy";
  if (language === "en" || language === "en-us") return "mdy";
  return undefined;
}

/** The decimal separator of the organization's language, as the deal form reads amounts; undefined for another. */
export function decimalSeparatorOf(locale: string): "," | "." | undefined {
  const order = dateOrderOf(locale);
  return order === "dmy" ? "," : order === "mdy" ? "." : undefined;
}

const isLastNameColumn = (raw: string) =>
  lastNameColumnAliases.some((alias) => looseName(alias) === looseName(raw));

/**
 * Reads the header: built-in columns by their English name or a Portuguese alias, custom fields by key or by
 * label, all without regard to letter case (aliases and labels also to accents). An exact built-in name or
 * custom field key wins over an alias or a label; `id` (an export's) names the contact. Throws when two
 * columns mean the same thing or none of name, email and phone is there.
 */
export function mapCsvHeader(
  header: readonly string[],
  definitions: readonly CustomFieldDefinition[],
  options: { locale?: string | undefined } = {},
): CsvColumns {
  const columns: CsvColumns = {
    builtIn: {},
    custom: [],
    ignored: [],
    width: header.length,
    dateOrder: options.locale === undefined ? undefined : dateOrderOf(options.locale),
    decimal: options.locale === undefined ? undefined : decimalSeparatorOf(options.locale),
  };
  const taken = new Map<string, string>();
  const take = (meaning: string, raw: string) => {
    const earlier = taken.get(meaning);
    if (earlier !== undefined) {
      throw normalizeHeader(earlier) === normalizeHeader(raw)
        ? importFileError("duplicate_column", { column: normalizeHeader(raw) })
        : importFileError("same_column", { first: earlier.trim(), second: raw.trim() });
    }
    taken.set(meaning, raw);
  };
  header.forEach((raw, index) => {
    if (normalizeHeader(raw) === "") return;
    if (normalizeHeader(raw) === "id") {
      take("id", raw);
      columns.id = index;
      return;
    }
    const meaning = columnMeaning(raw, definitions);
    if (meaning && "definition" in meaning) {
      take(`metadata.${meaning.definition.key}`, raw);
      columns.custom.push({ index, definition: meaning.definition });
    } else if (meaning) {
      take(meaning.builtIn, raw);
      columns.builtIn[meaning.builtIn] = index;
    } else if (isLastNameColumn(raw)) {
      take("lastName", raw);
      columns.lastName = index;
    } else columns.ignored.push(raw.trim());
  });
  const { name, email, phone } = columns.builtIn;
  if (name === undefined && email === undefined && phone === undefined)
    throw importFileError("no_known_columns");
  return columns;
}

function columnMeaning(
  raw: string,
  definitions: readonly CustomFieldDefinition[],
): { builtIn: BuiltInColumn } | { definition: CustomFieldDefinition } | undefined {
  const name = normalizeHeader(raw);
  const exact = builtInColumns.find((column) => column === name);
  if (exact) return { builtIn: exact };
  const byKey = definitions.find((definition) => definition.key === name);
  if (byKey) return { definition: byKey };
  const loose = looseName(raw);
  const alias = builtInColumns.find((column) =>
    [column, ...builtInColumnAliases[column]].some((other) => looseName(other) === loose),
  );
  if (alias) return { builtIn: alias };
  const byLabel = definitions.find((definition) => looseName(definition.label) === loose);
  return byLabel ? { definition: byLabel } : undefined;
}

/** "email: Invalid email address; metadata.plan: Plan must be one of ..." */
export function describeError(error: unknown): string {
  if (error instanceof DomainError) {
    const fieldErrors = error.details?.fieldErrors;
    if (fieldErrors && Object.keys(fieldErrors).length > 0) {
      return Object.entries(fieldErrors)
        .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
        .join("; ");
    }
    return error.message;
  }
  throw error;
}

const splitList = (cell: string): string[] =>
  cell
    .split(";")
    .map(stripInvisible)
    .filter((item) => item.length > 0);

/**
 * The record as wide as the header: missing cells at the end are empty, and extra cells are dropped when
 * empty (a spreadsheet often leaves a trailing `;`). Extra cells holding something are refused: the values
 * would not be under the columns they were meant for.
 */
function alignRecord(record: readonly string[], width: number): string[] | ImportReason {
  if (record.length <= width) return [...record, ...Array<string>(width - record.length).fill("")];
  if (record.slice(width).some((value) => value.trim() !== ""))
    return importReason("row_too_long", { values: record.length, columns: width });
  return record.slice(0, width);
}

const contactFieldReasons: Record<string, () => ImportReason> = {
  name: () => importReason("name_too_long", { max: maxContactNameLength }),
  email: () => importReason("invalid_email"),
  phone: () => importReason("invalid_phone"),
};

/**
 * Maps one record to contact fields, or the reasons it cannot be imported. A last name column is joined to the
 * name; an optional custom field whose cell does not fit is left out with a warning. Pure: no lookups.
 */
export function mapCsvRow(columns: CsvColumns, record: readonly string[], region = "BR"): RowMapping {
  // an exported file comes back as it was: the quotes its export put before formulas go
  const aligned = alignRecord(record.map(restoreFormula), columns.width);
  if (!Array.isArray(aligned)) return { ok: false, reasons: [aligned] };
  // a cell of only invisible characters is as empty as a blank one: no contact, company or tag named "\u200b"
  const cell = (column: BuiltInColumn): string | undefined => {
    const index = columns.builtIn[column];
    const value = index === undefined ? undefined : stripInvisible(aligned[index] ?? "");
    return value === "" ? undefined : value;
  };
  const problems: ImportReason[] = [];
  const warnings: ImportWarning[] = [];
  const contact: ImportedContact = { tagNames: [], metadata: {} };
  const lastName = columns.lastName === undefined ? "" : stripInvisible(aligned[columns.lastName] ?? "");
  const name = [cell("name"), lastName].filter((part) => part !== undefined && part !== "").join(" ");
  const id = columns.id === undefined ? "" : stripInvisible(aligned[columns.id] ?? "");
  if (isUuid(id)) contact.id = id.toLowerCase();
  try {
    const fields = parseContactFields(
      { name: name === "" ? undefined : name, email: cell("email"), phone: cell("phone") },
      region,
    );
    if (fields.name) contact.name = fields.name;
    if (fields.email) contact.email = fields.email;
    if (fields.phone) contact.phone = fields.phone;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    for (const [field, messages] of Object.entries(error.details?.fieldErrors ?? {})) {
      const reason = contactFieldReasons[field];
      problems.push(
        reason ? reason() : importReason("other", { message: `${field}: ${messages.join(", ")}` }),
      );
    }
  }
  const company = cell("company");
  if (company !== undefined) {
    if (company.length > maxCompanyNameLength)
      problems.push(importReason("company_too_long", { max: maxCompanyNameLength }));
    else contact.companyName = company;
  }
  const tags = cell("tags");
  for (const tagName of tags === undefined ? [] : splitList(tags)) {
    try {
      const name = parseTagName(tagName);
      if (!contact.tagNames.some((existing) => existing.toLowerCase() === name.toLowerCase()))
        contact.tagNames.push(name);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(importReason("tag_too_long", { max: maxTagNameLength, value: tagName }));
    }
  }
  for (const { index, definition } of columns.custom) {
    const text = aligned[index]?.trim() ?? "";
    if (text === "") continue;
    const checked = checkCustomFieldText(definition, text, {
      dateOrder: columns.dateOrder,
      decimal: columns.decimal,
    });
    if (checked.ok) contact.metadata[definition.key] = checked.value;
    else {
      const reason = customFieldReason(definition, text, checked.code, columns.dateOrder);
      // a required field cannot be left out: the row fails, as it would without the cell
      if (definition.required) problems.push(reason);
      else warnings.push({ field: definition.key, reason });
    }
  }
  return problems.length > 0 ? { ok: false, reasons: problems } : { ok: true, contact, warnings };
}

function customFieldReason(
  definition: CustomFieldDefinition,
  value: string,
  code: CustomFieldProblemCode,
  dateOrder: DateOrder | undefined,
): ImportReason {
  const params = { field: definition.key, label: definition.label, value };
  if (code === "invalid_option")
    return importReason(code, { ...params, options: definition.options.join(", ") });
  if (code === "text_too_long") return importReason(code, { ...params, max: maxCustomTextLength });
  if (code === "invalid_date" || code === "impossible_date")
    return importReason(code, { ...params, order: dateOrder ?? "iso" });
  return importReason(code, params);
}
