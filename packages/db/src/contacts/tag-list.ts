import {
  type Page,
  pageSize,
  type SortedPageRequest,
  type Tag,
  type TagFilter,
  type TagSort,
} from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { escapeLike } from "../shared/escape-like";
import { afterUpdated, toUpdatedPage, updatedList, updatedRangeConditions } from "../shared/updated-order";
import { toTag } from "./rows";
import { decodeTagNameCursor, encodeTagNameCursor } from "./tag-cursor";
import { tagNameKey } from "./tag-names";

/**
 * One page of the organization's tags, A-Z without accents or letter case (the default), newest first, or least
 * recently changed first (to sync), keyset-paginated; each order's cursor names it.
 */
export async function listTags(
  db: Kysely<Database>,
  organizationId: string,
  filter: TagFilter,
  page: SortedPageRequest<TagSort>,
): Promise<Page<Tag>> {
  const limit = pageSize(page.limit);
  let query = db
    .selectFrom("tags")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where((eb) => eb.and(updatedRangeConditions("tags", filter)));
  const search = filter.search?.trim();
  if (search) query = query.where("name_key", "like", tagNameKey(`%${escapeLike(search)}%`));
  // what decides the rows, a blank search being none
  const filters = { ...filter, search: search || undefined };
  const list = filteredList("tags", filters);

  if (page.sort === "updatedAt") {
    const after = decodeCursor(page.cursor, updatedList(list));
    const rows = await (after ? query.where(afterUpdated("tags", after)) : query)
      .orderBy("updated_at", "asc")
      .orderBy("id", "asc")
      .limit(limit + 1)
      .execute();
    return toUpdatedPage(rows, limit, toTag, list);
  }
  if (page.sort === "createdAt") {
    const after = decodeCursor(page.cursor, list);
    const rows = await (after
      ? query.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(after.at), after.id)))
      : query
    )
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    return toPage(rows, limit, toTag, list);
  }
  // by name, A-Z without accents or letter case, on the unique (organization_id, name_key) index
  const after = decodeTagNameCursor(page.cursor, filters);
  const rows = await (after
    ? query.where(sql<boolean>`(tags.name_key, tags.id) > (${after.key}, ${after.id}::uuid)`)
    : query
  )
    .orderBy("name_key", "asc")
    .orderBy("id", "asc")
    .limit(limit + 1)
    .execute();
  const last = rows.slice(0, limit).at(-1);
  return {
    items: rows.slice(0, limit).map(toTag),
    nextCursor:
      rows.length > limit && last ? encodeTagNameCursor({ key: last.name_key, id: last.id }, filters) : null,
  };
}
