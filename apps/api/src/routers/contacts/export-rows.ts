import {
  type Contact,
  type CustomFieldDefinition,
  type CustomFieldValue,
  dateOrderOf,
  internationalPhone,
  mapCsvHeader,
  neutralizeFormula,
  type Organization,
} from "@crm/domain";

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

/** The first row, in the reader's language: labels the import reads back (it ignores "Criado em"). */
const builtInLabels = {
  portuguese: ["id", "Nome", "E-mail", "Telefone", "Empresa", "Etiquetas", "Criado em"],
  english: ["id", "Name", "Email", "Phone", "Company", "Tags", "Created at"],
} as const;

/**
 * The header: the built-in columns' labels in the organization's language, and each custom field by its label
 * ("Aniversário"), which the import reads back as that field. A label the import would read as something else
 * (a field labelled "Telefone" or "Criado em", two fields with one label, a formula) is written as its key.
 */
export function contactCsvHeader(
  definitions: readonly CustomFieldDefinition[],
  style: ContactCsvStyle = defaultCsvStyle,
): string[] {
  const builtIn: string[] = [...(style.portuguese ? builtInLabels.portuguese : builtInLabels.english)];
  const keys = definitions.map((definition) => definition.key);
  const meanings = (header: string[]) => {
    try {
      const columns = mapCsvHeader(header, definitions);
      // every custom column is its own field, and only "Criado em" / "Created at" goes unread
      const fine =
        columns.ignored.length === 1 &&
        columns.custom.every(({ index, definition }) => keys[index - builtIn.length] === definition.key);
      return fine && columns.custom.length === definitions.length;
    } catch {
      return false;
    }
  };
  // a field labelled "Criado em" would take the creation time's column: that column goes by its key then
  if (!meanings([...builtIn, ...keys])) builtIn[6] = "created_at";
  // one field at a time: its label is kept when the header still reads right with it and the labels kept so far
  const columns = [...keys];
  definitions.forEach((definition, index) => {
    const label = definition.label.trim();
    if (label === "" || neutralizeFormula(label) !== label) return;
    const tried = columns.map((column, other) => (other === index ? label : column));
    if (meanings([...builtIn, ...tried])) columns[index] = label;
  });
  return [...builtIn, ...columns];
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
    contact.phone === null ? "" : internationalPhone(contact.phone),
    contact.company?.name ?? "",
    contact.tags.map((tag) => tag.name).join(";"),
    style.formatTimestamp(contact.createdAt),
    ...definitions.map((definition) => customCell(definition, contact.metadata[definition.key], style)),
  ].map(neutralizeFormula);
}
