import { DomainError } from "@crm/domain";

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

export function decodeCursor(cursor: string | undefined): KeysetCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "at" in parsed &&
      "id" in parsed &&
      typeof parsed.at === "string" &&
      typeof parsed.id === "string" &&
      !Number.isNaN(Date.parse(parsed.at))
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
