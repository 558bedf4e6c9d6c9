import { createHash } from "node:crypto";
import { DomainError, isUuid } from "@crm/domain";

/** Keyset cursor over (created_at, id): stable under inserts, unlike OFFSET. */
export interface KeysetCursor {
  at: string;
  id: string;
}

/*
 * A cursor names the list (and order) it was made for, e.g. "deals" or "contacts.name": passed to another
 * list it answers 400 instead of a wrong or empty page. Every list names its cursors, so one naming no list
 * comes from no list of ours (or from before lists named theirs): it is refused the same way, and the client
 * starts again without it. The few lists whose older cursors had a shape of their own read those themselves.
 *
 * A list narrowed by filters binds its cursors to their values too (`filteredList`): a position means nothing
 * among other rows (page 2 of `?contactId=A` would skip or repeat rows of `?contactId=B`), so a cursor passed
 * with other values answers 400. It carries a digest, not the values: a search text would not fit a cursor.
 */

export const invalidCursor = () =>
  new DomainError("VALIDATION_FAILED", "Invalid cursor", { fieldErrors: { cursor: ["Invalid cursor"] } });

const otherListMessage = "This cursor belongs to another list or sort; start again without it";
export const otherListCursor = () =>
  new DomainError("VALIDATION_FAILED", otherListMessage, { fieldErrors: { cursor: [otherListMessage] } });

const otherFiltersMessage =
  "This cursor belongs to this list with other filters; pass the filters of its first page, or start again without it";
export const otherFiltersCursor = () =>
  new DomainError("VALIDATION_FAILED", otherFiltersMessage, {
    fieldErrors: { cursor: [otherFiltersMessage] },
  });

/** The values of the filters that decide which rows a list holds and in what order; undefined is no filter. */
export type CursorFilters = Record<string, unknown>;

/** A list and the filter values its cursors are bound to. */
export interface FilteredList {
  list: string;
  filters: CursorFilters;
}

/** A list's name alone (a list with no filters), or with its filters. */
export type CursorList = string | FilteredList;

export const filteredList = (list: string, filters: CursorFilters): FilteredList => ({ list, filters });

const listName = (list: CursorList): string => (typeof list === "string" ? list : list.list);

// object keys sorted at every depth, so the digest does not depend on the order a filter was written in
const sortedKeys = (_key: string, value: unknown): unknown =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

/**
 * The digest of the filters' values (Dates as ISO strings); undefined without any, so the cursors of a list
 * read with no filter are those it made before filters were bound.
 */
function filtersDigest(list: CursorList): string | undefined {
  if (typeof list === "string") return undefined;
  const json = JSON.stringify(list.filters, sortedKeys);
  if (json === "{}") return undefined;
  return createHash("sha256").update(json).digest("base64url").slice(0, 22);
}

/** Whether `list` binds its cursors to filter values (a cursor of another shape cannot carry them). */
export const bindsFilters = (list: CursorList): boolean => filtersDigest(list) !== undefined;

/** A keyset position as an opaque cursor naming its list (and its filters' digest, if it has any). */
export function encodePosition(position: Record<string, unknown>, list: CursorList): string {
  const filters = filtersDigest(list);
  return Buffer.from(
    JSON.stringify({ list: listName(list), ...(filters !== undefined && { filters }), ...position }),
  ).toString("base64url");
}

/**
 * The cursor's JSON without its list, and whether it named one; undefined when it is no JSON at all. Throws
 * when it names another list than `list`, or the same one with other filters.
 */
export function readCursor(cursor: string, list: CursorList): { json: unknown; named: boolean } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !("list" in parsed))
    return { json: parsed, named: false };
  const { list: named, filters, ...position } = parsed as { list: unknown; filters?: unknown };
  if (named !== listName(list)) throw otherListCursor();
  if (filters !== filtersDigest(list)) throw otherFiltersCursor();
  return { json: position, named: true };
}

/**
 * The position `read` finds in a cursor `list` wrote. One it cannot read is invalid; a readable one naming no
 * list comes from elsewhere, and is refused as another list's.
 */
export function decodePosition<T>(
  cursor: string,
  list: CursorList,
  read: (value: Record<string, unknown>) => T | undefined,
): T {
  const found = readCursor(cursor, list);
  const json = found?.json;
  const position =
    typeof json === "object" && json !== null && !Array.isArray(json)
      ? read(json as Record<string, unknown>)
      : undefined;
  if (position === undefined) throw invalidCursor();
  if (!found?.named) throw otherListCursor();
  return position;
}

/** `at` as a Date, or already as its ISO string. */
export const encodeCursor = (at: Date | string, id: string, list: CursorList): string =>
  encodePosition({ at: typeof at === "string" ? at : at.toISOString(), id }, list);

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

/** The position of a cursor `list` wrote; one naming no list (or another) is refused. */
export function decodeCursor(cursor: string | undefined, list: CursorList): KeysetCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  return decodePosition(cursor, list, ({ at, id }) =>
    isTimestampValue(at) && isUuidValue(id) ? { at, id } : undefined,
  );
}

/** Turns rows fetched with limit + 1 into a page whose cursor names `list`. */
export function toPage<Row extends { created_at: Date | string; id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  list: CursorList,
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last ? encodeCursor(last.created_at, last.id, list) : null,
  };
}
