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

/** The contact columns as the import help names them: by their Portuguese names to a Portuguese speaker. */
export function importColumnNames(locale: Locale): ImportColumnNames {
  const every = builtInColumns.flatMap((column) => [column, ...builtInColumnAliases[column]]);
  const main = locale === "pt-BR" ? builtInColumns.map(portugueseName) : [...builtInColumns];
  return { main, others: every.filter((name) => !main.includes(name)) };
}
