import { sql } from "kysely";

/**
 * Text put in the form of a stored name key (contacts' and companies' `name_key`, migrations 0019 and 0048):
 * lower(crm_unaccent(text)), computed once per statement for a fragment or a cursor, never a row at a time.
 */
export const asNameKey = (text: string) => sql<string>`lower(crm_unaccent(${text}))`;
