import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { type ContactRow, contactColumns, type TagRow, toContact } from "./rows";

/** Contacts with their company's name: the base of every read that returns contacts. */
export const selectContacts = (db: Kysely<Database>, organizationId: string) =>
  db
    .selectFrom("contacts as c")
    .leftJoin("companies as co", "co.id", "c.company_id")
    .select([...contactColumns, "co.name as company_name"])
    .where("c.organization_id", "=", organizationId);

export async function tagsOf(
  db: Kysely<Database>,
  organizationId: string,
  contactIds: string[],
): Promise<TagRow[]> {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom("contact_tags as ct")
    .innerJoin("tags as t", "t.id", "ct.tag_id")
    .select(["ct.contact_id", "t.id", "t.name", "t.color"])
    .where("ct.organization_id", "=", organizationId)
    .where("ct.contact_id", "in", contactIds)
    .orderBy((eb) => eb.fn("lower", ["t.name"]))
    .execute();
}

/** Rows to contacts, with their tags loaded in one query. */
export async function withTags(db: Kysely<Database>, organizationId: string, rows: ContactRow[]) {
  const tags = await tagsOf(
    db,
    organizationId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toContact(row, tags));
}
