import { type Contact, type ContactFilter, type ContactPageRequest, type Page, pageSize } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { escapeLike } from "../shared/escape-like";
import { asNameKey } from "../shared/name-key";
import { updatedRangeConditions } from "../shared/updated-order";
import { decodeContactCursor, encodeContactCursor } from "./contact-cursor";
import { selectContacts } from "./contact-queries";
import { toContact } from "./rows";

const phoneLike = /^[\d\s+().-]+$/;
const minPhoneDigits = 3;
// a Brazilian mobile typed without its ninth digit, as people still write old numbers: (DDD) then 8 digits
const brazilianMobileWithoutNinth = /^(55)?([1-9]{2})([6-9]\d{7})$/;

/** The digits a phone search matches: as typed, and a Brazilian mobile's form with the ninth digit (stored). */
function phoneDigitForms(digits: string): string[] {
  const old = digits.match(brazilianMobileWithoutNinth);
  return old ? [digits, `${old[1] ?? ""}${old[2]}9${old[3]}`] : [digits];
}

/**
 * One page of the organization's contacts, newest first, by name or least recently changed first (to sync),
 * keyset-paginated. Every filter is an
 * index condition: trigram GIN indexes serve the search, the jsonb_path_ops index the custom field.
 * A name, the contact's or its company's, is searched and sorted without accents or letter case ("Joao" finds
 * "João", "Érica" sorts among the E's) through its stored key (migrations 0019 and 0048).
 */
export async function listContacts(
  db: Kysely<Database>,
  organizationId: string,
  filter: ContactFilter,
  page: ContactPageRequest,
): Promise<Page<Contact>> {
  const sort = page.sort ?? "createdAt";
  const limit = pageSize(page.limit);
  const cursor = decodeContactCursor(page.cursor, sort, filter);
  let query = selectContacts(db, organizationId).select("c.name_key as sort_name");

  if (filter.companyId) query = query.where("c.company_id", "=", filter.companyId);
  if (filter.tagId) {
    const tagId = filter.tagId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("contact_tags as ct")
          .select("ct.tag_id")
          .whereRef("ct.contact_id", "=", "c.id")
          .where("ct.tag_id", "=", tagId),
      ),
    );
  }
  if (filter.hasPhone !== undefined) query = query.where("c.phone", filter.hasPhone ? "is not" : "is", null);
  if (filter.hasEmail !== undefined) query = query.where("c.email", filter.hasEmail ? "is not" : "is", null);
  if (filter.createdFrom) query = query.where("c.created_at", ">=", filter.createdFrom);
  if (filter.createdTo) query = query.where("c.created_at", "<=", filter.createdTo);
  query = query.where((eb) => eb.and(updatedRangeConditions("c", filter)));
  if (filter.customField) {
    const { key, value } = filter.customField;
    // a multi-select holds an array: containment matches contacts having every given option
    const contained = JSON.stringify({ [key]: value });
    query = query.where(sql<boolean>`c.metadata @> ${contained}::jsonb`);
  }
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const digits = filter.search.replace(/\D/g, "");
    const byPhone = phoneLike.test(filter.search) && digits.length >= minPhoneDigits;
    query = query.where((eb) =>
      eb.or([
        eb("c.name_key", "like", asNameKey(pattern)),
        eb("c.email", "ilike", pattern),
        // the people working at a company so named: its ids once, then contacts by idx_contacts_company
        eb(
          "c.company_id",
          "=",
          sql<string>`any(array(${db
            .selectFrom("companies")
            .select("id")
            .where("organization_id", "=", organizationId)
            .where("name_key", "like", asNameKey(pattern))}))`,
        ),
        ...(byPhone ? phoneDigitForms(digits).map((form) => eb("c.phone", "like", `%${form}%`)) : []),
      ]),
    );
  }

  if (sort === "name") {
    // a cursor written before 0019 holds lower(name), accents and all: normalizing the key places it too
    if (cursor)
      query = query.where(sql<boolean>`(c.name_key, c.id) > (${asNameKey(cursor.key)}, ${cursor.id}::uuid)`);
    query = query.orderBy("c.name_key", "asc").orderBy("c.id", "asc");
  } else if (sort === "updatedAt") {
    if (cursor)
      query = query.where(sql<boolean>`(c.updated_at, c.id) > (${new Date(cursor.key)}, ${cursor.id}::uuid)`);
    query = query.orderBy("c.updated_at", "asc").orderBy("c.id", "asc");
  } else {
    if (cursor)
      query = query.where(sql<boolean>`(c.created_at, c.id) < (${new Date(cursor.key)}, ${cursor.id}::uuid)`);
    query = query.orderBy("c.created_at", "desc").orderBy("c.id", "desc");
  }

  const rows = await query.limit(limit + 1).execute();
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeContactCursor(
          {
            sort,
            key: sort === "name" ? last.sort_name : sort === "updatedAt" ? last.updated_at : last.created_at,
            id: last.id,
          },
          filter,
        )
      : null;
  return { items: pageRows.map(toContact), nextCursor };
}
