import { DomainError } from "@crm/domain";

/** Opaque cursors for orderings the shared (created_at, id) cursor does not cover. */
export const encodeKeyset = (position: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(position)).toString("base64url");

export function decodeKeyset<T>(
  cursor: string | undefined,
  read: (value: Record<string, unknown>) => T | undefined,
): T | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  let decoded: T | undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      decoded = read(parsed as Record<string, unknown>);
    }
  } catch {
    // an unreadable cursor is answered below like a malformed one
  }
  if (decoded === undefined) {
    throw new DomainError("VALIDATION_FAILED", "Invalid cursor", {
      fieldErrors: { cursor: ["Invalid cursor"] },
    });
  }
  return decoded;
}

export { isTimestampValue, isUuidValue } from "./cursor";
