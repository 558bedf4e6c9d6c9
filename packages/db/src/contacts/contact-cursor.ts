import { type ContactSort, DomainError } from "@crm/domain";
import { isTimestampValue, isUuidValue } from "../shared/cursor";

/** Keyset position in one of the contact list's orders: (created_at, id) or (name_key, id). */
export interface ContactCursor {
  sort: ContactSort;
  key: string;
  id: string;
}

const invalidCursor = () =>
  new DomainError("VALIDATION_FAILED", "Invalid cursor", { fieldErrors: { cursor: ["Invalid cursor"] } });

export const encodeContactCursor = (cursor: ContactCursor): string =>
  Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString("base64url");

/** A cursor from another sort order is rejected: its key would compare against the wrong column. */
export function decodeContactCursor(
  cursor: string | undefined,
  sort: ContactSort,
): ContactCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidCursor();
  const [cursorSort, key, id] = parsed as unknown[];
  if (cursorSort !== sort || typeof key !== "string" || typeof id !== "string") throw invalidCursor();
  if (!isUuidValue(id)) throw invalidCursor();
  // the key is compared with a timestamp or with text, and Postgres text cannot hold NUL
  if (sort === "createdAt" ? !isTimestampValue(key) : key.includes("\u0000")) throw invalidCursor();
  return { sort, key, id };
}

export const encodeRowCursor = (rowNumber: number): string =>
  Buffer.from(String(rowNumber)).toString("base64url");

export function decodeRowCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === "") return 0;
  const value = Number(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!Number.isSafeInteger(value) || value < 0) throw invalidCursor();
  return value;
}
