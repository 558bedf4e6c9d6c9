import { DomainError, isUuid } from "@crm/domain";

/** Keyset cursor over (created_at, id): stable under inserts, unlike OFFSET. */
export interface KeysetCursor {
  at: string;
  id: string;
}

/** `at` as a Date, or already as its ISO string. */
export const encodeCursor = (at: Date | string, id: string): string =>
  Buffer.from(JSON.stringify({ at: typeof at === "string" ? at : at.toISOString(), id })).toString(
    "base64url",
  );

export const isUuidValue = (value: unknown): value is string => typeof value === "string" && isUuid(value);

// Postgres' timestamptz reaches past these years (and Date.parse further still); no row is ever outside them.
const earliest = Date.parse("0001-01-01T00:00:00.000Z");
const latest = Date.parse("9999-12-31T23:59:59.999Z");

/** A time a cursor may carry: parseable, and one Postgres accepts, so a crafted cursor is refused, not a 500. */
export function isTimestampValue(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const time = Date.parse(value);
  return time >= earliest && time <= latest;
}

export function decodeCursor(cursor: string | undefined): KeysetCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "at" in parsed &&
      "id" in parsed &&
      isTimestampValue(parsed.at) &&
      isUuidValue(parsed.id)
    ) {
      return { at: parsed.at, id: parsed.id };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError("VALIDATION_FAILED", "Invalid cursor", {
    fieldErrors: { cursor: ["Invalid cursor"] },
  });
}

/** Turns rows fetched with limit + 1 into a page. */
export function toPage<Row extends { created_at: Date | string; id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last ? encodeCursor(last.created_at, last.id) : null,
  };
}
