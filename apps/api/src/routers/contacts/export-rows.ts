import {
  type Contact,
  type CustomFieldDefinition,
  type CustomFieldValue,
  dateOrderOf,
  neutralizeFormula,
  type Organization,
} from "@crm/domain";

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

/**
 * How the organization's spreadsheets read a file. Excel in Portuguese splits cells on ";", reads "1,5" as a
 * number and "31/12/1990" as a date: a pt-BR organization gets that (and "sim"/"não"), written as its import
 * reads it back; other languages get commas, decimal points, ISO dates and "true"/"false".
 */
export interface ContactCsvStyle {
  portuguese: boolean;
  /** created_at, in the organization's time zone */
  formatTimestamp: (iso: string) => string;
}

export const defaultCsvStyle: ContactCsvStyle = { portuguese: false, formatTimestamp: (iso) => iso };

export function contactCsvStyle(organization: Pick<Organization, "locale" | "timezone">): ContactCsvStyle {
  if (dateOrderOf(organization.locale) !== "dmy") return defaultCsvStyle;
  return { portuguese: true, formatTimestamp: brazilianTimestamp(organization.timezone) };
}

/**
 * How the file is written: a UTF-8 BOM, so that Excel shows accents; a cell holding ";" is quoted as one
 * holding "," is, since Excel in Portuguese splits even a comma file on ";".
 */
export const contactCsvFormat = (style: ContactCsvStyle = defaultCsvStyle) =>
  ({ bom: true, quoted_match: ";", delimiter: style.portuguese ? ";" : "," }) as const;

/** "31/12/2030 23:59:59" in the time zone (the settings accept only zones this runtime knows). */
function brazilianTimestamp(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat("pt-BR", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return (iso) => {
    const parts = Object.fromEntries(
      format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
    );
    return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
  };
}

const exponentFree = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: 20 });
/** The import reads "1,234" (and "1.234") two ways, thousands or decimals: a trailing 0 makes it decimals. */
const readsTwoWays = /^-?[1-9]\d{0,2}\.\d{3}$/;

/** 1234.5 as "1234,5": no thousands separator, never an exponent, never a number the import finds ambiguous. */
export function brazilianNumber(value: number): string {
  const plain = String(value).includes("e") ? exponentFree.format(value) : String(value);
  return (readsTwoWays.test(plain) ? `${plain}0` : plain).replace(".", ",");
}

/** A stored YYYY-MM-DD as DD/MM/YYYY. */
const brazilianDate = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, "$3/$2/$1");

function customCell(
  definition: CustomFieldDefinition,
  value: CustomFieldValue | undefined,
  style: ContactCsvStyle,
): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.join(";");
  // the Portuguese words the import reads, as a Brazilian would type them
  if (style.portuguese && typeof value === "boolean") return value ? "sim" : "não";
  if (style.portuguese && typeof value === "number") return brazilianNumber(value);
  if (style.portuguese && definition.type === "date" && typeof value === "string")
    return brazilianDate(value);
  return String(value);
}

export function contactCsvRow(
  contact: Contact,
  definitions: readonly CustomFieldDefinition[],
  style: ContactCsvStyle = defaultCsvStyle,
): string[] {
  return [
    contact.id,
    contact.name,
    contact.email ?? "",
    contact.phone ?? "",
    contact.company?.name ?? "",
    contact.tags.map((tag) => tag.name).join(";"),
    style.formatTimestamp(contact.createdAt),
    ...definitions.map((definition) => customCell(definition, contact.metadata[definition.key], style)),
  ].map(neutralizeFormula);
}
