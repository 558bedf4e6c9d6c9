import type { ContactSort } from "@crm/domain";
import {
  encodePosition,
  invalidCursor,
  isTimestampValue,
  isUuidValue,
  otherListCursor,
  readCursor,
} from "../shared/cursor";

/** Keyset position in one of the contact list's orders: (created_at, id), (name_key, id) or (updated_at, id). */
export interface ContactCursor {
  sort: ContactSort;
  key: string;
  id: string;
}

const contactList = (sort: ContactSort) => `contacts.${sort}`;

export const encodeContactCursor = (cursor: ContactCursor): string =>
  encodePosition({ key: cursor.key, id: cursor.id }, contactList(cursor.sort));

/**
 * A cursor of another sort order (or of another list) is refused: its key would compare against the wrong
 * column. Cursors written before they named their list were `[sort, key, id]`, which only this list made.
 */
export function decodeContactCursor(
  cursor: string | undefined,
  sort: ContactSort,
): ContactCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const read = readCursor(cursor, contactList(sort));
  let key: unknown;
  let id: unknown;
  if (read === undefined) throw invalidCursor();
  if (Array.isArray(read.json)) {
    const [cursorSort, ...position] = read.json as unknown[];
    // only the createdAt and name orders existed then
    if (cursorSort !== sort || sort === "updatedAt")
      throw cursorSort === "name" || cursorSort === "createdAt" ? otherListCursor() : invalidCursor();
    if (position.length !== 2) throw invalidCursor();
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

/** The list is one import's rows: a cursor of another import's is refused, not read as a position here. */
const importRowsList = (importId: string) => `contactImportRows.${importId}`;

export const encodeRowCursor = (importId: string, rowNumber: number): string =>
  encodePosition({ row: rowNumber }, importRowsList(importId));

/** Cursors written before they named their list were the row number's digits. */
export function decodeRowCursor(importId: string, cursor: string | undefined): number {
  if (cursor === undefined || cursor === "") return 0;
  const json = readCursor(cursor, importRowsList(importId))?.json;
  const value = typeof json === "object" && json !== null && "row" in json ? json.row : json;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw invalidCursor();
  return value;
}
