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
 * Spreadsheets run a cell starting with = + - @ as a formula: such text gets a leading quote. Phone numbers
 * and signed numbers ("+5511...", "-3.5") stay as they are.
 */
export function neutralizeFormula(value: string): string {
  if (/^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !numberLike.test(value))) return `'${value}`;
  return value;
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
