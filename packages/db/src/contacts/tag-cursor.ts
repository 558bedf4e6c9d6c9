import { decodePosition, encodePosition, isUuidValue } from "../shared/cursor";

/** Keyset position in the tag list's name order: (name_key, id). */
export interface TagNameCursor {
  key: string;
  id: string;
}

/** Names the order, so a cursor of the createdAt or updatedAt order (or another list) is refused. */
const tagNameList = "tags.name";

export const encodeTagNameCursor = (cursor: TagNameCursor): string =>
  encodePosition({ key: cursor.key, id: cursor.id }, tagNameList);

export function decodeTagNameCursor(cursor: string | undefined): TagNameCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  return decodePosition(cursor, tagNameList, ({ key, id }) =>
    // compared with text, which in Postgres cannot hold NUL
    typeof key === "string" && !key.includes("\u0000") && isUuidValue(id) ? { key, id } : undefined,
  );
}
