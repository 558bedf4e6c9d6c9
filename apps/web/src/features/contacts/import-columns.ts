import { builtInColumnAliases, builtInColumns } from "@crm/domain/contacts/csv-columns";
import type { Locale } from "../../i18n/locale";

export interface ImportColumnNames {
  /** One name per contact field, in the user's language: the help's list and the template's header. */
  main: string[];
  /** The other names the import reads just as well (in Portuguese, the English ones). */
  others: string[];
}

/** The contact columns as the import help names them: by their Portuguese names to a Portuguese speaker. */
export function importColumnNames(locale: Locale): ImportColumnNames {
  const aliases = builtInColumns.map((column) => builtInColumnAliases[column]);
  if (locale !== "pt-BR") return { main: [...builtInColumns], others: aliases.flat() };
  const main = builtInColumns.map((column, index) => aliases[index]?.[0] ?? column);
  const others = [...builtInColumns, ...aliases.flatMap((names) => names.slice(1))];
  return { main, others };
}
