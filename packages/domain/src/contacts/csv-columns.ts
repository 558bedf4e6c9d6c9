/** The contact fields a CSV import reads by name: the header of the template and of an export. */
export const builtInColumns = ["name", "email", "phone", "company", "tags"] as const;
export type BuiltInColumn = (typeof builtInColumns)[number];

/**
 * Other names a built-in column goes by, compared without letter case, accents, spaces, `-` or `_`: a
 * spreadsheet made in Portuguese says "Nome;E-mail;Telefone;Empresa;Etiquetas". The first is the usual one.
 */
export const builtInColumnAliases: Record<BuiltInColumn, readonly string[]> = {
  name: ["nome", "nome completo", "primeiro nome", "first name", "given name"],
  email: ["e-mail"],
  phone: ["telefone", "celular", "whatsapp"],
  company: ["empresa"],
  tags: ["etiquetas"],
};

/**
 * A column holding the rest of a person's name, which the import joins to the name column's text ("Juliana"
 * and "Figueiredo Santos" make "Juliana Figueiredo Santos"): the contact has one name.
 */
export const lastNameColumnAliases: readonly string[] = [
  "sobrenome",
  "último nome",
  "últimos nomes",
  "nome de família",
  "last name",
  "surname",
  "family name",
];
