import type { ContactFilter, ContactSort, ImportRowOutcome } from "@crm/domain";
import {
  bindsFilters,
  type CursorList,
  encodePosition,
  filteredList,
  invalidCursor,
  isTimestampValue,
  isUuidValue,
  otherFiltersCursor,
  otherListCursor,
  readCursor,
} from "../shared/cursor";

/** Keyset position in one of the contact list's orders: (created_at, id), (name_key, id) or (updated_at, id). */
export interface ContactCursor {
  sort: ContactSort;
  key: string;
  id: string;
}

/** Every filter decides the rows, so a cursor is bound to all of them. */
const contactList = (sort: ContactSort, filter: ContactFilter): CursorList =>
  filteredList(`contacts.${sort}`, { ...filter });

export const encodeContactCursor = (cursor: ContactCursor, filter: ContactFilter): string =>
  encodePosition({ key: cursor.key, id: cursor.id }, contactList(cursor.sort, filter));

/**
 * A cursor of another sort order (or of another list) is refused: its key would compare against the wrong
 * column; so is one of other filters. Cursors written before they named their list were `[sort, key, id]`,
 * which only this list made, with no filters bound.
 */
export function decodeContactCursor(
  cursor: string | undefined,
  sort: ContactSort,
  filter: ContactFilter,
): ContactCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const list = contactList(sort, filter);
  const read = readCursor(cursor, list);
  let key: unknown;
  let id: unknown;
  if (read === undefined) throw invalidCursor();
  if (Array.isArray(read.json)) {
    const [cursorSort, ...position] = read.json as unknown[];
    // only the createdAt and name orders existed then
    if (cursorSort !== sort || sort === "updatedAt")
      throw cursorSort === "name" || cursorSort === "createdAt" ? otherListCursor() : invalidCursor();
    if (position.length !== 2) throw invalidCursor();
    if (bindsFilters(list)) throw otherFiltersCursor();
    [key, id] = position;
  } else if (read.named && typeof read.json === "object" && read.json !== null) {
    ({ key, id } = read.json as { key?: unknown; id?: unknown });
  } else if (typeof read.json === "object" && read.json !== null) {
    // an object naming no list comes from another list: before lists were named, this one made arrays
    throw otherListCursor();
  } else throw invalidCursor();
  if (typeof key !== "string" || !isUuidValue(id)) throw invalidCursor();
  // the key is compared with a timestamp or with text, and Postgres text cannot hold NUL
  if (sort === "name" ? key.includes("\u0000") : !isTimestampValue(key)) throw invalidCursor();
  return { sort, key, id };
}

type RowFilter = { outcome?: ImportRowOutcome | undefined; warned?: boolean | undefined };

/**
 * The list is one import's rows of one outcome (or all): a cursor of another import's, or of another outcome's,
 * is refused, not read as a position here.
 */
const importRowsList = (importId: string, filter: RowFilter) =>
  filteredList(`contactImportRows.${importId}`, {
    outcome: filter.outcome,
    ...(filter.warned ? { warned: "yes" } : {}),
  });

export const encodeRowCursor = (importId: string, rowNumber: number, filter: RowFilter): string =>
  encodePosition({ row: rowNumber }, importRowsList(importId, filter));

/** Cursors written before they named their list were the row number's digits, of every outcome. */
export function decodeRowCursor(importId: string, cursor: string | undefined, filter: RowFilter): number {
  if (cursor === undefined || cursor === "") return 0;
  const list = importRowsList(importId, filter);
  const read = readCursor(cursor, list);
  const json = read?.json;
  const value = typeof json === "object" && json !== null && "row" in json ? json.row : json;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw invalidCursor();
  if (!read?.named && bindsFilters(list)) throw otherFiltersCursor();
  return value;
}
