import { type BuiltInColumn, builtInColumnAliases, builtInColumns } from "@crm/domain/contacts/csv-columns";
import type { Locale } from "../../i18n/locale";

export interface ImportColumnNames {
  /** One name per contact field, in the user's language: the help's list and the template's header. */
  main: string[];
  /** The other names the import reads just as well (in Portuguese, the English ones). */
  others: string[];
}

/** The app says "Tags" in Portuguese too, so the help does not call that column "etiquetas". */
const portugueseName = (column: BuiltInColumn): string =>
  column === "tags" ? column : (builtInColumnAliases[column][0] ?? column);

/**
 * The template's text as the organization's spreadsheets read it, as the export writes: a UTF-8 BOM (Excel
 * shows accents) and, for an organization in Portuguese, `;` between columns, since Excel in Portuguese puts
 * a comma-separated header into one cell (and its rows, saved with `;`, would no longer match it).
 */
export function importTemplate(columns: readonly string[], organizationLocale: string): string {
  const separator = organizationLocale.toLowerCase().startsWith("pt") ? ";" : ",";
  const quoted = columns.map((column) =>
    /[",;\r\n]/.test(column) ? `"${column.replaceAll('"', '""')}"` : column,
  );
  return `\uFEFF${quoted.join(separator)}\r\n`;
}

/** The contact columns as the import help names them: by their Portuguese names to a Portuguese speaker. */
export function importColumnNames(locale: Locale): ImportColumnNames {
  const every = builtInColumns.flatMap((column) => [column, ...builtInColumnAliases[column]]);
  const main = locale === "pt-BR" ? builtInColumns.map(portugueseName) : [...builtInColumns];
  return { main, others: every.filter((name) => !main.includes(name)) };
}
