import { type CursorList, decodePosition, encodePosition } from "./cursor";

/** Opaque cursors for orderings the shared (created_at, id) cursor does not cover; see cursor.ts for `list`. */
export const encodeKeyset = (position: Record<string, unknown>, list: CursorList): string =>
  encodePosition(position, list);

export function decodeKeyset<T>(
  cursor: string | undefined,
  read: (value: Record<string, unknown>) => T | undefined,
  list: CursorList,
): T | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  return decodePosition(cursor, list, read);
}

export { isTimestampValue, isUuidValue } from "./cursor";
