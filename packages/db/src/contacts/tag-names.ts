import { defaultTagColor } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { chunks } from "./named-rows";

/*
 * A tag's name is compared without accents or letter case through its stored key, `name_key` =
 * lower(crm_unaccent(name)) (migration 0033), unique in an organization: a name or a search pattern is put in
 * the same form once per statement, never a row at a time.
 */
export const tagNameKey = (text: string) => sql<string>`lower(crm_unaccent(${text}))`;

export async function findTagRowsByNames(
  db: Kysely<Database>,
  organizationId: string,
  names: readonly string[],
) {
  if (names.length === 0) return [];
  return db
    .selectFrom("tags")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where(
      "name_key",
      "in",
      names.map((name) => tagNameKey(name)),
    )
    .execute();
}

/**
 * Ids of the organization's tags with these names, whatever their accents and letter case, inserting the
 * missing ones (a name another transaction inserts meanwhile is simply found; of two given names that differ
 * only by accents, the first is created and both find it). Keyed by lower-cased name as given.
 */
export async function findOrCreateTagsByNames(
  db: Kysely<Database>,
  organizationId: string,
  names: readonly string[],
): Promise<Map<string, string>> {
  const byLowerCase = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!byLowerCase.has(key)) byLowerCase.set(key, name);
  }
  const ids = new Map<string, string>();
  for (const chunk of chunks([...byLowerCase.values()])) {
    await db
      .insertInto("tags")
      .values(chunk.map((name) => ({ organization_id: organizationId, name, color: defaultTagColor })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const { rows } = await sql<{ name: string; id: string }>`
      select given.name, tags.id
      from (values ${sql.join(chunk.map((name) => sql`(${name}::text)`))}) as given (name)
      join tags on tags.organization_id = ${organizationId} and tags.name_key = lower(crm_unaccent(given.name))
    `.execute(db);
    for (const row of rows) ids.set(row.name.toLowerCase(), row.id);
  }
  return ids;
}
