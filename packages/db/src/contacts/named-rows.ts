import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

/** Rows per INSERT: well under Postgres' 65,535 parameters. */
export const rowsPerInsert = 1000;

export function chunks<T>(items: readonly T[], size = rowsPerInsert): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Ids of the organization's companies with these names, whatever their letter case, inserting the missing ones
 * (a name another transaction inserts meanwhile is simply found). Keyed by lower-cased name. Tags have their
 * own, which also ignores accents (tag-names.ts).
 */
export async function findOrCreateCompaniesByNames(
  db: Kysely<Database>,
  organizationId: string,
  names: readonly string[],
): Promise<Map<string, string>> {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, name);
  }
  const ids = new Map<string, string>();
  if (byKey.size === 0) return ids;
  for (const chunk of chunks([...byKey.values()])) {
    const values = chunk.map((name) => ({ organization_id: organizationId, name }));
    await db
      .insertInto("companies")
      .values(values)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const chunk of chunks([...byKey.keys()])) {
    const rows = await db
      .selectFrom("companies")
      .select(["id", sql<string>`lower(name)`.as("key")])
      .where("organization_id", "=", organizationId)
      .where(sql<string>`lower(name)`, "in", chunk)
      .execute();
    for (const row of rows) ids.set(row.key, row.id);
  }
  return ids;
}
