import type { Contact, CustomFieldDefinition } from "@crm/domain";

/** The import's column names, so an exported file can be imported again. */
export const contactCsvHeader = (definitions: readonly CustomFieldDefinition[]): string[] => [
  "id",
  "name",
  "email",
  "phone",
  "company",
  "tags",
  "created_at",
  ...definitions.map((definition) => definition.key),
];

const numberLike = /^[+-]?[\d\s().,-]*$/;

/**
 * How the file is written: a cell holding ";" is quoted as one holding "," is, since Excel in Portuguese
 * splits a comma file on ";".
 */
export const contactCsvFormat = { bom: true, quoted_match: ";" } as const;

function neutralizeSegment(segment: string): string {
  if (/^[=@\t\r]/.test(segment) || (/^[+-]/.test(segment) && !numberLike.test(segment))) return `'${segment}`;
  return segment;
}

/**
 * Spreadsheets run a cell starting with = + - @ tab or CR as a formula: such text gets a leading quote. So
 * does each ";"-separated part (tags, multi-selects, a name with ";"), as a spreadsheet splitting on ";"
 * would make it a cell. Phone numbers and signed numbers ("+5511...", "-3.5") stay as they are.
 */
export function neutralizeFormula(value: string): string {
  return value.split(";").map(neutralizeSegment).join(";");
}

export function contactCsvRow(contact: Contact, definitions: readonly CustomFieldDefinition[]): string[] {
  const custom = definitions.map((definition) => {
    const value = contact.metadata[definition.key];
    if (value === undefined) return "";
    return Array.isArray(value) ? value.join(";") : String(value);
  });
  return [
    contact.id,
    contact.name,
    contact.email ?? "",
    contact.phone ?? "",
    contact.company?.name ?? "",
    contact.tags.map((tag) => tag.name).join(";"),
    contact.createdAt,
    ...custom,
  ].map(neutralizeFormula);
}
