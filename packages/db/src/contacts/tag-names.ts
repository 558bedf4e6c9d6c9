import { defaultTagColor } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { findOrCreateByNameKey } from "./named-rows";

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

/** Ids of the organization's tags with these names, whatever their accents and letter case, creating the missing ones. */
export const findOrCreateTagsByNames = (
  db: Kysely<Database>,
  organizationId: string,
  names: readonly string[],
) =>
  findOrCreateByNameKey(db, "tags", organizationId, names, (name) => ({
    organization_id: organizationId,
    name,
    color: defaultTagColor,
  }));
