import {
  type CursorFilters,
  decodePosition,
  encodePosition,
  filteredList,
  isUuidValue,
} from "../shared/cursor";

/** Keyset position in the tag list's name order: (name_key, id). */
export interface TagNameCursor {
  key: string;
  id: string;
}

/**
 * Names the order, so a cursor of the createdAt or updatedAt order (or another list) is refused, and carries
 * the list's filters, so one of another search is too.
 */
const tagNameList = (filters: CursorFilters) => filteredList("tags.name", filters);

export const encodeTagNameCursor = (cursor: TagNameCursor, filters: CursorFilters): string =>
  encodePosition({ key: cursor.key, id: cursor.id }, tagNameList(filters));

export function decodeTagNameCursor(
  cursor: string | undefined,
  filters: CursorFilters,
): TagNameCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  return decodePosition(cursor, tagNameList(filters), ({ key, id }) =>
    // compared with text, which in Postgres cannot hold NUL
    typeof key === "string" && !key.includes("\u0000") && isUuidValue(id) ? { key, id } : undefined,
  );
}
