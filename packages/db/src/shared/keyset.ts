import { encodePosition, invalidCursor, readCursor } from "./cursor";

/** Opaque cursors for orderings the shared (created_at, id) cursor does not cover; see cursor.ts for `list`. */
export const encodeKeyset = (position: Record<string, unknown>, list?: string): string =>
  encodePosition(position, list);

export function decodeKeyset<T>(
  cursor: string | undefined,
  read: (value: Record<string, unknown>) => T | undefined,
  list?: string,
): T | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const parsed = readCursor(cursor, list)?.json;
  const decoded =
    typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? read(parsed as Record<string, unknown>)
      : undefined;
  if (decoded === undefined) throw invalidCursor();
  return decoded;
}

export { isTimestampValue, isUuidValue } from "./cursor";
