import type { Email } from "../shared/email";
import { DomainError } from "../shared/errors";
import type { Phone } from "../shared/phone";
import { maxCompanyNameLength } from "./companies";
import { parseContactFields } from "./contact-input";
import { checkCustomFieldText } from "./custom-fields";
import type { CustomFieldDefinition, CustomFieldValue } from "./model";
import { parseTagName } from "./tags";

export const builtInColumns = ["name", "email", "phone", "company", "tags"] as const;
export type BuiltInColumn = (typeof builtInColumns)[number];

/** Where each known column sits in a record; other columns are ignored. */
export interface CsvColumns {
  builtIn: Partial<Record<BuiltInColumn, number>>;
  custom: Array<{ index: number; definition: CustomFieldDefinition }>;
  ignored: string[];
  width: number;
}

/** A CSV row read into contact fields: empty cells are absent, so an update leaves those fields alone. */
export interface ImportedContact {
  name?: string;
  email?: Email;
  phone?: Phone;
  companyName?: string;
  tagNames: string[];
  metadata: Record<string, CustomFieldValue>;
}

export type RowMapping = { ok: true; contact: ImportedContact } | { ok: false; reason: string };

const normalizeHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();

/**
 * Reads the header: built-in columns and custom field keys, in any letter case. Throws when a column appears
 * twice or none of name, email and phone is there.
 */
export function mapCsvHeader(
  header: readonly string[],
  definitions: readonly CustomFieldDefinition[],
): CsvColumns {
  const columns: CsvColumns = { builtIn: {}, custom: [], ignored: [], width: header.length };
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = normalizeHeader(raw);
    if (name === "") return;
    if (seen.has(name)) throw badHeader(`The column "${name}" appears twice`);
    seen.add(name);
    const builtIn = builtInColumns.find((column) => column === name);
    if (builtIn) {
      columns.builtIn[builtIn] = index;
      return;
    }
    const definition = definitions.find((d) => d.key === name);
    if (definition) columns.custom.push({ index, definition });
    else columns.ignored.push(raw.trim());
  });
  const { name, email, phone } = columns.builtIn;
  if (name === undefined && email === undefined && phone === undefined) {
    throw badHeader("The first line must be a header naming at least one of the columns name, email, phone");
  }
  return columns;
}

const badHeader = (message: string) =>
  new DomainError("VALIDATION_FAILED", message, { fieldErrors: { csv: [message] } });

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
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** Maps one record to contact fields, or the reason it cannot be imported. Pure: no lookups. */
export function mapCsvRow(columns: CsvColumns, record: readonly string[], region = "BR"): RowMapping {
  if (record.length !== columns.width) {
    return {
      ok: false,
      reason: `The row has ${record.length} values but the header has ${columns.width} columns`,
    };
  }
  const cell = (column: BuiltInColumn): string | undefined => {
    const index = columns.builtIn[column];
    const value = index === undefined ? undefined : record[index]?.trim();
    return value === "" ? undefined : value;
  };
  const problems: string[] = [];
  const contact: ImportedContact = { tagNames: [], metadata: {} };
  try {
    const fields = parseContactFields(
      { name: cell("name"), email: cell("email"), phone: cell("phone") },
      region,
    );
    if (fields.name) contact.name = fields.name;
    if (fields.email) contact.email = fields.email;
    if (fields.phone) contact.phone = fields.phone;
  } catch (error) {
    problems.push(describeError(error));
  }
  const company = cell("company");
  if (company !== undefined) {
    if (company.length > maxCompanyNameLength)
      problems.push(`company: must have at most ${maxCompanyNameLength} characters`);
    else contact.companyName = company;
  }
  const tags = cell("tags");
  for (const tagName of tags === undefined ? [] : splitList(tags)) {
    try {
      const name = parseTagName(tagName);
      if (!contact.tagNames.some((existing) => existing.toLowerCase() === name.toLowerCase()))
        contact.tagNames.push(name);
    } catch (error) {
      problems.push(`tags: ${describeError(error).replace(/^name: /, "")}`);
    }
  }
  for (const { index, definition } of columns.custom) {
    const text = record[index]?.trim() ?? "";
    if (text === "") continue;
    const checked = checkCustomFieldText(definition, text);
    if (checked.ok) contact.metadata[definition.key] = checked.value;
    else problems.push(`metadata.${definition.key}: ${definition.label} ${checked.problem}`);
  }
  return problems.length > 0 ? { ok: false, reason: problems.join("; ") } : { ok: true, contact };
}
