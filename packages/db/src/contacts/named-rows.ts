import { type Insertable, type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

/** Rows per INSERT: well under Postgres' 65,535 parameters. */
export const rowsPerInsert = 1000;

export function chunks<T>(items: readonly T[], size = rowsPerInsert): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Ids of the organization's rows of `table` with these names, whatever their accents and letter case (the
 * stored `name_key` its unique index holds: tags' since 0033, companies' since 0053), inserting the missing ones
 * (a name another transaction inserts meanwhile is simply found; of two given names that differ only by
 * accents, the first is created and both find it). Keyed by lower-cased name as given.
 */
export async function findOrCreateByNameKey(
  db: Kysely<Database>,
  table: "tags" | "companies",
  organizationId: string,
  names: readonly string[],
  newRow: (name: string) => Insertable<Database["tags"]> | Insertable<Database["companies"]>,
): Promise<Map<string, string>> {
  const byLowerCase = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!byLowerCase.has(key)) byLowerCase.set(key, name);
  }
  const ids = new Map<string, string>();
  for (const chunk of chunks([...byLowerCase.values()])) {
    await db
      .insertInto(table)
      .values(chunk.map(newRow) as Insertable<Database["tags"]>[])
      .onConflict((oc) => oc.doNothing())
      .execute();
    const { rows } = await sql<{ name: string; id: string }>`
      select given.name, named.id
      from (values ${sql.join(chunk.map((name) => sql`(${name}::text)`))}) as given (name)
      join ${sql.table(table)} as named
        on named.organization_id = ${organizationId} and named.name_key = lower(crm_unaccent(given.name))
    `.execute(db);
    for (const row of rows) ids.set(row.name.toLowerCase(), row.id);
  }
  return ids;
}

export const findOrCreateCompaniesByNames = (
  db: Kysely<Database>,
  organizationId: string,
  names: readonly string[],
) =>
  findOrCreateByNameKey(db, "companies", organizationId, names, (name) => ({
    organization_id: organizationId,
    name,
  }));
